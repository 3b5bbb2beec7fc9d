import LabelledField, { type LabelledFieldProps } from '../../../shared/components/LabelledField';

/** One labelled field of the teams forms (.team-form-error, .report-error), drawn as `.team-field` (styles in ../page.scss). */
export default function FormField(props: Omit<LabelledFieldProps, 'block'>) {
  return <LabelledField block='team' {...props} />;
}

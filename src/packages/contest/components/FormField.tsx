import LabelledField, { type LabelledFieldProps } from '../../../shared/components/LabelledField';

/** One labelled field of the contest forms (.entry-form-error), drawn as `.contest-field` (styles in ../page.scss). */
export default function FormField(props: Omit<LabelledFieldProps, 'block'>) {
  return <LabelledField block='contest' {...props} />;
}

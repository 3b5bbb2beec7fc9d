import { Input, Text, Textarea, View } from '@tarojs/components';

interface Props {
  label: string;
  /** Test hook on the input (H5: `.<hook> input` / `.<hook> textarea`). */
  hook: string;
  value: string;
  placeholder: string;
  maxlength: number;
  multiline?: boolean;
  hint?: string;
  /** This field's own problem (the form's check), with the form's error hook (`.entry-form-error`). */
  error?: { message: string; hook: string } | null;
  onInput: (value: string) => void;
}

/** One labelled field of the contest forms (styles in ../page.scss). */
export default function FormField({ label, hook, value, placeholder, maxlength, multiline, hint, error, onInput }: Props) {
  return (
    <View className={`contest-field ${multiline ? 'contest-field--multiline' : ''} ${error ? 'contest-field--wrong' : ''}`}>
      <Text className='contest-field__label'>{label}</Text>
      {multiline ? (
        <Textarea
          className={`contest-field__textarea ${hook}`}
          value={value}
          maxlength={maxlength}
          placeholder={placeholder}
          placeholderClass='contest-field__placeholder'
          autoHeight
          onInput={(e) => onInput(e.detail.value)}
        />
      ) : (
        <Input
          className={`contest-field__input ${hook}`}
          value={value}
          maxlength={maxlength}
          placeholder={placeholder}
          placeholderClass='contest-field__placeholder'
          onInput={(e) => onInput(e.detail.value)}
        />
      )}
      {hint ? <Text className='contest-field__hint'>{hint}</Text> : null}
      {error ? <Text className={`contest-error contest-field__error ${error.hook}`}>{error.message}</Text> : null}
    </View>
  );
}

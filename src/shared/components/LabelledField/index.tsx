import { Input, Text, Textarea, View } from '@tarojs/components';

export interface LabelledFieldProps {
  /**
   * The class block the field is drawn with (`<block>-field`, `<block>-field__label`, …, and `<block>-error` on its
   * problem): each form's own stylesheet owns its block, so one component serves forms that look different.
   */
  block: string;
  label: string;
  /** Test hook on the input (H5: `.<hook> input` / `.<hook> textarea`). */
  hook: string;
  value: string;
  placeholder: string;
  maxlength: number;
  multiline?: boolean;
  hint?: string;
  /** This field's own problem (the form's check), with the form's error hook. */
  error?: { message: string; hook: string } | null;
  onInput: (value: string) => void;
}

/** One labelled text field with its hint and its own problem under it. */
export default function LabelledField({ block, label, hook, value, placeholder, maxlength, multiline, hint, error, onInput }: LabelledFieldProps) {
  const field = `${block}-field`;
  return (
    <View className={`${field} ${multiline ? `${field}--multiline` : ''} ${error ? `${field}--wrong` : ''}`}>
      <Text className={`${field}__label`}>{label}</Text>
      {multiline ? (
        <Textarea
          className={`${field}__textarea ${hook}`}
          value={value}
          maxlength={maxlength}
          placeholder={placeholder}
          placeholderClass={`${field}__placeholder`}
          autoHeight
          onInput={(e) => onInput(e.detail.value)}
        />
      ) : (
        <Input
          className={`${field}__input ${hook}`}
          value={value}
          maxlength={maxlength}
          placeholder={placeholder}
          placeholderClass={`${field}__placeholder`}
          onInput={(e) => onInput(e.detail.value)}
        />
      )}
      {hint ? <Text className={`${field}__hint`}>{hint}</Text> : null}
      {error ? <Text className={`${block}-error ${field}__error ${error.hook}`}>{error.message}</Text> : null}
    </View>
  );
}

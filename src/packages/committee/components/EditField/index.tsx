import { Input, Text, Textarea, View } from '@tarojs/components';
import './index.scss';

interface Props {
  label: string;
  /** Test hook on the input (H5: `.<hook> input` / `.<hook> textarea`; weapp: the native element). */
  hook: string;
  value: string;
  placeholder?: string;
  maxlength?: number;
  /** A number keyboard (digit or decimal). */
  type?: 'text' | 'number' | 'digit';
  multiline?: boolean;
  /** Shown after the input: 人, 学分, 小时… */
  unit?: string;
  hint?: string;
  /** The server's or the form's sentence for this field: shown in red under it. */
  error?: string;
  onInput: (value: string) => void;
}

/** One field of 发布活动, with its label, unit, hint and its own error line. */
export default function EditField({ label, hook, value, placeholder = '', maxlength = 60, type = 'text', multiline, unit, hint, error, onInput }: Props) {
  return (
    <View className={`edit-field ${multiline ? 'edit-field--multiline' : ''} ${error ? 'edit-field--error field-error-on' : ''}`}>
      <View className='edit-field__row'>
        <Text className='edit-field__label'>{label}</Text>
        {multiline ? (
          <Textarea
            className={`edit-field__textarea ${hook}`}
            value={value}
            maxlength={maxlength}
            placeholder={placeholder}
            placeholderClass='edit-field__placeholder'
            autoHeight
            onInput={(e) => onInput(e.detail.value)}
          />
        ) : (
          <Input
            className={`edit-field__input ${hook}`}
            value={value}
            type={type}
            maxlength={maxlength}
            placeholder={placeholder}
            placeholderClass='edit-field__placeholder'
            onInput={(e) => onInput(e.detail.value)}
          />
        )}
        {unit ? <Text className='edit-field__unit'>{unit}</Text> : null}
      </View>
      {error ? <Text className='edit-field__error field-error'>{error}</Text> : hint ? <Text className='edit-field__hint'>{hint}</Text> : null}
    </View>
  );
}

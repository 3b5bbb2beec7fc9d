import { Input, Text, View } from '@tarojs/components';
import './index.scss';

interface Props {
  label: string;
  /** Test hook, e.g. `role-account` (H5: `.role-account input`; weapp: on the native input itself). */
  hook: string;
  value: string;
  placeholder: string;
  maxlength: number;
  disabled?: boolean;
  hint?: string;
  onInput: (value: string) => void;
  onConfirm?: () => void;
}

/** One labelled line of a committee form (the same look as the binding form on 我的). */
export default function FormField({ label, hook, value, placeholder, maxlength, disabled, hint, onInput, onConfirm }: Props) {
  return (
    <View className={`form-field ${disabled ? 'form-field--disabled' : ''}`}>
      <View className='form-field__row'>
        <Text className='form-field__label'>{label}</Text>
        <Input
          className={`form-field__input ${hook}`}
          value={value}
          maxlength={maxlength}
          disabled={disabled}
          placeholder={placeholder}
          placeholderClass='form-field__placeholder'
          onInput={(e) => onInput(e.detail.value)}
          onConfirm={onConfirm}
        />
      </View>
      {hint ? <Text className='form-field__hint'>{hint}</Text> : null}
    </View>
  );
}

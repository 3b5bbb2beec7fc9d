import { Text, View } from '@tarojs/components';
import './index.scss';

interface Props<T extends string> {
  label?: string;
  /** Test hook prefix: each chip gets `<hook>-<index>` and `data-value`; chosen ones `choice-chip--on`. */
  hook: string;
  options: ReadonlyArray<{ value: T; label: string }>;
  /** One value (single choice) or several (multi). */
  value: T | readonly T[];
  hint?: string;
  error?: string;
  onChange: (value: T) => void;
}

/** Choices as chips: one of a few (类型, 赛道) or several (学院, 年级). The parent decides what a tap means. */
export default function ChoiceChips<T extends string>({ label, hook, options, value, hint, error, onChange }: Props<T>) {
  const chosen = (v: T) => (Array.isArray(value) ? value.includes(v) : value === v);
  return (
    <View className={`choice-chips ${hook}`}>
      {label ? <Text className='choice-chips__label'>{label}</Text> : null}
      <View className='choice-chips__list'>
        {options.map((o, i) => (
          <View
            key={o.value}
            data-value={o.value}
            className={`choice-chip ${hook}-${i} ${chosen(o.value) ? 'choice-chip--on' : ''}`}
            onClick={() => onChange(o.value)}
          >
            <Text className='choice-chip__text'>{o.label}</Text>
          </View>
        ))}
      </View>
      {error ? <Text className='choice-chips__error field-error'>{error}</Text> : hint ? <Text className='choice-chips__hint'>{hint}</Text> : null}
    </View>
  );
}

import { Text, View } from '@tarojs/components';
import './index.scss';

interface Props<T extends string> {
  /** Test hook prefix: each option gets `<hook>-<value>`, the chosen one `<hook>--active`. */
  hook: string;
  value: T;
  options: ReadonlyArray<{ value: T; label: string }>;
  onChange: (value: T) => void;
}

/** Two or three choices side by side (按学院 / 按团支部). */
export default function SegmentSwitch<T extends string>({ hook, value, options, onChange }: Props<T>) {
  return (
    <View className='segment-switch'>
      {options.map((o) => (
        <View
          key={o.value}
          className={`segment-switch__item ${hook}-${o.value} ${o.value === value ? `segment-switch__item--active ${hook}--active` : ''}`}
          onClick={() => onChange(o.value)}
        >
          <Text className='segment-switch__label'>{o.label}</Text>
        </View>
      ))}
    </View>
  );
}

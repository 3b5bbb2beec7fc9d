import { Text, View } from '@tarojs/components';
import './index.scss';

interface Props {
  value: 'in' | 'out';
  onChange: (value: 'in' | 'out') => void;
}

const OPTIONS = [
  { value: 'in', label: '签到' },
  { value: 'out', label: '签退' },
] as const;

/** 签到 / 签退 for events that record hours (`.purpose-in`, `.purpose-out`, `.purpose-toggle__option--active`). */
export default function PurposeToggle({ value, onChange }: Props) {
  return (
    <View className='purpose-toggle'>
      {OPTIONS.map((o) => (
        <View
          key={o.value}
          className={`purpose-toggle__option purpose-${o.value} ${value === o.value ? 'purpose-toggle__option--active' : ''}`}
          onClick={() => onChange(o.value)}
        >
          <Text className='purpose-toggle__label'>{o.label}</Text>
        </View>
      ))}
    </View>
  );
}

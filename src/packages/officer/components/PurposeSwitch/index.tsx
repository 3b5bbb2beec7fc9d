import { Text, View } from '@tarojs/components';
import type { CheckinPurposeName } from '../../../../../types/checkin';
import './index.scss';

interface Props {
  value: CheckinPurposeName;
  onChange: (purpose: CheckinPurposeName) => void;
  /** Check-out only matters where hours are recorded; elsewhere it is offered but quiet. */
  tone?: 'onBrand' | 'onCard';
}

const OPTIONS: Array<{ value: CheckinPurposeName; label: string }> = [
  { value: 'in', label: '签到' },
  { value: 'out', label: '签退' },
];

/** 签到 / 签退: what the next scans record (`.scanner-mode-in`, `.scanner-mode-out`, `.scanner-mode--active`). */
export default function PurposeSwitch({ value, onChange, tone = 'onBrand' }: Props) {
  return (
    <View className={`purpose-switch purpose-switch--${tone}`}>
      {OPTIONS.map((o) => (
        <View
          key={o.value}
          className={`purpose-switch__item scanner-mode-${o.value} ${o.value === value ? 'purpose-switch__item--active scanner-mode--active' : ''}`}
          onClick={() => onChange(o.value)}
        >
          <Text>{o.label}</Text>
        </View>
      ))}
    </View>
  );
}

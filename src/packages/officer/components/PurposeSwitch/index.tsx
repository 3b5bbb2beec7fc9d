import type { CheckinPurposeName } from '../../../../../types/checkin';
import SegmentTabs from '../../../../components/SegmentTabs';

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
  return <SegmentTabs look='switch' onBrand={tone === 'onBrand'} hook='scanner-mode' value={value} options={OPTIONS} onChange={onChange} />;
}

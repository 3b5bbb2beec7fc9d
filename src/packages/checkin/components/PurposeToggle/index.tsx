import SegmentTabs from '../../../../components/SegmentTabs';
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
  return <SegmentTabs look='pill' className='purpose-toggle' hook='purpose' activeHook='purpose-toggle__option--active' value={value} options={OPTIONS} onChange={onChange} />;
}

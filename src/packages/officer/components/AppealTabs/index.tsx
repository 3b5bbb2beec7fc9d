import SegmentTabs from '../../../../components/SegmentTabs';
import type { AppealStatus } from '../../stores/appeals';
import './index.scss';

const TABS: Array<{ status: AppealStatus; label: string }> = [
  { status: 'pending', label: '待处理' },
  { status: 'accepted', label: '已通过' },
  { status: 'rejected', label: '已驳回' },
];

interface Props {
  value: AppealStatus;
  /** Known counts (a list not loaded yet has none). */
  counts: Partial<Record<AppealStatus, number>>;
  onChange: (status: AppealStatus) => void;
}

/** 待处理 / 已通过 / 已驳回 (`.appeals-tab-pending`, `-accepted`, `-rejected`; `.appeals-tab--active`; `.appeals-tab-count`). */
export default function AppealTabs({ value, counts, onChange }: Props) {
  const options = TABS.map(({ status, label }) => ({ value: status, label, count: counts[status], due: status === 'pending' && (counts[status] ?? 0) > 0 }));
  return <SegmentTabs className='appeal-tabs' hook='appeals-tab' countHook='appeals-tab-count' value={value} options={options} onChange={onChange} />;
}

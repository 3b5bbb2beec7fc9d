import SegmentTabs from '../../../../components/SegmentTabs';
import type { AttendanceTab } from '../../stores/attendance';
import './index.scss';

interface Props {
  value: AttendanceTab;
  counts: Record<AttendanceTab, number>;
  /** 现场报名 is offered only where the event takes walk-ins (or some came anyway, added by hand earlier). */
  walkIns: boolean;
  onChange: (tab: AttendanceTab) => void;
}

/** 已到 / 未到 / 现场报名, with counts (`.attendance-tab-in`, `-absent`, `-walkin`; `.attendance-tab--active`). */
export default function AttendanceTabs({ value, counts, walkIns, onChange }: Props) {
  const options: Array<{ value: AttendanceTab; label: string; count: number }> = [
    { value: 'in', label: '已到', count: counts.in },
    { value: 'absent', label: '未到', count: counts.absent },
    ...(walkIns ? [{ value: 'walkin' as const, label: '现场报名', count: counts.walkin }] : []),
  ];
  return <SegmentTabs className='attendance-tabs' hook='attendance-tab' value={value} options={options} onChange={onChange} />;
}

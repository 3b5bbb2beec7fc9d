import { Text, View } from '@tarojs/components';
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
  const tabs: Array<{ tab: AttendanceTab; label: string }> = [
    { tab: 'in', label: '已到' },
    { tab: 'absent', label: '未到' },
    ...(walkIns ? [{ tab: 'walkin' as const, label: '现场报名' }] : []),
  ];
  return (
    <View className='attendance-tabs'>
      {tabs.map(({ tab, label }) => (
        <View
          key={tab}
          className={`attendance-tabs__item attendance-tab-${tab} ${tab === value ? 'attendance-tabs__item--active attendance-tab--active' : ''}`}
          onClick={() => onChange(tab)}
        >
          <Text className='attendance-tabs__label'>{label}</Text>
          <Text className='attendance-tabs__count'>{counts[tab]}</Text>
        </View>
      ))}
    </View>
  );
}

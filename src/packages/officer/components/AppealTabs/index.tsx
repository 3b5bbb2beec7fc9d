import { Text, View } from '@tarojs/components';
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

/** 待处理 / 已通过 / 已驳回 (`.appeals-tab-pending`, `-accepted`, `-rejected`; `.appeals-tab--active`). */
export default function AppealTabs({ value, counts, onChange }: Props) {
  return (
    <View className='appeal-tabs'>
      {TABS.map(({ status, label }) => (
        <View
          key={status}
          className={`appeal-tabs__item appeals-tab-${status} ${status === value ? 'appeal-tabs__item--active appeals-tab--active' : ''}`}
          onClick={() => onChange(status)}
        >
          <Text className='appeal-tabs__label'>{label}</Text>
          {counts[status] !== undefined ? (
            <Text className={`appeal-tabs__count appeals-tab-count ${status === 'pending' && counts[status]! > 0 ? 'appeal-tabs__count--due' : ''}`}>
              {counts[status]}
            </Text>
          ) : null}
        </View>
      ))}
    </View>
  );
}

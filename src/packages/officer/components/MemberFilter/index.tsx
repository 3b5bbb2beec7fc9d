import { Text, View } from '@tarojs/components';
import './index.scss';

export type MemberFilterValue = 'all' | 'unbound' | 'league';

interface Props {
  value: MemberFilterValue;
  counts: Record<MemberFilterValue, number>;
  onChange: (value: MemberFilterValue) => void;
}

const OPTIONS: Array<{ value: MemberFilterValue; label: string }> = [
  { value: 'all', label: '全部' },
  { value: 'unbound', label: '未绑定' },
  { value: 'league', label: '团员' },
];

/** 全部 / 未绑定 / 团员, with counts: an officer chases the members who have not bound yet. */
export default function MemberFilter({ value, counts, onChange }: Props) {
  return (
    <View className='member-filter'>
      {OPTIONS.map((o) => {
        const active = o.value === value;
        return (
          <View
            key={o.value}
            className={`member-filter__item members-filter-${o.value} ${active ? 'member-filter__item--active members-filter--active' : ''}`}
            onClick={() => onChange(o.value)}
          >
            <Text className='member-filter__label'>{o.label}</Text>
            <Text className='member-filter__count'>{counts[o.value]}</Text>
          </View>
        );
      })}
    </View>
  );
}

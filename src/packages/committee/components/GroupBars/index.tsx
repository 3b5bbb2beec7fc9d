import { Text, View } from '@tarojs/components';
import './index.scss';

export interface GroupRow {
  key: string;
  name: string;
  note?: string;
  students: number;
  registrations: number;
  attendances: number;
  /** 0–100, when the view has it (社会实践参与率). */
  share?: number;
}

interface Props {
  title: string;
  hook: string;
  rows: readonly GroupRow[];
  /** Rows shown before 展开全部. */
  limit?: number;
  expanded?: boolean;
  onExpand?: () => void;
  onOpen?: (row: GroupRow) => void;
}

/** By college or branch: 人均签到 as a bar (groups differ in size), with the counts beside it. */
export default function GroupBars({ title, hook, rows, limit, expanded, onExpand, onOpen }: Props) {
  const perStudent = (r: GroupRow) => (r.students > 0 ? r.attendances / r.students : 0);
  const sorted = [...rows].sort((a, b) => perStudent(b) - perStudent(a) || a.name.localeCompare(b.name));
  const max = Math.max(0.01, ...sorted.map(perStudent));
  const shown = limit && !expanded ? sorted.slice(0, limit) : sorted;
  return (
    <View className={`group-bars ${hook}`}>
      <View className='group-bars__head'>
        <Text className='group-bars__title'>{title}</Text>
        <Text className='group-bars__note'>按人均签到排序</Text>
      </View>
      <View className='group-bars__row group-bars__row--header'>
        <Text className='group-bars__name'>名称</Text>
        <Text className='group-bars__bar-cell'>人均签到</Text>
        <Text className='group-bars__num'>报名</Text>
        <Text className='group-bars__num'>签到</Text>
        {rows.some((r) => r.share !== undefined) ? <Text className='group-bars__num'>实践</Text> : null}
      </View>
      {shown.map((r) => (
        <View key={r.key} className={`group-bars__row group-row ${onOpen ? 'group-bars__row--link' : ''}`} data-name={r.name} onClick={onOpen ? () => onOpen(r) : undefined}>
          <View className='group-bars__name'>
            <Text className='group-bars__name-text'>{r.name}</Text>
            {r.note ? <Text className='group-bars__name-note'>{r.note}</Text> : null}
          </View>
          <View className='group-bars__bar-cell'>
            <View className='group-bars__track'>
              <View className='group-bars__fill' style={{ width: `${Math.round((perStudent(r) / max) * 100)}%` }} />
            </View>
            <Text className='group-bars__ratio'>{perStudent(r).toFixed(1)}</Text>
          </View>
          <Text className='group-bars__num'>{r.registrations}</Text>
          <Text className='group-bars__num group-attendances'>{r.attendances}</Text>
          {r.share !== undefined ? <Text className='group-bars__num'>{r.share}%</Text> : null}
        </View>
      ))}
      {limit && sorted.length > limit && onExpand ? (
        <Text className='group-bars__more group-more' onClick={onExpand}>
          {expanded ? '收起' : `展开全部 ${sorted.length} 个`}
        </Text>
      ) : null}
    </View>
  );
}

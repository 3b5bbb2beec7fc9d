import { Text, View } from '@tarojs/components';
import type { Dashboard } from '../../stores/dashboard';
import './index.scss';

type Standing = NonNullable<Dashboard['lecturers']>;

interface Props {
  standing: Standing;
  onOpen: () => void;
}

const count = (c: { done: number; need: number; expected: number }) => `${c.done}/${c.need}`;

/**
 * 青年讲师团 on the dashboard: how many school-level members are on track or behind by the end of this month, and who is
 * behind with their confirmed talks against the year's 3 on campus and 1 off campus; the lecturers page has the rest.
 */
export default function LecturerStanding({ standing: s, onOpen }: Props) {
  const more = s.behind - s.behindMembers.length;
  return (
    <View className='lecturer-standing dashboard-lecturers' data-behind={s.behind}>
      <View className='lecturer-standing__head'>
        <Text className='lecturer-standing__title'>青年讲师团</Text>
        <Text className='lecturer-standing__open dashboard-lecturers-open' onClick={onOpen}>
          查看讲师团 ›
        </Text>
      </View>
      <Text className='lecturer-standing__rule'>校级成员每年校内宣讲 3 场、校外 1 场；只计已确认的宣讲，按月折算本月底应完成的场数</Text>
      {!s.members ? (
        <Text className='lecturer-standing__empty'>本年度还没有校级讲师团成员</Text>
      ) : (
        <>
          <View className='lecturer-standing__figures'>
            <View className='lecturer-standing__figure'>
              <Text className='lecturer-standing__number lecturer-on-track'>{s.onTrack}</Text>
              <Text className='lecturer-standing__label'>进度正常</Text>
            </View>
            <View className='lecturer-standing__figure lecturer-standing__figure--behind'>
              <Text className='lecturer-standing__number lecturer-behind-count'>{s.behind}</Text>
              <Text className='lecturer-standing__label'>进度落后</Text>
            </View>
            <View className='lecturer-standing__figure'>
              <Text className='lecturer-standing__number'>{s.met}</Text>
              <Text className='lecturer-standing__label'>已完成全年</Text>
            </View>
            <View className='lecturer-standing__figure'>
              <Text className='lecturer-standing__number'>{s.pendingTalks}</Text>
              <Text className='lecturer-standing__label'>宣讲待确认</Text>
            </View>
          </View>
          {s.behindMembers.map((m, i) => (
            <View key={`${i}:${m.name}`} className='lecturer-standing__row lecturer-behind' data-name={m.name}>
              <View className='lecturer-standing__who'>
                <Text className='lecturer-standing__name'>{m.name}</Text>
                {m.college ? <Text className='lecturer-standing__college'>{m.college}</Text> : null}
              </View>
              <View className='lecturer-standing__counts'>
                <Text className={`lecturer-standing__count ${m.progress.onCampus.done < m.progress.onCampus.expected ? 'lecturer-standing__count--short' : ''}`}>
                  校内 {count(m.progress.onCampus)}
                  {m.progress.onCampus.done < m.progress.onCampus.expected ? `（应 ${m.progress.onCampus.expected}）` : ''}
                </Text>
                <Text className={`lecturer-standing__count ${m.progress.offCampus.done < m.progress.offCampus.expected ? 'lecturer-standing__count--short' : ''}`}>
                  校外 {count(m.progress.offCampus)}
                  {m.progress.offCampus.done < m.progress.offCampus.expected ? `（应 ${m.progress.offCampus.expected}）` : ''}
                </Text>
              </View>
            </View>
          ))}
          {!s.behind ? <Text className='lecturer-standing__empty'>暂无进度落后的成员</Text> : null}
          {more > 0 ? <Text className='lecturer-standing__empty'>另有 {more} 人进度落后，请在讲师团页面查看</Text> : null}
        </>
      )}
    </View>
  );
}

import { Text, View } from '@tarojs/components';
import type { TranscriptSnapshotView } from '../../../../../types/models';
import { creditsText, formatCredits, hoursText, signedCredits } from '../../../../utils/credits';
import { campusTime } from '../../../../utils/time';
import './index.scss';

interface Props {
  snapshot: TranscriptSnapshotView;
}

/** The name of a timeline entry's module: the snapshot's own module list, or the text as given. */
export function moduleNameOf(snapshot: TranscriptSnapshotView, module: string): string {
  return snapshot.modules.find((m) => m.id === module)?.name ?? module;
}

/**
 * What a shared transcript says, exactly as issued: who (the student number masked unless they chose otherwise),
 * credits per module, the total, volunteer hours, whether the graduation requirement was met, and the entries if
 * the student shared them. Used by the verify page (and mirrored, in print units, by the print page).
 */
export default function SnapshotView({ snapshot }: Props) {
  return (
    <View className='snapshot'>
      <View className='snapshot__holder'>
        <Text className='snapshot__name snapshot-name'>{snapshot.name}</Text>
        <Text className='snapshot__id snapshot-student-no'>{`学号 ${snapshot.studentNo}`}</Text>
        <Text className='snapshot__org snapshot-org'>{`${snapshot.college} · ${snapshot.className}`}</Text>
      </View>

      <View className='snapshot__table'>
        {snapshot.modules.map((m) => (
          <View key={m.id} className='snapshot__row snapshot-module' data-module={m.id}>
            <Text className='snapshot__module'>{m.name}</Text>
            <Text className='snapshot__amount snapshot-module-amount'>{formatCredits(m.amount)}</Text>
          </View>
        ))}
        <View className='snapshot__row snapshot__row--total'>
          <Text className='snapshot__module'>合计</Text>
          <Text className='snapshot__amount snapshot-total'>{creditsText(snapshot.total)}</Text>
        </View>
      </View>

      <View className='snapshot__facts'>
        <View className='snapshot__fact'>
          <Text className='snapshot__fact-label'>志愿服务时长</Text>
          <Text className='snapshot__fact-value snapshot-hours'>{hoursText(snapshot.hours)}</Text>
        </View>
        <View className='snapshot__fact'>
          <Text className='snapshot__fact-label'>毕业要求</Text>
          <Text className={`snapshot__fact-value snapshot-requirement ${snapshot.requirementMet ? 'snapshot__fact-value--met' : ''}`}>
            {snapshot.requirementMet ? '已达到 ✓' : '尚未达到'}
          </Text>
        </View>
      </View>

      {snapshot.timeline ? (
        <View className='snapshot__timeline snapshot-timeline'>
          <Text className='snapshot__subtitle'>{`学分明细（${snapshot.timeline.length} 条）`}</Text>
          {snapshot.timeline.map((t, i) => (
            <View key={`${t.at}:${i}`} className='snapshot__entry snapshot-entry'>
              <Text className='snapshot__entry-date'>{campusTime(t.at).format('YYYY-MM-DD')}</Text>
              <View className='snapshot__entry-main'>
                <Text className='snapshot__entry-title'>{t.title}</Text>
                <Text className='snapshot__entry-module'>{`${moduleNameOf(snapshot, t.module)}${t.hours > 0 ? ` · ${hoursText(t.hours)}` : ''}`}</Text>
              </View>
              <Text className={`snapshot__entry-amount ${t.amount < 0 ? 'snapshot__entry-amount--minus' : ''}`}>{signedCredits(t.amount)}</Text>
            </View>
          ))}
        </View>
      ) : (
        <Text className='snapshot__no-timeline'>持有人未公开学分明细，仅显示各模块合计。</Text>
      )}
    </View>
  );
}

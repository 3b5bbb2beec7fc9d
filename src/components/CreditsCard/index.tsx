import { Text, View } from '@tarojs/components';
import type { MyTranscript } from '../../stores/transcript';
import { formatCredits, hoursText, progressPercent, shortfallText } from '../../utils/credits';
import './index.scss';

interface Props {
  /** Null while the first answer is on its way (or when it failed): the figures show as dashes. */
  transcript: MyTranscript | null;
  /** The last load failed (and nothing is shown yet). */
  failed?: boolean;
  onOpen: () => void;
}

/**
 * 我的 → 第二课堂学分: the total, the way to the graduation requirement and volunteer hours at a glance; tapping it
 * opens 我的成绩单 (transcript subpackage). Only the figures live here: everything else is in the subpackage.
 */
export default function CreditsCard({ transcript, failed = false, onOpen }: Props) {
  const overall = transcript?.overall ?? null;
  const metModules = transcript ? transcript.modules.filter((m) => m.met).length : 0;
  const percent = overall ? progressPercent(overall.have, overall.need) : 0;
  const met = transcript?.requirementMet ?? false;
  const status = !overall
    ? failed
      ? '暂时无法加载，点击查看'
      : '正在统计…'
    : met
      ? '已达到毕业要求 ✓'
      : (shortfallText(overall.have, overall.need) ?? `还有 ${transcript!.modules.length - metModules} 个模块未达标`);
  return (
    <View className='credits-card credits-entry' onClick={onOpen}>
      <View className='credits-card__top'>
        <View className='credits-card__figure'>
          <Text className='credits-card__label'>第二课堂学分</Text>
          <View className='credits-card__total-row'>
            <Text className='credits-card__total credits-total'>{overall ? formatCredits(overall.have) : '—'}</Text>
            <Text className='credits-card__unit'>{overall ? ` / ${formatCredits(overall.need)} 学分` : ' 学分'}</Text>
          </View>
        </View>
        <Text className='credits-card__go'>成绩单 ›</Text>
      </View>
      <View className='credits-card__track'>
        <View className={`credits-card__bar ${met ? 'credits-card__bar--met' : ''}`} style={{ width: `${percent}%` }} />
      </View>
      <View className='credits-card__foot'>
        <Text className={`credits-card__status credits-status ${met ? 'credits-card__status--met' : ''}`}>{status}</Text>
        <Text className='credits-card__meta credits-hours'>
          {transcript ? `模块达标 ${metModules}/${transcript.modules.length} · 志愿 ${hoursText(transcript.hours)}` : ''}
        </Text>
      </View>
    </View>
  );
}

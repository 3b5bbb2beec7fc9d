import { Text, View } from '@tarojs/components';
import type { EventFairness } from '../../stores/fairness';
import { campusTime } from '../../utils/time';
import './index.scss';

type Lottery = NonNullable<EventFairness['lottery']>;

interface Props {
  lottery: Lottery;
  /** Opens 抽签核对 (the published draw, recomputed on the phone). */
  onVerify: () => void;
}

function when(instant: string): string {
  return campusTime(instant).format('M月D日 HH:mm');
}

/** What the student's own application has become, in one line. */
function mineLine(mine: NonNullable<Lottery['mine']>): { text: string; tone: 'won' | 'waiting' | 'applied' | 'none' } {
  if (mine.status === 'applied') return { text: '已申请，报名截止后开奖', tone: 'applied' };
  if (mine.status === 'confirmed') return { text: '已中签，名额已为你确认', tone: 'won' };
  if (mine.status === 'waitlisted') return { text: `未中签，候补第 ${mine.waitlistPosition ?? '?'} 位（有人取消时按抽签顺序递补）`, tone: 'waiting' };
  return { text: '你的申请已撤回', tone: 'none' };
}

const PHASE_TEXT: Record<Lottery['phase'], string> = {
  before_window: '报名尚未开始。抽签承诺值已公布，报名开始后提交申请即可，不分先后。',
  applying: '报名期内提交申请即可，不分先后，不用抢。报名截止后统一抽签。',
  closing: '报名已截止，即将开奖。',
  due: '报名已截止，即将开奖。',
  drawn: '已开奖：中签的同学名额已确认，其余按抽签顺序候补。',
};

/**
 * 抽签 on the event page (issue 16): how seats are given (apply during the window, no race), the commitment shown
 * before the window opens, the priority rules, and after the draw the result, the caller's own line (已中签 / 候补第 N
 * 位, with their 化名 in the published list) and the way to check the draw.
 */
export default function LotteryCard({ lottery, onVerify }: Props) {
  const mine = lottery.mine ? mineLine(lottery.mine) : null;
  return (
    <View className='lottery-card'>
      <View className='lottery-card__head'>
        <Text className='lottery-card__title'>抽签报名</Text>
        <Text className='lottery-card__count'>{lottery.phase === 'drawn' ? `${lottery.applicants} 人申请 · ${lottery.winners ?? 0} 人中签` : `已有 ${lottery.applicants} 人申请`}</Text>
      </View>
      <Text className='lottery-card__text'>{PHASE_TEXT[lottery.phase]}</Text>
      {mine ? (
        <View className={`lottery-card__mine lottery-card__mine--${mine.tone} lottery-mine`}>
          <Text className='lottery-card__mine-text'>{mine.text}</Text>
          {lottery.mine?.pseudonym ? <Text className='lottery-card__small'>{`你在公示名单中的化名：${lottery.mine.pseudonym}（第 ${lottery.mine.rank} 位）`}</Text> : null}
        </View>
      ) : null}
      {lottery.priority.length ? (
        <View className='lottery-card__rules'>
          {lottery.priority.map((p) => (
            <Text key={`${p.kind}:${p.target}`} className='lottery-card__small'>{`优先：${p.label}`}</Text>
          ))}
        </View>
      ) : null}
      <View className='lottery-card__proof'>
        <Text className='lottery-card__small'>{`承诺值（${when(lottery.committedAt)} 公布）：`}</Text>
        <Text className='lottery-card__hash' userSelect>{lottery.commitment}</Text>
        {lottery.seed ? (
          <>
            <Text className='lottery-card__small'>{`开奖种子（${when(lottery.drawnAt!)} 公布）：`}</Text>
            <Text className='lottery-card__hash' userSelect>{lottery.seed}</Text>
          </>
        ) : (
          <Text className='lottery-card__small'>开奖时公布种子：任何人都能核对它与承诺值一致，并按公开算法重算中签名单。</Text>
        )}
      </View>
      {lottery.phase === 'drawn' && lottery.complete ? (
        <View className='lottery-card__verify lottery-verify-link' onClick={onVerify}>
          <Text>核对抽签结果 ›</Text>
        </View>
      ) : null}
    </View>
  );
}

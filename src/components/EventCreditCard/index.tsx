import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import type { AppealView } from '../../../types/models';
import { signedCredits } from '../../utils/credits';
import { formatDateTime } from '../../utils/time';
import './index.scss';

interface Props {
  /** Net credit this event has brought (from the transcript), or null while unknown. */
  credited: number | null;
  /** My newest appeal for this event, if any. */
  appeal: AppealView | null;
  /** The event is over (the hint differs while it is still on). */
  ended: boolean;
  onAppeal: () => void;
  onOpenTranscript: () => void;
}

type State = 'credited' | 'pending' | 'rejected' | 'none';

/**
 * 活动学分 on the detail page of an event I was confirmed for, once it has begun: credited, an appeal under way or
 * refused (with the reason), or nothing yet, with 学分申诉.
 */
export default function EventCreditCard({ credited, appeal, ended, onAppeal, onOpenTranscript }: Props) {
  const state: State =
    credited !== null && credited > 0 ? 'credited' : appeal?.status === 'pending' ? 'pending' : appeal?.status === 'rejected' ? 'rejected' : 'none';
  const pill = {
    credited: `已记入 ${signedCredits(credited ?? 0)} 学分`,
    pending: '申诉处理中',
    rejected: '申诉未通过',
    none: '尚未记入',
  }[state];
  const hint = {
    credited: '学分已记入你的第二课堂成绩单。',
    pending: `已于 ${appeal ? formatDateTime(appeal.createdAt) : ''} 提交申诉，团干部核实后结果会显示在“我的成绩单”。`,
    rejected: `驳回原因：${appeal?.decisionReason || '未说明'}。如有新的证明，可以重新申诉。`,
    none: ended
      ? '参加了活动却没有记入学分？提交申诉，由主办的团干部核实。'
      : '签到后（需要签退的活动在签退后）学分自动记入；活动结束后仍未记入，可以在这里提交申诉。',
  }[state];
  return (
    <View className={`event-credit-card event-credit event-credit--${state}`}>
      <View className='event-credit-card__head'>
        <Text className='event-credit-card__title'>活动学分</Text>
        <Text className={`event-credit-card__pill event-credit-status event-credit-status--${state}`}>{pill}</Text>
      </View>
      <Text className='event-credit-card__hint event-credit-hint'>{hint}</Text>
      <View className='event-credit-card__actions'>
        {/* An appeal is about an event that is over: while it runs, checking in is the way to the credit. */}
        {ended && (state === 'none' || state === 'rejected') ? (
          <Button className='event-credit-card__button appeal-button' fill='outline' type='primary' onClick={onAppeal}>
            {state === 'rejected' ? '重新申诉' : '学分申诉'}
          </Button>
        ) : null}
        <Text className='event-credit-card__link event-credit-transcript' onClick={onOpenTranscript}>
          查看成绩单 ›
        </Text>
      </View>
    </View>
  );
}

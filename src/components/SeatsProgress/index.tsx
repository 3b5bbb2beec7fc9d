import { Progress } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import type { EventSummary } from '../../../types/models';
import { takenPercent } from '../../utils/event-status';
import { isBefore } from '../../utils/time';
import SeatsInfo from '../SeatsInfo';
import './index.scss';
import { COLORS, GRADIENT_BAR } from '../../styles/colors';

interface Props {
  event: EventSummary;
  now: number;
}

/** Seats taken as a bar, with "剩余 12 / 80 名额" and the waitlist count beside it. */
export default function SeatsProgress({ event, now }: Props) {
  const percent = takenPercent(event);
  const full = event.seatsLeft <= 0;
  return (
    <View className='seats-progress'>
      <View className='seats-progress__row'>
        <SeatsInfo event={event} now={now} />
        <Text className='seats-progress__taken'>
          已报 {event.capacity - event.seatsLeft} / {event.capacity}
        </Text>
      </View>
      <Progress
        className='seats-progress__bar'
        percent={percent}
        strokeWidth='6'
        color={full ? COLORS.brand : GRADIENT_BAR}
        background={COLORS.track}
      />
      {event.status === 'cancelled' || !isBefore(now, event.endAt) ? null : event.waitlistEnabled ? (
        <Text className='seats-progress__waitlist waitlist-count'>
          {full ? `当前候补 ${event.waitlistCount} 人，有人取消时按顺序自动递补` : '满员后可加入候补，有人取消时按顺序自动递补'}
        </Text>
      ) : (
        <Text className='seats-progress__waitlist'>本活动不设候补</Text>
      )}
    </View>
  );
}

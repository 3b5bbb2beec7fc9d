import { Text } from '@tarojs/components';
import type { EventSummary } from '../../../types/models';
import { seatsText } from '../../utils/event-status';
import './index.scss';

interface Props {
  event: EventSummary;
  now: number;
}

/** "剩余 12 / 80 名额", "已满 · 候补 5 人", "报名未开始", "报名已截止" — coloured by urgency. */
export default function SeatsInfo({ event, now }: Props) {
  const { text, tone } = seatsText(event, now);
  return <Text className={`seats-info seats-info--${tone} seats-left`}>{text}</Text>;
}

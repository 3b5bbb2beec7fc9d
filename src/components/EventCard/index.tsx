import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { EventSummary } from '../../../types/models';
import { formatTimeRange } from '../../utils/time';
import EventTags from '../EventTags';
import InfoLine from '../InfoLine';
import SeatsInfo from '../SeatsInfo';
import StatusBadge from '../StatusBadge';
import './index.scss';

interface Props {
  event: EventSummary;
  now: number;
  /** The student's own status on this event, shown as a badge. */
  myStatus?: 'confirmed' | 'waitlisted' | 'pending' | 'queued' | 'applied' | null;
  /** Badge wording override, e.g. 候补第 3 位. */
  statusLabel?: string;
  /** Right side of the bottom row instead of the seats text (我的报名 puts its deadline and cancel button there). */
  footer?: ReactNode;
  onClick?: () => void;
}

/** An event as a card: tags, title, time, place, organizer, credits and seats. Tapping opens the detail page. */
export default function EventCard({ event, now, myStatus, statusLabel, footer, onClick }: Props) {
  return (
    <View className={`event-card ${event.status === 'cancelled' ? 'event-card--cancelled' : ''}`} data-id={event.id} onClick={onClick}>
      <View className='event-card__head'>
        <EventTags category={event.category} tag={event.tag} />
        {myStatus ? <StatusBadge status={myStatus} label={statusLabel} /> : null}
      </View>
      <Text className='event-card__title event-title'>{event.title}</Text>
      <InfoLine icon='time' className='event-time'>{formatTimeRange(event.startAt, event.endAt)}</InfoLine>
      <InfoLine icon='place' className='event-place'>{event.location}</InfoLine>
      <InfoLine icon='organizer' className='event-organizer'>{event.organizer}</InfoLine>
      <View className='event-card__foot'>
        <Text className='event-card__credits event-credits'>+{event.credits} 学分</Text>
        {footer ?? <SeatsInfo event={event} now={now} />}
      </View>
    </View>
  );
}

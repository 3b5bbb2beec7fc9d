import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { EventSummary } from '../../../types/models';
import { audienceText } from '../../utils/audience';
import { isOver, isUnderWay } from '../../utils/my-activities';
import { formatTimeRange } from '../../utils/time';
import EventCover from '../EventCover';
import EventTags from '../EventTags';
import InfoLine from '../InfoLine';
import SeatsInfo from '../SeatsInfo';
import StatusBadge from '../StatusBadge';
import './index.scss';

interface Props {
  event: EventSummary;
  now: number;
  /** The student's own status on this event, shown as a badge. */
  myStatus?: 'confirmed' | 'waitlisted' | 'pending' | 'queued' | null;
  /** Badge wording override, e.g. 候补第 3 位. */
  statusLabel?: string;
  /** Right side of the bottom row instead of the seats text (我的活动 puts its outcome and buttons there). */
  footer?: ReactNode;
  /** A lower cover (我的活动's cards). */
  compact?: boolean;
  onClick?: () => void;
}

/**
 * An event as a card: the cover (the event's picture, or its kind's artwork) with the day, then tags, title, time,
 * place, organizer, who may sign up (仅限医学院), credits, and the seats — or 进行中 while it is under way. Tapping
 * opens the detail page.
 */
export default function EventCard({ event, now, myStatus, statusLabel, footer, compact = false, onClick }: Props) {
  const live = isUnderWay(event, now);
  const over = isOver(event, now);
  const audience = audienceText(event.audience);
  const cancelled = event.status === 'cancelled';
  return (
    <View
      className={`event-card ${cancelled ? 'event-card--cancelled' : ''} ${over && !cancelled ? 'event-card--over' : ''}`}
      data-id={event.id}
      onClick={onClick}
    >
      <EventCover
        category={event.category}
        coverUrl={event.coverUrl}
        startAt={event.startAt}
        size={compact || over || cancelled ? 'compact' : 'card'}
        muted={over || cancelled}
        badge={
          live ? (
            <Text className='event-card__live event-live'>进行中</Text>
          ) : cancelled ? (
            <Text className='event-card__flag'>已取消</Text>
          ) : over ? (
            <Text className='event-card__flag event-ended'>已结束</Text>
          ) : null
        }
      />
      <View className='event-card__body'>
        <View className='event-card__head'>
          <EventTags category={event.category} tag={event.tag} />
          {myStatus ? <StatusBadge status={myStatus} label={statusLabel} /> : null}
        </View>
        <Text className='event-card__title event-title'>{event.title}</Text>
        <InfoLine icon='time' className='event-time'>{formatTimeRange(event.startAt, event.endAt)}</InfoLine>
        <InfoLine icon='place' className='event-place'>{event.location}</InfoLine>
        <InfoLine icon='organizer' className='event-organizer'>{event.organizer}</InfoLine>
        {audience ? <Text className='event-card__audience event-audience'>{audience}</Text> : null}
        <View className='event-card__foot'>
          <Text className='event-card__credits event-credits'>+{event.credits} 学分</Text>
          {footer ??
            (live ? (
              <Text className='event-card__live-note'>活动进行中</Text>
            ) : over && !cancelled ? (
              <Text className='event-card__over-note'>活动已结束</Text>
            ) : (
              <SeatsInfo event={event} now={now} />
            ))}
        </View>
      </View>
    </View>
  );
}

import { Text, View } from '@tarojs/components';
import { CATEGORY_LABELS } from '../../../../../types/enums';
import type { CheckinEventItem } from '../../stores/checkin-events';
import { checkinPhase, checkinWindowText, PHASE_LABELS } from '../../checkin-time';
import { formatTimeRange } from '../../../../utils/time';
import './index.scss';

interface Props {
  event: CheckinEventItem;
  /** Scans of this event waiting on this phone for upload. */
  pending: number;
  now: number;
  onScan: () => void;
  onAttendance: () => void;
  onEventCode: () => void;
}

/** One event on 签到管理: when check-in opens, how many came, and the three tools (扫码, 名单, 活动码). */
export default function CheckinEventCard({ event, pending, now, onScan, onAttendance, onEventCode }: Props) {
  const phase = checkinPhase(event, now);
  const { registered, checkedIn, checkedOut } = event.counts;
  const share = registered > 0 ? Math.min(100, Math.round((checkedIn / registered) * 100)) : 0;
  const active = phase === 'open' || phase === 'checkout';
  return (
    <View className={`checkin-event-card checkin-event checkin-event--${phase}`} data-id={event.id}>
      <View className='checkin-event-card__head'>
        <Text className='checkin-event-card__category'>{CATEGORY_LABELS[event.category]}</Text>
        <Text className={`checkin-event-card__phase checkin-event-card__phase--${phase} checkin-event-phase`}>{PHASE_LABELS[phase]}</Text>
      </View>
      <Text className='checkin-event-card__title checkin-event-title'>{event.title}</Text>
      <Text className='checkin-event-card__meta'>{formatTimeRange(event.startAt, event.endAt)} · {event.location}</Text>
      <Text className='checkin-event-card__meta checkin-event-window'>{checkinWindowText(event)}</Text>

      <View className='checkin-event-card__figures'>
        <Text className='checkin-event-card__count checkin-event-counts'>
          已到 <Text className='checkin-event-card__num'>{checkedIn}</Text> / 报名 {registered}
          {event.checkoutRequired ? ` · 已签退 ${checkedOut}` : ''}
        </Text>
        {pending > 0 ? <Text className='checkin-event-card__pending checkin-event-pending'>待上传 {pending} 条</Text> : null}
      </View>
      <View className='checkin-event-card__bar'>
        <View className='checkin-event-card__bar-fill' style={{ width: `${share}%` }} />
      </View>

      <View className='checkin-event-card__tools'>
        <View className={`checkin-event-card__tool checkin-event-card__tool--main checkin-event-scan ${active ? '' : 'checkin-event-card__tool--quiet'}`} onClick={onScan}>
          <Text>扫码签到</Text>
        </View>
        <View className='checkin-event-card__tool checkin-event-attendance' onClick={onAttendance}>
          <Text>到场名单</Text>
        </View>
        <View className='checkin-event-card__tool checkin-event-code' onClick={onEventCode}>
          <Text>活动码</Text>
        </View>
      </View>
    </View>
  );
}

import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import EventTags from '../../../../components/EventTags';
import { formatTimeRange } from '../../../../utils/time';
import { LIFECYCLE_LABELS, type ManagedEvent } from '../../logic/labels';
import './index.scss';

export type CardAction =
  | 'publish'
  | 'close'
  | 'reopen'
  | 'cancel'
  | 'edit'
  | 'preview'
  | 'poster'
  | 'applications'
  | 'draw'
  | 'draw-result'
  | 'export-registrations'
  | 'export-attendance'
  | 'export-credits';

interface Props {
  event: ManagedEvent;
  /** The action running on this card, if any (its button spins; the others wait). */
  busy: CardAction | null;
  onAction: (action: CardAction) => void;
}

const STATUS_ACTIONS: Record<ManagedEvent['lifecycle'], Array<{ action: CardAction; label: string; primary?: boolean }>> = {
  draft: [
    { action: 'edit', label: '编辑' },
    { action: 'preview', label: '预览' },
    { action: 'publish', label: '发布', primary: true },
  ],
  published: [
    { action: 'edit', label: '编辑' },
    { action: 'poster', label: '海报' },
    { action: 'close', label: '关闭报名' },
    { action: 'cancel', label: '取消活动' },
  ],
  closed: [
    { action: 'edit', label: '编辑' },
    { action: 'poster', label: '海报' },
    { action: 'reopen', label: '重新开放', primary: true },
    { action: 'cancel', label: '取消活动' },
  ],
  cancelled: [{ action: 'preview', label: '查看' }],
};

const EXPORTS: Array<{ action: CardAction; label: string }> = [
  { action: 'export-registrations', label: '报名名单' },
  { action: 'export-attendance', label: '签到记录' },
  { action: 'export-credits', label: '学分' },
];

/** One event on 活动管理: its state, sign-ups and check-ins, and what may be done with it now. */
export default function ManagedEventCard({ event, busy, onAction }: Props) {
  const signedUp = event.capacity - event.seatsLeft;
  return (
    <View className={`managed-event managed-event--${event.lifecycle}`} data-id={event.id} data-lifecycle={event.lifecycle}>
      <View className='managed-event__info'>
      <View className='managed-event__top'>
        <EventTags category={event.category} tag={event.tag} />
        <Text className={`managed-event__status managed-event-status managed-event__status--${event.lifecycle}`}>{LIFECYCLE_LABELS[event.lifecycle]}</Text>
      </View>
      <Text className='managed-event__title managed-event-title'>{event.title}</Text>
      <Text className='managed-event__line'>{formatTimeRange(event.startAt, event.endAt)}</Text>
      <Text className='managed-event__line'>
        {event.location} · {event.organizer}
      </Text>
      </View>
      <View className='managed-event__figures'>
        <Text className='managed-event__figure managed-event-signups'>
          报名 <Text className='managed-event__num'>{signedUp}</Text> / {event.capacity}
        </Text>
        {event.waitlistCount > 0 ? <Text className='managed-event__figure'>候补 {event.waitlistCount}</Text> : null}
        <Text className='managed-event__figure managed-event-checkins'>
          签到 <Text className='managed-event__num'>{event.checkedInCount}</Text>
        </Text>
        <Text className='managed-event__figure'>+{event.credits} 学分</Text>
      </View>
      {event.approvalRequired && event.lifecycle !== 'cancelled' ? (
        <View className='managed-event__review managed-event-applications' onClick={() => onAction('applications')}>
          <Text className='managed-event__review-text'>报名审核</Text>
          {event.pendingApplications > 0 ? (
            <Text className='managed-event__pending managed-event-pending'>{event.pendingApplications} 人待审核</Text>
          ) : (
            <Text className='managed-event__review-none'>暂无待审核</Text>
          )}
          <Text className='managed-event__go'>›</Text>
        </View>
      ) : null}
      {event.signupMode === 'lottery' && event.lotteryDraw ? (
        <View className='managed-event__review managed-event-drawn' onClick={() => onAction('draw-result')}>
          <Text className='managed-event__review-text'>已开奖</Text>
          <Text className='managed-event__review-none'>
            {event.lotteryDraw.applicants} 人申请，{event.lotteryDraw.winners} 人中签
          </Text>
          <Text className='managed-event__go managed-event__go--action'>核对结果 ›</Text>
        </View>
      ) : event.signupMode === 'lottery' && (event.lifecycle === 'published' || event.lifecycle === 'closed') ? (
        <View className='managed-event__review managed-event-draw' onClick={() => busy === null && onAction('draw')}>
          <Text className='managed-event__review-text'>抽签报名</Text>
          <Text className='managed-event__review-none'>{busy === 'draw' ? '开奖中…' : '报名截止 1 分钟后可开奖（到点也会自动开奖）'}</Text>
          <Text className='managed-event__go managed-event__go--action'>开奖 ›</Text>
        </View>
      ) : null}
      <View className='managed-event__controls'>
      <View className='managed-event__actions'>
        {STATUS_ACTIONS[event.lifecycle].map(({ action, label, primary }) => (
          <Button
            key={action}
            className={`managed-event__action managed-event-${action}`}
            size='small'
            type={primary ? 'primary' : 'default'}
            fill={primary ? 'solid' : 'outline'}
            loading={busy === action}
            disabled={busy !== null && busy !== action}
            onClick={() => onAction(action)}
          >
            {label}
          </Button>
        ))}
      </View>
      {event.lifecycle === 'draft' ? null : (
        <View className='managed-event__exports'>
          <Text className='managed-event__exports-label'>导出</Text>
          {EXPORTS.map(({ action, label }) => (
            <Text
              key={action}
              className={`managed-event__export managed-event-${action} ${busy === action ? 'managed-event__export--busy' : ''}`}
              onClick={() => busy === null && onAction(action)}
            >
              {busy === action ? '导出中…' : label}
            </Text>
          ))}
        </View>
      )}
      </View>
    </View>
  );
}

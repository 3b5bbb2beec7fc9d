import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { formatDateTime } from '../../../../utils/time';
import type { LeaveRequest } from '../../stores/leave';
// The look of a request to answer is the appeal card's (one stylesheet); this card adds the photo and the seat line.
import '../AppealCard/index.scss';
import './index.scss';

interface Props {
  request: LeaveRequest;
  /** This request's decision is on its way. */
  busy: boolean;
  /** Approving promoted a waitlisted student (known for decisions made on this page). */
  promoted: boolean | undefined;
  onPhoto: () => void;
  onApprove: () => void;
  onRefuse: () => void;
}

const RESULT = { approved: '已批准', refused: '未批准' } as const;

/**
 * One leave request: who (name, 学号, class), which event and when it starts, the student's reason, 查看照片 when a
 * photo came with it, when it was asked; then 不批准 / 批准 (pending) or the result, its reason, and what became of
 * the seat. Hooks: `.leave-card` (data-status), `.leave-student`, `.leave-event`, `.leave-reason`, `.leave-photo-view`,
 * `.leave-approve`, `.leave-refuse`, `.leave-decision`, `.leave-decision-reason`, `.leave-promoted`.
 */
export default function LeaveCard({ request: r, busy, promoted, onPhoto, onApprove, onRefuse }: Props) {
  const decided = r.status !== 'pending';
  const result = decided ? RESULT[r.status as keyof typeof RESULT] : null;
  return (
    <View className={`appeal-card leave-card leave-card--${r.status}`} data-status={r.status} data-student={r.studentNo}>
      <View className='appeal-card__head'>
        <View className='appeal-card__who'>
          <Text className='appeal-card__name leave-student'>{r.name || r.studentNo}</Text>
          <Text className='appeal-card__no'>{r.studentNo}</Text>
        </View>
        {result ? <Text className={`appeal-card__status leave-card__status--${r.status}`}>{result}</Text> : <Text className='leave-card__pending'>待处理</Text>}
      </View>
      {r.className ? <Text className='appeal-card__class'>{r.className}</Text> : null}

      <View className='appeal-card__event leave-event'>
        <Text className='appeal-card__event-key'>活动</Text>
        <View className='leave-card__event-body'>
          <Text className='appeal-card__event-title'>{r.eventTitle}</Text>
          {r.eventStartAt ? <Text className='leave-card__event-time'>{`${formatDateTime(r.eventStartAt)} 开始`}</Text> : null}
        </View>
      </View>
      <Text className='appeal-card__note leave-reason'>{r.reason}</Text>
      <View className='leave-card__meta'>
        <Text className='appeal-card__time'>请假于 {formatDateTime(r.createdAt)}</Text>
        {r.hasPhoto ? (
          <Text className='leave-card__photo leave-photo-view' onClick={onPhoto}>
            查看照片 ›
          </Text>
        ) : (
          <Text className='leave-card__no-photo'>未附照片</Text>
        )}
      </View>

      {decided ? (
        <View className={`appeal-card__decision ${r.status === 'refused' ? 'appeal-card__decision--rejected' : ''} leave-decision`}>
          <Text className='appeal-card__decision-line'>
            {result}
            {r.decidedAt ? ` · ${formatDateTime(r.decidedAt)}` : ''}
          </Text>
          {r.status === 'approved' ? (
            <Text className='appeal-card__decision-reason leave-promoted'>
              {promoted === true ? '不记缺席；名额已递补给候补第 1 位同学' : promoted === false ? '不记缺席；没有候补的同学，名额空出' : '不记缺席，名额已让出'}
            </Text>
          ) : null}
          {r.decisionReason ? <Text className='appeal-card__decision-reason leave-decision-reason'>{r.status === 'refused' ? `原因：${r.decisionReason}` : r.decisionReason}</Text> : null}
        </View>
      ) : (
        <View className='appeal-card__actions'>
          <Button className='appeal-card__action leave-refuse' type='primary' fill='outline' size='small' disabled={busy} onClick={onRefuse}>
            不批准
          </Button>
          <Button className='appeal-card__action leave-approve' type='primary' size='small' loading={busy} disabled={busy} onClick={onApprove}>
            批准
          </Button>
        </View>
      )}
    </View>
  );
}

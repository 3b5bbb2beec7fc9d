import { Text, View } from '@tarojs/components';
import { formatDateTime } from '../../../../utils/time';
import { OUTBOX_KIND_LABELS, OUTBOX_STATUS_LABELS, type OutboxMessage } from '../../logic/labels';
import './index.scss';

/**
 * One recipient of a group of messages (the same text for all, shown once above them): who, its state, when, and why it
 * failed or was skipped. Test hooks: `.outbox-item[data-key][data-kind][data-status][data-student-no][data-event-id]`,
 * `.outbox-kind`, `.outbox-status`, `.outbox-error`.
 */
export default function OutboxItem({ message: m }: { message: OutboxMessage }) {
  return (
    <View className={`outbox-item outbox-item--${m.status}`} data-key={m.key} data-kind={m.kind} data-status={m.status} data-student-no={m.studentNo} data-event-id={m.eventId}>
      <Text className='outbox-item__to'>学号 {m.studentNo}</Text>
      <Text className={`outbox-item__status outbox-status outbox-item__status--${m.status}`}>{OUTBOX_STATUS_LABELS[m.status]}</Text>
      <Text className='outbox-item__when'>
        {m.status === 'sent' && m.sentAt ? `${formatDateTime(m.sentAt)} 发送` : `${formatDateTime(m.createdAt)} 生成`}
        {m.attempts > 1 ? ` · 第 ${m.attempts} 次尝试` : ''}
        {m.status === 'pending' || m.status === 'failed' ? ` · 下次 ${formatDateTime(m.nextAttemptAt)}` : ''}
      </Text>
      <Text className='outbox-item__kind outbox-kind'>{OUTBOX_KIND_LABELS[m.kind]}</Text>
      {m.lastError ? <Text className='outbox-item__error outbox-error'>{m.lastError}</Text> : null}
    </View>
  );
}

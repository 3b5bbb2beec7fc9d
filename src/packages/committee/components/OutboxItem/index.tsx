import { Text, View } from '@tarojs/components';
import { formatDateTime } from '../../../../utils/time';
import { OUTBOX_KIND_LABELS, OUTBOX_STATUS_LABELS, type OutboxMessage } from '../../logic/labels';
import './index.scss';

/** One subscribe message: what, to whom, its state and attempts, and the content WeChat shows. */
export default function OutboxItem({ message: m }: { message: OutboxMessage }) {
  const content = Object.entries(m.data);
  return (
    <View className={`outbox-item outbox-item--${m.status}`} data-key={m.key} data-kind={m.kind} data-status={m.status} data-student-no={m.studentNo} data-event-id={m.eventId}>
      <View className='outbox-item__top'>
        <Text className='outbox-item__kind outbox-kind'>{OUTBOX_KIND_LABELS[m.kind]}</Text>
        <Text className={`outbox-item__status outbox-status outbox-item__status--${m.status}`}>{OUTBOX_STATUS_LABELS[m.status]}</Text>
      </View>
      <Text className='outbox-item__to'>
        学号 {m.studentNo} · {formatDateTime(m.sentAt ?? m.createdAt)}
        {m.attempts > 1 ? ` · 第 ${m.attempts} 次尝试` : ''}
      </Text>
      {content.length ? (
        <View className='outbox-item__content'>
          {content.map(([k, v]) => (
            <Text key={k} className='outbox-item__field'>
              {v}
            </Text>
          ))}
        </View>
      ) : null}
      {m.lastError ? <Text className='outbox-item__error outbox-error'>{m.lastError}</Text> : null}
      {m.status === 'pending' || m.status === 'failed' ? (
        <Text className='outbox-item__next'>下次尝试 {formatDateTime(m.nextAttemptAt)}</Text>
      ) : null}
    </View>
  );
}

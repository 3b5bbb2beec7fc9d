import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import type { EventSummary, MyRegistration } from '../../../types/models';
import { cancelLabel, mayCancel, registrationLabel } from '../../utils/event-status';
import { formatDateTime } from '../../utils/time';
import EventCard from '../EventCard';
import './index.scss';

interface Props {
  event: EventSummary;
  registration: MyRegistration;
  now: number;
  busy: boolean;
  onOpen: () => void;
  onCancel: () => void;
}

/** One row of 我的报名: the event card with my status (已报名 / 候补第 N 位) and 取消报名 / 退出候补 when allowed. */
export default function RegistrationCard({ event, registration, now, busy, onOpen, onCancel }: Props) {
  const status = registration.status === 'cancelled' ? null : registration.status;
  const cancellable = mayCancel(event, registration, now);
  const deadline =
    registration.status === 'waitlisted'
      ? '开始前可退出'
      : cancellable
        ? `${formatDateTime(event.cancelDeadlineAt)} 前可取消`
        : '已过取消截止时间';
  return (
    <View className='registration-card' data-event-id={event.id}>
      <EventCard
        event={event}
        now={now}
        myStatus={status}
        statusLabel={registrationLabel(registration)}
        onClick={onOpen}
        footer={
          <View className='registration-card__foot'>
            <Text className='registration-card__deadline'>{deadline}</Text>
            {cancellable ? (
              <Button
                className='registration-card__cancel cancel-button'
                size='small'
                fill='outline'
                type='default'
                loading={busy}
                disabled={busy}
                onClick={(e) => {
                  e?.stopPropagation?.();
                  onCancel();
                }}
              >
                {cancelLabel(registration)}
              </Button>
            ) : null}
          </View>
        }
      />
    </View>
  );
}

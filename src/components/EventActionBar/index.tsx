import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import type { EventSummary, MyRegistration } from '../../../types/models';
import { cancelLabel, mayCancel, primaryAction } from '../../utils/event-status';
import { formatDateTime } from '../../utils/time';
import './index.scss';

interface Props {
  event: EventSummary;
  registration: MyRegistration | null;
  now: number;
  busy: boolean;
  onSignUp: () => void;
  onCancel: () => void;
}

/**
 * The detail page's fixed bottom bar: 立即报名 / 加入候补 (or why not), or the student's status with 取消报名 /
 * 退出候补 / 撤回申请 (an application awaiting approval). Test hooks: `.signup-button`, `.cancel-button`, `.my-status`.
 */
export default function EventActionBar({ event, registration, now, busy, onSignUp, onCancel }: Props) {
  if (registration && registration.status !== 'cancelled') {
    const waitlisted = registration.status === 'waitlisted';
    const applied = registration.status === 'pending';
    const queued = registration.status === 'queued';
    const cancellable = mayCancel(event, registration, now);
    return (
      <View className='action-bar'>
        <View className='action-bar__status'>
          <Text className={`action-bar__status-text my-status my-status--${registration.status}`}>
            {queued ? '正在确认名额…' : applied ? '申请已提交' : waitlisted ? `候补中 · 第 ${registration.waitlistPosition ?? '?'} 位` : '已报名'}
          </Text>
          <Text className='action-bar__status-hint'>
            {queued
              ? '按提交先后安排，通常几秒内出结果'
              : applied
                ? '等待主办方审核，通过后即报名成功'
                : waitlisted
                  ? '有人取消时按顺序自动递补'
                  : cancellable
                    ? `如不能参加，请于 ${formatDateTime(event.cancelDeadlineAt)} 前取消`
                    : '已过取消截止时间'}
          </Text>
        </View>
        <Button
          className='action-bar__button cancel-button'
          fill='outline'
          type='default'
          disabled={!cancellable || busy}
          loading={busy}
          onClick={onCancel}
        >
          {cancelLabel(registration)}
        </Button>
      </View>
    );
  }

  const action = primaryAction(event, now);
  const enabled = action.kind === 'signUp';
  return (
    <View className='action-bar'>
      <Button
        className={`action-bar__button action-bar__button--primary signup-button ${enabled ? '' : 'signup-button--disabled'}`}
        type='primary'
        block
        disabled={!enabled || busy}
        loading={busy}
        onClick={enabled ? onSignUp : undefined}
      >
        {action.label}
      </Button>
    </View>
  );
}

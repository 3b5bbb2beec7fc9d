import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import type { EventSummary, MyRegistration } from '../../../types/models';
import { cancelLabel, mayCancel, primaryAction } from '../../utils/event-status';
import { activityPhase } from '../../utils/my-activities';
import { formatDateTime } from '../../utils/time';
import './index.scss';

interface Props {
  event: EventSummary;
  registration: MyRegistration | null;
  now: number;
  busy: boolean;
  onSignUp: () => void;
  onCancel: () => void;
  /**
   * A social-practice event that teams sign up for (三下乡 / 返家乡): the one action is the team — 组队报名 (create a
   * team) or 凭码入队 — never an individual sign-up beside it.
   */
  team?: { onCreate: () => void; onJoin: () => void } | null;
}

/**
 * The detail page's fixed bottom bar: 立即报名 / 提交申请 / 加入候补 (or why not), the team's two ways in for team
 * practice, or the student's status with 取消报名 / 退出候补 / 撤回申请 while that is still allowed — an event that
 * has begun or ended offers none. Test hooks: `.signup-button`, `.cancel-button`, `.my-status`, `.team-create`,
 * `.team-join`.
 */
export default function EventActionBar({ event, registration, now, busy, onSignUp, onCancel, team = null }: Props) {
  const phase = activityPhase(event, now);
  if (registration && registration.status !== 'cancelled') {
    const waitlisted = registration.status === 'waitlisted';
    const applied = registration.status === 'pending';
    const queued = registration.status === 'queued';
    const entered = registration.status === 'applied';
    const cancellable = phase === 'upcoming' && mayCancel(event, registration, now);
    const hint = queued
      ? '按提交先后安排，通常几秒内出结果'
      : phase === 'ended'
        ? '活动已结束'
        : phase === 'ongoing'
          ? '活动进行中'
          : applied
            ? '等待主办方审核，通过后即报名成功'
            : entered
              ? `${formatDateTime(event.signupEndAt)} 截止后开奖`
            : waitlisted
              ? '有人取消时按顺序自动递补'
              : cancellable
                ? `如不能参加，请于 ${formatDateTime(event.cancelDeadlineAt)} 前取消`
                : '已过取消截止时间，如不能参加可在本页请假';
    return (
      <View className='action-bar'>
        <View className='action-bar__status'>
          <Text className={`action-bar__status-text my-status my-status--${registration.status}`}>
            {queued ? '正在确认名额…' : entered ? '已申请抽签' : applied ? '申请已提交' : waitlisted ? `候补中 · 第 ${registration.waitlistPosition ?? '?'} 位` : '已报名'}
          </Text>
          <Text className='action-bar__status-hint'>{hint}</Text>
        </View>
        {cancellable || (queued && phase === 'upcoming') ? (
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
        ) : null}
      </View>
    );
  }

  const action = primaryAction(event, now);
  const enabled = action.kind === 'signUp';
  if (team && enabled) {
    return (
      <View className='action-bar'>
        <Button className='action-bar__button action-bar__button--secondary team-join' fill='outline' type='primary' onClick={team.onJoin}>
          凭码入队
        </Button>
        <Button className='action-bar__button action-bar__button--primary team-create' type='primary' onClick={team.onCreate}>
          组队报名
        </Button>
      </View>
    );
  }
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

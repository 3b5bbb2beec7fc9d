import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import type { EventSummary, MyRegistration } from '../../../types/models';
import { attendanceText, type AttendanceTimes } from '../../utils/checkin';
import { signedCredits } from '../../utils/credits';
import { cancelLabel, mayCancel, registrationLabel } from '../../utils/event-status';
import { activityOutcome, activityPhase, isToday, OUTCOME_LABELS, passOffered, passOpensText } from '../../utils/my-activities';
import { formatDateTime } from '../../utils/time';
import EventCard from '../EventCard';
import './index.scss';

interface Props {
  event: EventSummary;
  registration: MyRegistration;
  /** My check-in and check-out (events that have started). */
  attendance: AttendanceTimes | null;
  /** Net credit this event brought me (the transcript), or null while unknown. */
  credited: number | null;
  now: number;
  busy: boolean;
  onOpen: () => void;
  onCancel: () => void;
  onOpenPass: () => void;
}

/**
 * One row of 我的活动, as its phase needs: 待参加 — my status and 取消报名 / 退出候补 while allowed (never once it has
 * begun); today's and 进行中 — the way to 签到码 and my attendance; 已结束 — how it went (已签到 / 缺席 / 未获名额…) and
 * the credit recorded.
 */
export default function RegistrationCard({ event, registration, attendance, credited, now, busy, onOpen, onCancel, onOpenPass }: Props) {
  const status = registration.status === 'cancelled' ? null : registration.status;
  const phase = activityPhase(event, now);
  const confirmed = registration.status === 'confirmed';
  const cancellable = phase === 'upcoming' && mayCancel(event, registration, now);
  const pass = confirmed && phase !== 'ended' && passOffered(event, now);

  let footer;
  if (phase === 'ended') {
    const outcome = activityOutcome(event, registration, attendance);
    // The card's pill already says what the event is worth: "学分已记入" when that is what arrived, the amount when it
    // differs (per-hour credit, a partial stay, an appeal's decision).
    const recorded = (amount: number) => (amount === Math.round(event.credits * 100) ? '学分已记入' : `已记入 ${signedCredits(amount)} 学分`);
    const credit =
      outcome === 'attended'
        ? credited === null
          ? '正在查询学分…'
          : credited > 0
            ? recorded(credited)
            : '学分尚未记入'
        : outcome === 'absent'
          ? credited !== null && credited > 0
            ? recorded(credited)
            : '未获学分'
          : '';
    footer = (
      <View className='registration-card__foot'>
        <Text className={`registration-card__outcome registration-outcome registration-outcome--${outcome}`}>{OUTCOME_LABELS[outcome]}</Text>
        {credit ? <Text className={`registration-card__credit registration-credit ${credited && credited > 0 ? 'registration-credit--in' : ''}`}>{credit}</Text> : null}
      </View>
    );
  } else {
    const note = pass
      ? attendanceText(attendance)
      : confirmed && isToday(event, now)
        ? passOpensText(event, now)
        : registration.status === 'waitlisted'
          ? '开始前可退出'
          : cancellable
            ? `${formatDateTime(event.cancelDeadlineAt)} 前可取消`
            : phase === 'ongoing'
              ? '活动进行中'
              : '已过取消截止时间';
    footer = (
      <View className='registration-card__foot'>
        <Text className='registration-card__deadline'>{note}</Text>
        {pass ? (
          <Button
            className='registration-card__button registration-card__button--pass registration-pass'
            type='primary'
            onClick={(e) => {
              e?.stopPropagation?.();
              onOpenPass();
            }}
          >
            签到码
          </Button>
        ) : cancellable ? (
          <Button
            className='registration-card__button cancel-button'
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
    );
  }

  return (
    <View className={`registration-card registration-card--${phase}`} data-event-id={event.id} data-phase={phase}>
      <EventCard
        event={event}
        now={now}
        compact
        myStatus={phase === 'ended' ? null : status}
        statusLabel={registrationLabel(registration)}
        onClick={onOpen}
        footer={footer}
      />
    </View>
  );
}

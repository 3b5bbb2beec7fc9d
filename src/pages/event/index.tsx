import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import AppealSheet from '../../components/AppealSheet';
import CheckinCard from '../../components/CheckinCard';
import ConfirmDialog from '../../components/ConfirmDialog';
import ErrorState from '../../components/ErrorState';
import EventActionBar from '../../components/EventActionBar';
import EventCreditCard from '../../components/EventCreditCard';
import EventFacts from '../../components/EventFacts';
import { kindFactRows } from '../../utils/kind-facts';
import EventTags from '../../components/EventTags';
import { usePageToast } from '../../components/PageToast';
import SeatsProgress from '../../components/SeatsProgress';
import LotteryCard from '../../components/LotteryCard';
import LeaveSheet from '../../components/LeaveSheet';
import StatusBadge from '../../components/StatusBadge';
import DetailSkeleton from '../../components/DetailSkeleton';
import TeamEntryCard from '../../components/TeamEntryCard';
import { selectDetail, useEventsStore } from '../../stores/events';
import { useFairnessStore } from '../../stores/fairness';
import { useRouteEvent } from '../../stores/scene';
import { appealOf, useTranscriptStore } from '../../stores/transcript';
import { recordsCheckout } from '../../utils/checkin';
import { creditedForEvent, creditRuleText } from '../../utils/credits';
import { activityPhase, passOffered, passOpensText } from '../../utils/my-activities';
import { cancelLabel, signupToast } from '../../utils/event-status';
import {
  openCheckinPass,
  openCreateTeam,
  openEvents,
  openJoinTeam,
  openLotteryVerify,
  openMe,
  openMyTeams,
  openSelfCheckin,
  openTranscript,
} from '../../utils/navigation';
import { isBefore, nowMs } from '../../utils/time';
import { eventSharePath, eventShareCard } from '../../utils/share';
import { rememberReturnAfterBind } from '../../stores/return-after-bind';
import EventCover from '../../components/EventCover';
import './index.scss';
import PageHeader from '../../components/PageHeader';

type Prompt = { kind: 'cancel' } | { kind: 'notBound'; message: string } | { kind: 'appeal' } | { kind: 'leave' };

/** Refusals that will not change by trying again: kept on the page, not only in a passing toast. */
const LASTING_REFUSALS = new Set(['AUDIENCE_COLLEGE', 'AUDIENCE_GRADE', 'AUDIENCE_LEAGUE_ONLY', 'SIGNUP_CLOSED', 'SIGNUP_BLOCKED']);

/** Social practice that teams sign up for (the kinds with team sizes); other practice events take single sign-ups. */
const TEAM_PRACTICE_TAGS = ['三下乡', '返家乡'];

/** 活动详情: everything about one event, and sign-up / cancel from the fixed bottom bar. */
export default function EventPage() {
  // Opened by a link or a shared card (?id=), or by a poster's scanned code (?scene=).
  const { eventId, resolving, refusal: sceneRefusal, deferred } = useRouteEvent(useRouter().params);
  const detail = useEventsStore(selectDetail(eventId));
  const pending = useEventsStore((s) => s.pending === eventId);
  const { loadDetail, signUp, cancel } = useEventsStore.getState();
  const [prompt, setPrompt] = useState<Prompt | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [toastNode, showToast] = usePageToast();
  const transcript = useTranscriptStore((s) => s.transcript);
  const appealing = useTranscriptStore((s) => s.appealing !== null);
  const fairness = useFairnessStore((s) => s.byEvent[eventId]);
  const now = nowMs();

  // On every show, not only the first: coming back from 签到码 or 扫码签到 must show the attendance just recorded.
  useDidShow(() => {
    if (eventId) void loadDetail(eventId, { silent: !!useEventsStore.getState().details[eventId]?.event });
  });

  // A scanned code's alias resolves after the page was shown: load the event then.
  useEffect(() => {
    if (deferred && eventId) void loadDetail(eventId);
  }, [deferred, eventId]);

  // 转发: the card a student forwards into the class group (title, time, place, seats left, the cover when there is one).
  // Its path names the event and nothing else; before the event has loaded the card still opens the right page.
  useShareAppMessage(() => {
    const shown = useEventsStore.getState().details[eventId]?.event;
    if (shown) return eventShareCard(shown);
    return { title: '青年第二课堂活动', path: eventId ? eventSharePath(eventId) : '/pages/events/index' };
  });

  usePullDownRefresh(async () => {
    if (eventId) await loadDetail(eventId, { silent: true });
    Taro.stopPullDownRefresh();
  });

  async function handleSignUp() {
    const result = await signUp(eventId);
    setRefusal(!result.ok && result.code && LASTING_REFUSALS.has(result.code) ? result.message : null);
    if (result.ok) showToast(signupToast(result.registration), 'success');
    else if (result.code === 'NOT_BOUND') setPrompt({ kind: 'notBound', message: result.message });
    else showToast(result.message, 'fail');
  }

  async function handleCancel() {
    const was = detail.myRegistration?.status;
    const result = await cancel(eventId);
    if (result.ok) showToast(was === 'pending' ? '已撤回申请' : was === 'waitlisted' ? '已退出候补' : '已取消报名', 'success');
    else showToast(result.message, 'fail');
  }

  const { event, myRegistration, myAttendance } = detail;

  // A lottery's state (commitment, applications, result, my line) is asked beside the event, and again after a change.
  // So is leave, for a student holding a seat once the cancel deadline has passed (before it, cancelling is the way).
  const lotteryEvent = event?.signupMode === 'lottery';
  const leaveTime = !!event && myRegistration?.status === 'confirmed' && !isBefore(now, event.cancelDeadlineAt);
  useEffect(() => {
    if (lotteryEvent || leaveTime) void useFairnessStore.getState().load(eventId);
  }, [lotteryEvent, leaveTime, eventId, myRegistration?.status]);
  const requestingLeave = useFairnessStore((s) => s.requesting === eventId);

  async function handleLeave(reason: string, photoFileId: string | null): Promise<string | null> {
    const refusal = await useFairnessStore.getState().requestLeave(eventId, reason, photoFileId);
    if (refusal) return refusal;
    setPrompt(null);
    showToast('请假已提交，等待主办方处理', 'success');
    return null;
  }

  // A sign-up placed after queueing (a rush): say how it ended, as a sign-up's answer would have.
  const placedStatus = myRegistration?.status ?? null;
  const [previousStatus, setPreviousStatus] = useState(placedStatus);
  useEffect(() => {
    if (previousStatus === 'queued' && placedStatus !== 'queued') {
      if (myRegistration && placedStatus !== 'cancelled') showToast(signupToast(myRegistration), 'success');
      else if (detail.queueRefusal) showToast(detail.queueRefusal, 'fail');
    }
    setPreviousStatus(placedStatus);
    // Only a change of status says anything: the effect runs on that alone.
  }, [placedStatus]);
  // 活动学分 (credited? appeal?) for a confirmed registration of an event that has begun.
  const creditShown =
    !!event && event.status !== 'cancelled' && myRegistration?.status === 'confirmed' && !isBefore(now, event.startAt);

  // Whether this event's credit arrived, from my transcript (asked again on every show: a check-out just recorded).
  useEffect(() => {
    if (creditShown) void useTranscriptStore.getState().load({ silent: true });
  }, [creditShown, eventId, detail.myAttendance?.checkedInAt, detail.myAttendance?.checkedOutAt]);

  async function handleAppeal(note: string): Promise<string | null> {
    const result = await useTranscriptStore.getState().fileAppeal(eventId, note);
    if (!result.ok) return result.message;
    setPrompt(null);
    showToast('申诉已提交，请等待团干部核实', 'success');
    return null;
  }

  if (resolving) return <DetailSkeleton />;
  if (!eventId) {
    return <ErrorState className='event-error' message={sceneRefusal ?? '没有找到这个活动'} actionText='返回活动列表' exit={false} onRetry={openEvents} />;
  }
  if (!event) {
    return (
      <View className='event-page'>
        <PageHeader title='活动详情' />
        {detail.error ? (
          detail.errorCode === 'NOT_FOUND' ? (
            <ErrorState className='event-error' message={detail.error} actionText='返回活动列表' exit={false} onRetry={openEvents} />
          ) : (
            <ErrorState className='event-error' message={detail.error} onRetry={() => void loadDetail(eventId)} />
          )
        ) : (
          <DetailSkeleton />
        )}
      </View>
    );
  }

  const status = myRegistration && myRegistration.status !== 'cancelled' ? myRegistration.status : null;
  // A block for no-shows comes with the event (and with the fairness answer on lottery events): said before any tap.
  const refusalShown = refusal ?? detail.queueRefusal ?? detail.myBlock?.message ?? fairness?.myBlock?.message ?? null;
  const phase = activityPhase(event, now);
  // 三下乡 / 返家乡: teams sign up as one unit, so the team is the page's one action (the bottom bar).
  const teamEvent = event.category === 'practice' && TEAM_PRACTICE_TAGS.includes(event.tag);

  return (
    <View className='event-page event-detail'>
      <PageHeader title='活动详情' />
      <View className='event-page__hero'>
        <EventCover category={event.category} coverUrl={event.coverUrl} startAt={event.startAt} size='hero' muted={phase === 'ended'} />
      </View>

      <View className='event-page__card event-page__card--overlap event-page__head'>
        <View className='event-page__tags'>
          <EventTags category={event.category} tag={event.tag} />
          {status ? <StatusBadge status={status} /> : phase === 'ongoing' ? <Text className='event-page__live event-live'>进行中</Text> : null}
        </View>
        <Text className='event-page__title event-title'>{event.title}</Text>
        <View className='event-page__credits-row'>
          <Text className='event-page__credits event-credits'>+{event.credits} 学分</Text>
          {event.status === 'cancelled' ? <Text className='event-page__cancelled'>活动已取消</Text> : null}
          {event.status === 'closed' ? <Text className='event-page__cancelled event-closed'>报名已关闭</Text> : null}
          {phase === 'ended' && event.status !== 'cancelled' ? <Text className='event-page__cancelled event-ended'>活动已结束</Text> : null}
          {phase === 'ongoing' && status ? <Text className='event-page__live'>进行中</Text> : null}
        </View>
      </View>

      {/* Seats matter to those who may still sign up; once it has begun, a student holding a place has the cards below. */}
      {status && phase !== 'upcoming' ? null : (
        <View className='event-page__card'>
          <SeatsProgress event={event} now={now} />
        </View>
      )}

      {lotteryEvent && fairness?.lottery ? (
        <View className='event-page__card lottery-section'>
          <LotteryCard lottery={fairness.lottery} onVerify={() => openLotteryVerify(eventId)} />
        </View>
      ) : null}

      {fairness?.myLeave ? (
        <View className={`event-page__card event-page__notice leave-status leave-status--${fairness.myLeave.status}`}>
          <Text className='event-page__notice-title'>
            {fairness.myLeave.status === 'pending' ? '请假已提交，等待主办方处理' : fairness.myLeave.status === 'approved' ? '请假已批准' : '请假未批准'}
          </Text>
          <Text className='event-page__notice-text'>
            {fairness.myLeave.status === 'approved'
              ? '不记缺席，名额已递补给候补的同学。'
              : fairness.myLeave.status === 'refused'
                ? `原因：${fairness.myLeave.decisionReason ?? '主办方未说明'}。请按时参加；如有新情况，可再次请假。`
                : `请假原因：${fairness.myLeave.reason}${fairness.myLeave.hasPhoto ? '（已附照片）' : ''}`}
          </Text>
          {fairness.myLeave.status === 'refused' && fairness.leaveOpen ? (
            <Text className='event-page__link leave-again' onClick={() => setPrompt({ kind: 'leave' })}>再次请假 ›</Text>
          ) : null}
        </View>
      ) : fairness?.leaveOpen ? (
        <View className='event-page__card event-page__notice leave-offer'>
          <Text className='event-page__notice-title'>临时不能参加？</Text>
          <Text className='event-page__notice-text'>已过取消截止时间，可以请假：写明原因，主办方批准后不记缺席，名额递补给候补的同学。</Text>
          <Text className='event-page__link leave-open' onClick={() => setPrompt({ kind: 'leave' })}>请假 ›</Text>
        </View>
      ) : null}

      {status === 'pending' ? (
        <View className='event-page__card event-page__notice application-pending'>
          <Text className='event-page__notice-title'>申请已提交，等待主办方审核</Text>
          <Text className='event-page__notice-text'>
            本活动需要审核（如面试）。审核通过后即报名成功；如不再参加，可在活动开始前撤回申请。
          </Text>
        </View>
      ) : null}

      {status === 'queued' ? (
        <View className='event-page__card event-page__notice signup-queued'>
          <Text className='event-page__notice-title'>正在为你确认名额…</Text>
          <Text className='event-page__notice-text'>
            报名的同学很多，系统按提交的先后顺序安排名额，通常几秒钟就有结果。你可以先离开本页，结果会显示在“我的活动”。
          </Text>
        </View>
      ) : null}

      {refusalShown && !status ? (
        <View className='event-page__card event-page__notice event-page__notice--refused signup-refusal'>
          <Text className='event-page__notice-title'>无法报名</Text>
          <Text className='event-page__notice-text'>{refusalShown}</Text>
        </View>
      ) : null}

      {teamEvent && event.status !== 'cancelled' ? <TeamEntryCard onMyTeams={openMyTeams} /> : null}

      {status === 'confirmed' && passOffered(event, now) ? (
        <CheckinCard
          attendance={myAttendance}
          checkout={recordsCheckout(event)}
          onOpenPass={() => openCheckinPass(eventId)}
          onScan={openSelfCheckin}
        />
      ) : null}

      {status === 'confirmed' && phase === 'upcoming' && !passOffered(event, now) ? (
        <View className='event-page__card event-page__notice checkin-later'>
          <Text className='event-page__notice-title'>活动签到</Text>
          <Text className='event-page__notice-text'>{`${passOpensText(event, now)}（开始前 30 分钟），到时在这里打开签到码，或在“我的活动”中找到它。`}</Text>
        </View>
      ) : null}

      {creditShown ? (
        <EventCreditCard
          credited={transcript ? creditedForEvent(transcript.entries, eventId) : null}
          appeal={appealOf(transcript, eventId)}
          ended={!isBefore(now, event.endAt)}
          onAppeal={() => setPrompt({ kind: 'appeal' })}
          onOpenTranscript={openTranscript}
        />
      ) : null}

      <View className='event-page__card'>
        <EventFacts
          event={event}
          extra={[
            ...kindFactRows(event),
            { key: 'credit-rule', label: '学分规则', value: creditRuleText(event.creditRule, event.credits, event.checkoutRequired) },
          ]}
        />
      </View>

      <View className='event-page__card'>
        <Text className='event-page__section-title'>活动介绍</Text>
        <Text className='event-page__description event-description' userSelect>
          {event.description || '组织方暂未填写活动介绍。'}
        </Text>
      </View>

      <EventActionBar
        event={event}
        registration={myRegistration}
        now={now}
        busy={pending}
        onSignUp={() => void handleSignUp()}
        onCancel={() => setPrompt({ kind: 'cancel' })}
        team={teamEvent ? { onCreate: () => openCreateTeam(eventId), onJoin: openJoinTeam } : null}
      />

      <ConfirmDialog
        visible={prompt?.kind === 'cancel'}
        title={myRegistration ? `确定${cancelLabel(myRegistration)}？` : '确定取消？'}
        message={
          myRegistration?.status === 'pending'
            ? '撤回后主办方将不再审核你的申请，再次报名需重新提交。'
            : myRegistration?.status === 'waitlisted'
              ? '退出后候补位次将不再保留，再次报名需重新排队。'
              : '取消后名额将自动递补给候补同学，再次报名需重新排队。'
        }
        confirmText={myRegistration ? cancelLabel(myRegistration) : '确定'}
        onConfirm={handleCancel}
        onCancel={() => setPrompt(null)}
      />
      <ConfirmDialog
        visible={prompt?.kind === 'notBound'}
        title='请先绑定学号'
        message={prompt?.kind === 'notBound' ? `${prompt.message.replace(/[。.]$/, '')}。在“我的”绑定学号后，会自动回到本活动。` : ''}
        confirmText='去绑定'
        cancelText='稍后'
        onConfirm={() => {
          setPrompt(null);
          // A card shared into a class group: after binding, 我的 brings the student back here.
          rememberReturnAfterBind(eventSharePath(eventId));
          openMe();
        }}
        onCancel={() => setPrompt(null)}
      />
      <LeaveSheet
        visible={prompt?.kind === 'leave'}
        eventTitle={event.title}
        busy={requestingLeave}
        onSubmit={handleLeave}
        onClose={() => setPrompt(null)}
      />

      <AppealSheet
        visible={prompt?.kind === 'appeal'}
        eventTitle={event.title}
        busy={appealing}
        onSubmit={handleAppeal}
        onClose={() => setPrompt(null)}
      />
      {toastNode}
    </View>
  );
}

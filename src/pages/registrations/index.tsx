import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import ConfirmDialog from '../../components/ConfirmDialog';
import EmptyState from '../../components/EmptyState';
import ErrorState from '../../components/ErrorState';
import ListSkeleton from '../../components/ListSkeleton';
import { usePageToast } from '../../components/PageToast';
import RegistrationCard from '../../components/RegistrationCard';
import SegmentTabs from '../../components/SegmentTabs';
import { useEventsStore } from '../../stores/events';
import { useRegistrationsStore, type MyRegistrationRow } from '../../stores/registrations';
import { useTranscriptStore } from '../../stores/transcript';
import { creditedForEvent } from '../../utils/credits';
import { cancelLabel } from '../../utils/event-status';
import { activityPhase, orderForPhase, PHASE_LABELS, type ActivityPhase } from '../../utils/my-activities';
import { openCheckinPass, openEvent, openEvents, openMe } from '../../utils/navigation';
import { nowMs } from '../../utils/time';
import './index.scss';

const PHASES: ActivityPhase[] = ['upcoming', 'ongoing', 'ended'];

const EMPTY: Record<ActivityPhase, { title: string; description: string }> = {
  upcoming: { title: '没有待参加的活动', description: '去活动广场看看，总有一个适合你' },
  ongoing: { title: '没有进行中的活动', description: '活动开始后会出现在这里，签到码也在这里' },
  ended: { title: '还没有结束的活动', description: '参加过的活动会留在这里，可以看到签到情况和学分' },
};

/**
 * 我的活动: my sign-ups split the way students expect (PU口袋校园, 到梦空间) — 待参加, 进行中, 已结束. Upcoming ones can
 * be cancelled while allowed; today's and running ones lead to 签到码; ended ones say how they went (已签到 / 缺席 /
 * 未获名额) and the credit recorded (from my transcript).
 */
export default function RegistrationsPage() {
  const { rows, loading, loaded, error, errorCode } = useRegistrationsStore();
  const { load } = useRegistrationsStore.getState();
  const pending = useEventsStore((s) => s.pending);
  const { cancel } = useEventsStore.getState();
  const transcript = useTranscriptStore((s) => s.transcript);
  const [confirming, setConfirming] = useState<MyRegistrationRow | null>(null);
  const [tab, setTab] = useState<ActivityPhase | null>(null);
  const [toastNode, showToast] = usePageToast();
  const now = nowMs();

  // A tab page stays alive: reload whenever it is shown (sign-ups happen on the detail page); the transcript says
  // which ended activities brought credit.
  useDidShow(() => {
    void load({ silent: useRegistrationsStore.getState().loaded });
  });

  usePullDownRefresh(async () => {
    await Promise.all([load({ silent: true }), useTranscriptStore.getState().load({ silent: true })]);
    Taro.stopPullDownRefresh();
  });

  const byPhase: Record<ActivityPhase, MyRegistrationRow[]> = { upcoming: [], ongoing: [], ended: [] };
  for (const row of rows) byPhase[activityPhase(row.event, now)].push(row);
  // Until the student picks a tab: what is on now, else what comes next, else what is over.
  const shown: ActivityPhase = tab ?? (byPhase.ongoing.length ? 'ongoing' : byPhase.upcoming.length || !byPhase.ended.length ? 'upcoming' : 'ended');
  const hasEnded = byPhase.ended.length > 0;
  // The hero counts what is still ahead or on (an ended sign-up is history, in its tab).
  const live = [...byPhase.upcoming, ...byPhase.ongoing];
  const confirmedNow = live.filter((r) => r.registration.status === 'confirmed').length;
  const waitlistedNow = live.filter((r) => r.registration.status === 'waitlisted').length;

  useEffect(() => {
    if (hasEnded) void useTranscriptStore.getState().load({ silent: true });
  }, [hasEnded]);

  async function confirmCancel() {
    if (!confirming) return;
    const { registration } = confirming;
    const result = await cancel(confirming.event.id);
    setConfirming(null);
    if (result.ok) showToast(registration.status === 'pending' ? '已撤回申请' : registration.status === 'waitlisted' ? '已退出候补' : '已取消报名', 'success');
    else showToast(result.message, 'fail');
  }

  let body;
  if (loading && !loaded) body = <ListSkeleton />;
  else if (errorCode === 'NOT_BOUND')
    body = (
      <EmptyState
        className='registrations-unbound'
        icon='user'
        title='还没有绑定学号'
        description={error ?? undefined}
        actionText='去“我的”看看'
        onAction={openMe}
      />
    );
  else if (error) body = <ErrorState className='registrations-error' exit={false} message={error} onRetry={() => void load()} />;
  else if (rows.length === 0)
    body = (
      <EmptyState
        className='registrations-empty'
        icon='list'
        title='还没有报名任何活动'
        description='去活动广场看看，总有一个适合你'
        actionText='浏览活动'
        onAction={openEvents}
      />
    );
  else {
    const list = orderForPhase(byPhase[shown], shown);
    body = (
      <>
        <SegmentTabs
          className='registrations-page__tabs activity-tabs'
          hook='activity-tab'
          value={shown}
          options={PHASES.map((p) => ({ value: p, label: PHASE_LABELS[p], count: byPhase[p].length }))}
          onChange={setTab}
        />
        {list.length === 0 ? (
          <EmptyState
            className='registrations-tab-empty'
            icon='list'
            title={EMPTY[shown].title}
            description={EMPTY[shown].description}
            actionText={shown === 'upcoming' ? '浏览活动' : undefined}
            onAction={shown === 'upcoming' ? openEvents : undefined}
          />
        ) : (
          list.map((row) => (
            <RegistrationCard
              key={row.registration.id}
              event={row.event}
              registration={row.registration}
              attendance={row.attendance}
              credited={transcript ? creditedForEvent(transcript.entries, row.event.id) : null}
              now={now}
              busy={pending === row.event.id}
              onOpen={() => openEvent(row.event.id)}
              onCancel={() => setConfirming(row)}
              onOpenPass={() => openCheckinPass(row.event.id)}
            />
          ))
        )}
      </>
    );
  }

  return (
    <View className='registrations-page'>
      <View className='registrations-page__hero'>
        <Text className='registrations-page__title'>我的活动</Text>
        <Text className='registrations-page__summary registrations-summary'>
          {loaded && !error ? `已报名 ${confirmedNow} 个 · 候补 ${waitlistedNow} 个` : '报名、签到与学分'}
        </Text>
      </View>
      {body}
      <ConfirmDialog
        visible={confirming !== null}
        title={confirming ? `确定${cancelLabel(confirming.registration)}？` : ''}
        message={confirming ? `“${confirming.event.title}”${confirming.registration.status === 'waitlisted' ? '的候补位次将不再保留。' : '的名额将递补给候补同学。'}` : ''}
        confirmText={confirming ? cancelLabel(confirming.registration) : '确定'}
        onConfirm={confirmCancel}
        onCancel={() => setConfirming(null)}
      />
      {toastNode}
    </View>
  );
}

import { Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import EmptyState from '../../../components/EmptyState';
import ErrorState from '../../../components/ErrorState';
import PageHero from '../../../shared/components/PageHero';
import { useUserStore } from '../../../stores/user';
import { openMe } from '../../../utils/navigation';
import { officerAccess } from '../../../utils/roles';
import CheckinEventCard from '../components/CheckinEventCard';
import CheckinRefusal from '../components/CheckinRefusal';
import MembersSkeleton from '../components/MembersSkeleton';
import QueueEntry from '../components/QueueEntry';
import { checkinPhase } from '../checkin-time';
import { openAppeals, openCheckinTool, openLeave } from '../routes';
import { useAppealsStore } from '../stores/appeals';
import { useLeaveStore } from '../stores/leave';
import { useCheckinEventsStore, type CheckinEventItem } from '../stores/checkin-events';
import { pendingByEvent, startAutoUpload, useScannerStore } from '../stores/scanner';
import './index.scss';
import PageHeader from '../../../components/PageHeader';

/** Events running now first, then upcoming (soonest first), then past ones (latest first). */
function ordered(events: CheckinEventItem[], now: number): CheckinEventItem[] {
  const rank = (e: CheckinEventItem) => {
    const phase = checkinPhase(e, now);
    return phase === 'open' || phase === 'checkout' ? 0 : phase === 'before' ? 1 : 2;
  };
  return [...events].sort((a, b) => {
    const r = rank(a) - rank(b);
    if (r) return r;
    return rank(a) === 2 ? b.startAt.localeCompare(a.startAt) : a.startAt.localeCompare(b.startAt);
  });
}

/**
 * 签到管理 (officer subpackage): the events this account runs check-in for, with how many came, and the way to the
 * scanner, the live list and the event code. Opened from 我的. Offline scans still waiting on this phone are shown
 * per event and uploaded as soon as the network answers.
 */
export default function CheckinEventsPage() {
  const { events, loading, loaded, error, errorCode } = useCheckinEventsStore();
  const pendingAll = useScannerStore((s) => s.pendingAll);
  const [pending, setPending] = useState<Record<string, number>>({});
  const [visible, setVisible] = useState(true);
  const [now, setNow] = useState(() => Date.now());
  // 学分申诉 is for officer roles (a 签到员 assigned to one event holds none): its entry, with the pending count.
  const isOfficer = useUserStore((s) => officerAccess(s.roles) !== null);
  const pendingAppeals = useAppealsStore((s) => (s.lists.pending.loaded && !s.lists.pending.error ? s.lists.pending.appeals.length : null));
  const pendingLeave = useLeaveStore((s) => (s.lists.pending.loaded && !s.lists.pending.error ? s.lists.pending.requests.filter((r) => r.status === 'pending').length : null));

  useDidShow(() => {
    setVisible(true);
    setNow(Date.now());
    setPending(pendingByEvent());
    const s = useCheckinEventsStore.getState();
    void s.load({ silent: s.loaded });
    const user = useUserStore.getState();
    if (officerAccess(user.roles)) {
      const appeals = useAppealsStore.getState();
      void appeals.load('pending', { silent: appeals.lists.pending.loaded });
      const leave = useLeaveStore.getState();
      void leave.load('pending', { silent: leave.lists.pending.loaded });
    } else if (!user.loaded && !user.loading) void user.getMe({ silent: true });
  });
  // Opened directly (a deep link): the roles arrive after the first show.
  useEffect(() => {
    if (isOfficer && !useAppealsStore.getState().lists.pending.loaded) void useAppealsStore.getState().load('pending');
    if (isOfficer && !useLeaveStore.getState().lists.pending.loaded) void useLeaveStore.getState().load('pending');
  }, [isOfficer]);
  useDidHide(() => setVisible(false));
  useEffect(() => (visible ? startAutoUpload() : undefined), [visible]);
  // An upload finished (pendingAll changed): the per-event figures and counts follow.
  useEffect(() => {
    setPending(pendingByEvent());
    if (visible && useCheckinEventsStore.getState().loaded) void useCheckinEventsStore.getState().load({ silent: true });
  }, [pendingAll]);

  usePullDownRefresh(async () => {
    setNow(Date.now());
    setPending(pendingByEvent());
    await useCheckinEventsStore.getState().load({ silent: true });
    Taro.stopPullDownRefresh();
  });

  const totalPending = Object.values(pending).reduce((a, b) => a + b, 0);
  let body;
  if (loading && !loaded) body = <MembersSkeleton count={4} />;
  else if (errorCode === 'FORBIDDEN') body = <CheckinRefusal message={error ?? '你没有权限进行此操作'} onBack={openMe} />;
  else if (error) body = <ErrorState className='checkin-events-error' message={error} onRetry={() => void useCheckinEventsStore.getState().load()} />;
  else if (events.length === 0)
    body = (
      <EmptyState
        className='checkin-events-empty'
        icon='list'
        title='暂无可签到的活动'
        description='你所在团支部、学院主办的活动，或指派你为签到员的活动会出现在这里'
      />
    );
  else
    body = ordered(events, now).map((e) => (
      <CheckinEventCard
        key={e.id}
        event={e}
        pending={pending[e.id] ?? 0}
        now={now}
        onScan={() => openCheckinTool('scan', e.id)}
        onAttendance={() => openCheckinTool('attendance', e.id)}
        onEventCode={() => openCheckinTool('eventCode', e.id)}
      />
    ));

  return (
    <View className='checkin-events-page'>
      <PageHeader title='签到管理' />
      <PageHero badge='团干部' title='签到管理' subtitle='扫学生签到码，或展示活动码让学生自助签到；无网络时也能扫码'>
        {totalPending > 0 ? <Text className='checkin-events-page__pending checkin-pending'>本机有 {totalPending} 条离线扫码待上传，联网后自动上传</Text> : null}
      </PageHero>
      {isOfficer ? (
        <QueueEntry title='学分申诉' description='学生参加了活动却没有记入学分时提交，核实后通过或驳回' hook='appeals-entry' pending={pendingAppeals} onOpen={openAppeals} />
      ) : null}
      {isOfficer ? (
        <QueueEntry title='请假审批' description='过了取消截止时间不能参加的同学请假，批准后不记缺席、名额递补' hook='leave-entry' pending={pendingLeave} onOpen={() => openLeave()} />
      ) : null}
      {body}
    </View>
  );
}

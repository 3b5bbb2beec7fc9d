import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import ConfirmDialog from '../../../components/ConfirmDialog';
import EmptyState from '../../../components/EmptyState';
import ErrorState from '../../../components/ErrorState';
import PageHeader from '../../../components/PageHeader';
import { usePageToast } from '../../../components/PageToast';
import SegmentTabs from '../../../components/SegmentTabs';
import PageHero from '../../../shared/components/PageHero';
import RefusalState from '../../../shared/components/RefusalState';
import { openMe } from '../../../utils/navigation';
import LeaveCard from '../components/LeaveCard';
import LeaveRefuseSheet from '../components/LeaveRefuseSheet';
import MembersSkeleton from '../components/MembersSkeleton';
import PhotoViewer from '../components/PhotoViewer';
import { LEAVE_STATUSES, leaveKey, useLeaveStore, type LeaveRequest, type LeaveStatus } from '../stores/leave';
import './index.scss';

const TABS: Array<{ status: LeaveStatus; label: string }> = [
  { status: 'pending', label: '待处理' },
  { status: 'approved', label: '已批准' },
  { status: 'refused', label: '未批准' },
];

const EMPTY: Record<LeaveStatus, { title: string; description: string }> = {
  pending: { title: '没有待处理的请假', description: '报名成功的同学过了取消截止时间不能参加时，可在活动页请假，会出现在这里' },
  approved: { title: '还没有批准的请假', description: '批准后不记缺席，名额递补给候补的同学' },
  refused: { title: '还没有未批准的请假', description: '不批准时须写明原因，同学在活动页可以看到' },
};

/**
 * 请假审批 (officer subpackage): confirmed students who cannot come after the cancel deadline ask for leave; the
 * officers who run the event's check-in (branch, college) and the committee approve — no absence mark, the seat goes
 * to the first on the waitlist — or refuse with a reason the student reads. 待处理 first; a decided card stays in place
 * showing the result until the list is loaded again. Opened from 签到管理 and the committee's 工作台.
 */
export default function LeavePage() {
  const [tab, setTab] = useState<LeaveStatus>('pending');
  // Opened from an event's 到场名单: that event's requests only, until 查看全部.
  const [onlyEvent, setOnlyEvent] = useState<string | null>(useRouter().params.eventId ?? null);
  const [refusing, setRefusing] = useState<LeaveRequest | null>(null);
  const [approving, setApproving] = useState<LeaveRequest | null>(null);
  const [photo, setPhoto] = useState<{ url: string; title: string } | null>(null);
  const [toastNode, showToast] = usePageToast();
  const { lists, deciding, promoted } = useLeaveStore();
  const { load, decide } = useLeaveStore.getState();

  useDidShow(() => {
    const s = useLeaveStore.getState();
    // One event's requests: all three lists, so that each tab's count and the event's title are known at once.
    const statuses: readonly LeaveStatus[] = onlyEvent ? LEAVE_STATUSES : tab === 'pending' ? ['pending'] : ['pending', tab];
    for (const status of statuses) void s.load(status, { silent: s.lists[status].loaded });
  });

  usePullDownRefresh(async () => {
    await Promise.all([load('pending', { silent: true }), tab === 'pending' ? null : load(tab, { silent: true })]);
    Taro.stopPullDownRefresh();
  });

  function pick(next: LeaveStatus) {
    setTab(next);
    const s = useLeaveStore.getState();
    void s.load(next, { silent: s.lists[next].loaded });
  }

  async function viewPhoto(r: LeaveRequest) {
    const link = await useLeaveStore.getState().photo(r);
    if (!link.ok) return showToast(link.message, 'fail');
    const title = `${r.name} 的请假照片`;
    // WeChat's own viewer zooms; it takes https links (cloud storage). Where it cannot open one, the page shows it.
    if (process.env.TARO_ENV === 'weapp') {
      try {
        await Taro.previewImage({ urls: [link.value], current: link.value });
        return;
      } catch {
        // Shown below instead.
      }
    }
    setPhoto({ url: link.value, title });
  }

  async function approve(): Promise<void> {
    const r = approving;
    setApproving(null);
    if (!r) return;
    const outcome = await decide({ eventId: r.eventId, studentNo: r.studentNo, approve: true });
    if (!outcome.ok) return showToast(outcome.message, 'fail');
    showToast(outcome.value.promoted ? `已批准：${r.name}，名额已递补给候补同学` : `已批准：${r.name}`, 'success');
  }

  async function refuse(reason: string): Promise<string | null> {
    const r = refusing;
    if (!r) return null;
    const outcome = await decide({ eventId: r.eventId, studentNo: r.studentNo, approve: false, reason });
    if (!outcome.ok) return outcome.message;
    setRefusing(null);
    showToast(`已不批准：${r.name}`, 'success');
    return null;
  }

  const shown = (s: LeaveStatus) => (onlyEvent ? lists[s].requests.filter((r) => r.eventId === onlyEvent) : lists[s].requests);
  const list = { ...lists[tab], requests: shown(tab) };
  const counts: Partial<Record<LeaveStatus, number>> = {};
  for (const s of LEAVE_STATUSES) if (lists[s].loaded && !lists[s].error) counts[s] = shown(s).filter((r) => s !== 'pending' || r.status === 'pending').length;
  const onlyTitle = onlyEvent ? LEAVE_STATUSES.flatMap((s) => lists[s].requests).find((r) => r.eventId === onlyEvent)?.eventTitle ?? '本活动' : null;
  const refused = LEAVE_STATUSES.map((s) => lists[s]).find((l) => l.errorCode === 'FORBIDDEN');

  let body;
  const cards = !refused && list.loaded && !list.error && list.requests.length > 0;
  if (refused)
    body = (
      <RefusalState
        hook='leave-forbidden'
        title='无权处理请假'
        message={refused.error ?? '你没有权限进行此操作'}
        note='请假由主办活动的团支部、院团总支和校团委处理。'
        onBack={openMe}
      />
    );
  else if (list.loading && !list.loaded) body = <MembersSkeleton count={3} />;
  else if (list.error) body = <ErrorState className='leave-error' message={list.error} onRetry={() => void load(tab)} />;
  else if (list.requests.length === 0) body = <EmptyState className='leave-empty' icon='list' title={EMPTY[tab].title} description={EMPTY[tab].description} />;
  else
    body = list.requests.map((r) => (
      <LeaveCard
        key={leaveKey(r)}
        request={r}
        busy={deciding === leaveKey(r)}
        promoted={promoted[leaveKey(r)]}
        onPhoto={() => void viewPhoto(r)}
        onApprove={() => setApproving(r)}
        onRefuse={() => setRefusing(r)}
      />
    ));

  const options = TABS.map(({ status, label }) => ({ value: status, label, count: counts[status], due: status === 'pending' && (counts[status] ?? 0) > 0 }));
  return (
    <View className='leave-page'>
      <PageHeader title='请假审批' />
      <PageHero badge='团干部' title='请假审批' subtitle='过了取消截止时间不能参加的同学在此请假；批准后不记缺席、名额递补，不批准须写明原因'>
        {counts.pending ? <Text className='leave-page__due leave-pending'>{counts.pending} 条待处理</Text> : null}
      </PageHero>
      {refused ? null : <SegmentTabs className='leave-page__tabs' hook='leave-tab' countHook='leave-tab-count' value={tab} options={options} onChange={pick} />}
      {onlyTitle && !refused ? (
        <View className='leave-page__only leave-only'>
          <Text className='leave-page__only-text'>{`只看：${onlyTitle}`}</Text>
          <Text className='leave-page__only-all leave-only-all' onClick={() => setOnlyEvent(null)}>
            查看全部 ›
          </Text>
        </View>
      ) : null}
      <View className={`leave-page__list ${cards ? 'leave-page__list--cards' : ''} leave-list`}>{body}</View>
      <LeaveRefuseSheet request={refusing} busy={deciding !== null} onSubmit={refuse} onClose={() => setRefusing(null)} />
      <ConfirmDialog
        visible={approving !== null}
        title='批准请假'
        message={approving ? `批准 ${approving.name} 不参加“${approving.eventTitle}”：不记缺席，报名取消，名额递补给候补第 1 位同学（如有）。` : ''}
        confirmText='批准'
        cancelText='取消'
        onConfirm={approve}
        onCancel={() => setApproving(null)}
      />
      <PhotoViewer url={photo?.url ?? null} title={photo?.title ?? ''} onClose={() => setPhoto(null)} />
      {toastNode}
    </View>
  );
}

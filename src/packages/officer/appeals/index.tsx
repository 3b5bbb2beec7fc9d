import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import type { AppealView } from '../../../../types/models';
import EmptyState from '../../../components/EmptyState';
import ErrorState from '../../../components/ErrorState';
import PageHero from '../../../shared/components/PageHero';
import { usePageToast } from '../../../components/PageToast';
import RefusalState from '../../../shared/components/RefusalState';
import { formatCredits } from '../../../utils/credits';
import { openMe } from '../../../utils/navigation';
import AppealCard from '../components/AppealCard';
import AppealTabs from '../components/AppealTabs';
import DecisionSheet, { type DecisionKind } from '../components/DecisionSheet';
import MembersSkeleton from '../components/MembersSkeleton';
import { APPEAL_STATUSES, creditedAmount, useAppealsStore, type AppealStatus } from '../stores/appeals';
import './index.scss';
import PageHeader from '../../../components/PageHeader';

const EMPTY: Record<AppealStatus, { title: string; description: string }> = {
  pending: { title: '没有待处理的申诉', description: '学生参加了活动却没有记入学分时，可在成绩单中提交申诉，会出现在这里' },
  accepted: { title: '还没有通过的申诉', description: '通过的申诉会按活动规则记入学分' },
  rejected: { title: '还没有驳回的申诉', description: '驳回时须写明原因，学生可以看到' },
};

/**
 * 学分申诉 (officer subpackage): students who attended an event but got no credit appeal; the officers of the hosting
 * branch or college, and the committee, accept (the event's credits go on the ledger with the appeal as the source)
 * or reject with a reason. Opened from 签到管理.
 */
export default function AppealsPage() {
  const [tab, setTab] = useState<AppealStatus>('pending');
  const [sheet, setSheet] = useState<{ appeal: AppealView; kind: DecisionKind } | null>(null);
  const [toastNode, showToast] = usePageToast();
  const { lists, deciding } = useAppealsStore();
  const { load, decide } = useAppealsStore.getState();

  useDidShow(() => {
    const s = useAppealsStore.getState();
    void s.load('pending', { silent: s.lists.pending.loaded });
    if (tab !== 'pending') void s.load(tab, { silent: s.lists[tab].loaded });
  });

  usePullDownRefresh(async () => {
    await Promise.all([load('pending', { silent: true }), tab === 'pending' ? null : load(tab, { silent: true })]);
    Taro.stopPullDownRefresh();
  });

  function pick(next: AppealStatus) {
    setTab(next);
    const s = useAppealsStore.getState();
    void s.load(next, { silent: s.lists[next].loaded });
  }

  async function submit(reason: string, hours: number | undefined): Promise<string | null> {
    if (!sheet) return null;
    const { appeal, kind } = sheet;
    const outcome = await decide({ appealId: appeal.id, accept: kind === 'accept', reason, ...(hours !== undefined ? { hours } : {}) });
    if (!outcome.ok) return outcome.message;
    setSheet(null);
    if (kind === 'accept') {
      const amount = creditedAmount(outcome.value);
      showToast(amount > 0 ? `已通过：${appeal.name}，记入 ${formatCredits(amount)} 学分` : `已通过：${appeal.name}`, 'success');
    } else showToast(`已驳回：${appeal.name}`, 'success');
    return null;
  }

  const list = lists[tab];
  const counts: Partial<Record<AppealStatus, number>> = {};
  for (const s of APPEAL_STATUSES) if (lists[s].loaded && !lists[s].error) counts[s] = lists[s].appeals.length;
  const refused = APPEAL_STATUSES.map((s) => lists[s]).find((l) => l.errorCode === 'FORBIDDEN');

  let body;
  if (refused)
    body = (
      <RefusalState
        hook='appeals-forbidden'
        title='无权处理学分申诉'
        message={refused.error ?? '你没有权限进行此操作'}
        note='学分申诉由主办活动的团支部、院团总支和校团委处理。'
        onBack={openMe}
      />
    );
  else if (list.loading && !list.loaded) body = <MembersSkeleton count={3} />;
  else if (list.error) body = <ErrorState className='appeals-error' message={list.error} onRetry={() => void load(tab)} />;
  else if (list.appeals.length === 0) body = <EmptyState className='appeals-empty' icon='list' title={EMPTY[tab].title} description={EMPTY[tab].description} />;
  else
    body = list.appeals.map((a) => (
      <AppealCard
        key={a.id}
        appeal={a}
        busy={deciding === a.id}
        onAccept={() => setSheet({ appeal: a, kind: 'accept' })}
        onReject={() => setSheet({ appeal: a, kind: 'reject' })}
      />
    ));

  const pending = counts.pending;
  return (
    <View className='appeals-page'>
      <PageHeader title='学分申诉' />
      <PageHero badge='团干部' title='学分申诉' subtitle='学生参加了活动却没有记入学分时提交；核实后通过即按活动规则记入，驳回须写明原因'>
        {pending ? <Text className='appeals-page__due appeals-pending'>{pending} 条待处理</Text> : null}
      </PageHero>
      {refused ? null : <AppealTabs value={tab} counts={counts} onChange={pick} />}
      <View className='appeals-page__list appeals-list'>{body}</View>
      <DecisionSheet appeal={sheet?.appeal ?? null} kind={sheet?.kind ?? 'accept'} busy={deciding !== null} onSubmit={submit} onClose={() => setSheet(null)} />
      {toastNode}
    </View>
  );
}

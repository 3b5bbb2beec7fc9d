import { View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import ConfirmDialog from '../../../components/ConfirmDialog';
import EmptyState from '../../../components/EmptyState';
import ErrorState from '../../../components/ErrorState';
import PageHero from '../../../shared/components/PageHero';
import { usePageToast } from '../../../components/PageToast';
import { useCommitteeAccess } from '../hooks/use-committee-access';
import CommitteeGate from '../components/CommitteeGate';
import CommitteeSkeleton from '../components/CommitteeSkeleton';
import ReasonDialog from '../components/ReasonDialog';
import SegmentTabs from '../../../components/SegmentTabs';
import TeamReviewCard from '../components/TeamReviewCard';
import { TEAM_STATUS_LABELS, type Team } from '../logic/labels';
import { useTeamsReviewStore, type TeamFilter } from '../stores/teams-review';
import './index.scss';

const FILTERS: TeamFilter[] = ['report_submitted', 'signed_up', 'approved', 'returned'];
const FILTER_OPTIONS = FILTERS.map((f) => ({ value: f, label: TEAM_STATUS_LABELS[f] }));

type Prompt = { kind: 'approve' | 'return'; team: Team };

/** 实践团队审核: social-practice teams' reports; 通过 credits every member at once, 退回 asks for a reason. */
export default function TeamsReviewPage() {
  const forbidden = useTeamsReviewStore((s) => s.forbidden);
  const access = useCommitteeAccess('organizer', forbidden);
  const s = useTeamsReviewStore();
  const { load, review } = useTeamsReviewStore.getState();
  const [prompt, setPrompt] = useState<Prompt | null>(null);
  const [toastNode, showToast] = usePageToast();

  useDidShow(() => {
    if (access.state === 'allowed') void load(useTeamsReviewStore.getState().status, { silent: true });
  });
  useEffect(() => {
    if (access.state === 'allowed') void load(useTeamsReviewStore.getState().status);
  }, [access.state]);
  usePullDownRefresh(async () => {
    await load(s.status, { silent: true });
    Taro.stopPullDownRefresh();
  });

  async function run(team: Team, approve: boolean, reason: string): Promise<string | null> {
    const outcome = await review(team.id, approve, reason);
    if (!outcome.ok) {
      showToast(outcome.message, 'fail');
      return outcome.message;
    }
    showToast(approve ? `已通过，已为 ${outcome.value.credited} 名成员记入学分` : `已退回「${team.name}」`, 'success');
    return null;
  }

  const hero = <PageHero badge='社会实践' title='实践团队审核' subtitle='审核实践报告：通过后全体成员一次性记入学分；退回须写明原因' />;

  function content() {
    let body;
    if (s.loading && s.teams.length === 0) body = <CommitteeSkeleton />;
    else if (s.error) body = <ErrorState className='teams-error' message={s.error} onRetry={() => void load(s.status)} />;
    else if (s.teams.length === 0)
      body = <EmptyState className='teams-empty' icon='user' title={`暂无${TEAM_STATUS_LABELS[s.status]}的团队`} description='队长提交实践报告后，团队会出现在“待审核”中' />;
    else
      body = s.teams.map((t) => (
        <TeamReviewCard
          key={t.id}
          team={t}
          busy={s.reviewing === t.id}
          onApprove={() => setPrompt({ kind: 'approve', team: t })}
          onReturn={() => setPrompt({ kind: 'return', team: t })}
        />
      ));

    const t = prompt?.team;
    return (
      <>
        {hero}
        <View className='teams-review-page__tabs'>
          <SegmentTabs<TeamFilter> hook='teams-tab' value={s.status} options={FILTER_OPTIONS} onChange={(f) => void load(f)} />
        </View>
        {body}
        <ConfirmDialog
          visible={prompt?.kind === 'approve'}
          title='通过实践报告？'
          message={t ? `「${t.name}」的 ${t.members.length} 名成员将一次性记入学分。` : ''}
          confirmText='通过并记学分'
          onConfirm={async () => {
            if (t) await run(t, true, '实践报告审核通过');
            setPrompt(null);
          }}
          onCancel={() => setPrompt(null)}
        />
        <ReasonDialog
          visible={prompt?.kind === 'return'}
          title='退回实践报告'
          message='请写明需要修改的地方，队长修改后可重新提交。'
          placeholder='例如：请补充实践过程照片和调研数据'
          confirmText='退回'
          onConfirm={async (reason) => (t ? run(t, false, reason) : null)}
          onClose={() => setPrompt(null)}
        />
        {toastNode}
      </>
    );
  }

  return (
    <CommitteeGate access={access} page='teams-review-page' hero={hero} title='无权审核团队' note='实践团队审核对院团总支和校团委开放。'>
      {content}
    </CommitteeGate>
  );
}

import { Text } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import EmptyState from '../../../components/EmptyState';
import ErrorState from '../../../components/ErrorState';
import PageHero from '../../../shared/components/PageHero';
import { usePageToast } from '../../../components/PageToast';
import { routeParam } from '../../../utils/navigation';
import { useCommitteeAccess } from '../hooks/use-committee-access';
import ApplicationRow from '../components/ApplicationRow';
import CommitteeGate from '../components/CommitteeGate';
import CommitteeSkeleton from '../components/CommitteeSkeleton';
import ReasonDialog from '../components/ReasonDialog';
import { useApplicationsStore, type Application } from '../stores/applications';
import { useManagedEventsStore } from '../stores/managed-events';
import './index.scss';

/** 报名审核: the pending applications of an event that requires approval (志愿者招募, 面试); 通过 takes a seat. */
export default function ApplicationsPage() {
  const params = useRouter().params;
  const eventId = routeParam(params.id);
  const title = routeParam(params.title);
  const forbidden = useApplicationsStore((s) => s.forbidden);
  const access = useCommitteeAccess('organizer', forbidden);
  const s = useApplicationsStore();
  const { load, decide } = useApplicationsStore.getState();
  const [rejecting, setRejecting] = useState<Application | null>(null);
  const [toastNode, showToast] = usePageToast();

  useDidShow(() => {
    if (eventId) void load(eventId);
  });
  usePullDownRefresh(async () => {
    if (eventId) await load(eventId);
    Taro.stopPullDownRefresh();
  });

  async function run(a: Application, approve: boolean, reason?: string): Promise<string | null> {
    const outcome = await decide(a.studentNo, approve, reason);
    if (!outcome.ok) {
      showToast(outcome.message, 'fail');
      return outcome.message;
    }
    void useManagedEventsStore.getState().load({ silent: true });
    showToast(approve ? `已通过：${a.name}，剩余 ${outcome.value.seatsLeft} 个名额` : `未通过：${a.name}`, 'success');
    return null;
  }

  const mine = s.eventId === eventId;
  const hero = (
    <PageHero badge='报名审核' title={title || '报名审核'} subtitle={mine && !s.loading ? `${s.applications.length} 人待审核 · 通过后占用名额，不通过须写明原因` : '通过后占用名额，不通过须写明原因'} />
  );

  function content() {
    let body;
    if (!mine || (s.loading && s.applications.length === 0)) body = <CommitteeSkeleton />;
    else if (s.error) body = <ErrorState className='applications-error' message={s.error} onRetry={() => void load(eventId)} />;
    else if (s.applications.length === 0) body = <EmptyState className='applications-empty' icon='user' title='暂无待审核的报名' description='有同学报名后会出现在这里' />;
    else
      body = s.applications.map((a) => (
        <ApplicationRow key={a.studentNo} application={a} busy={s.deciding === a.studentNo} onApprove={() => void run(a, true)} onReject={() => setRejecting(a)} />
      ));
    return (
      <>
        {hero}
        {body}
        {mine && s.applications.length > 0 ? <Text className='applications-page__tip'>审核结果会出现在同学的“我的报名”中</Text> : null}
        <ReasonDialog
          visible={rejecting !== null}
          title={`不通过：${rejecting?.name ?? ''}`}
          message='请写明原因，同学会在报名记录中看到。'
          placeholder='例如：面试未通过，感谢参与'
          confirmText='不通过'
          onConfirm={async (reason) => (rejecting ? run(rejecting, false, reason) : null)}
          onClose={() => setRejecting(null)}
        />
        {toastNode}
      </>
    );
  }

  return (
    <CommitteeGate access={access} page='applications-page' hero={hero} title='无权审核报名' note='报名审核对活动的主办方（院团总支、校团委）开放。'>
      {content}
    </CommitteeGate>
  );
}

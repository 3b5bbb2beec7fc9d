import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useEffect, useMemo, useState } from 'react';
import ConfirmDialog from '../../../components/ConfirmDialog';
import EmptyState from '../../../components/EmptyState';
import ErrorState from '../../../components/ErrorState';
import PageHero from '../../../shared/components/PageHero';
import { usePageToast } from '../../../components/PageToast';
import { useCommitteeAccess } from '../hooks/use-committee-access';
import CommitteeGate from '../components/CommitteeGate';
import CommitteeSkeleton from '../components/CommitteeSkeleton';
import ManagedEventCard, { type CardAction } from '../components/ManagedEventCard';
import ReasonDialog from '../components/ReasonDialog';
import SegmentTabs from '../../../components/SegmentTabs';
import { LIFECYCLE_LABELS, type Lifecycle, type ManagedEvent } from '../logic/labels';
import { openCommitteeTool } from '../services/routes';
import { openLotteryVerify } from '../../../utils/navigation';
import { useOrganizerScope } from '../hooks/use-organizer-scope';
import { byLifecycle, useManagedEventsStore, type ExportKind, type StatusAction } from '../stores/managed-events';
import './index.scss';

const TABS: Lifecycle[] = ['draft', 'published', 'closed', 'cancelled'];
const EMPTY_NOTES: Record<Lifecycle, string> = {
  draft: '点「发布活动」填写活动信息，先存为草稿，预览无误后发布',
  published: '发布后的活动会出现在学生的活动列表中',
  closed: '提前关闭报名的活动在这里，可重新开放',
  cancelled: '取消的活动在这里；取消时已通知所有报名的同学',
};
const DONE_TOAST: Record<Exclude<StatusAction, 'cancel'>, string> = { publish: '已发布', close: '已关闭报名', reopen: '已重新开放报名' };

type Prompt = { kind: 'cancel' | 'publish' | 'close'; event: ManagedEvent };

/**
 * 活动管理 (committee subpackage; college officers see their college's events): every hosted event by lifecycle, with
 * 发布 / 关闭报名 / 重新开放 / 取消, 编辑, 预览, 报名审核 and the exports of one event.
 */
export default function ManagedEventsPage() {
  const forbidden = useManagedEventsStore((s) => s.forbidden);
  const access = useCommitteeAccess('organizer', forbidden);
  const scope = useOrganizerScope();
  const s = useManagedEventsStore();
  const { load, changeStatus, exportEvent } = useManagedEventsStore.getState();
  const [tab, setTab] = useState<Lifecycle>('draft');
  const [prompt, setPrompt] = useState<Prompt | null>(null);
  const [toastNode, showToast] = usePageToast();

  useDidShow(() => {
    if (access.state === 'allowed') void load({ silent: useManagedEventsStore.getState().loaded });
  });
  useEffect(() => {
    if (access.state === 'allowed' && !useManagedEventsStore.getState().loaded) void load();
  }, [access.state]);
  usePullDownRefresh(async () => {
    await load({ silent: true });
    Taro.stopPullDownRefresh();
  });

  const shown = useMemo(() => byLifecycle(s.events, tab), [s.events, tab]);
  const tabs = TABS.map((t) => ({ value: t, label: `${LIFECYCLE_LABELS[t]} ${byLifecycle(s.events, t).length}` }));

  async function runStatus(event: ManagedEvent, action: StatusAction, reason?: string): Promise<string | null> {
    const outcome = await changeStatus(event.id, action, reason);
    if (!outcome.ok) {
      showToast(outcome.message, 'fail');
      return outcome.message;
    }
    if (action === 'cancel') showToast(`活动已取消，已通知 ${outcome.value.notified} 人`, 'success');
    else showToast(DONE_TOAST[action], 'success');
    setTab(outcome.value.event.lifecycle);
    return null;
  }

  async function runExport(event: ManagedEvent, kind: ExportKind) {
    const outcome = await exportEvent(event.id, kind);
    if (outcome.ok) showToast(`已导出 ${outcome.value.rowCount} 行`, 'success');
    else showToast(outcome.message, 'fail');
  }

  async function runDraw(event: ManagedEvent) {
    const outcome = await useManagedEventsStore.getState().drawLottery(event.id);
    if (outcome.ok) showToast(`已开奖：${outcome.value.lottery.winners ?? 0} 人中签，已通知每位申请的同学`, 'success');
    else showToast(outcome.message, 'fail');
  }

  function onAction(event: ManagedEvent, action: CardAction) {
    switch (action) {
      case 'draw':
        return void runDraw(event);
      case 'draw-result':
        return openLotteryVerify(event.id);
      case 'edit':
        return openCommitteeTool('event-edit', { id: event.id });
      case 'preview':
        return openCommitteeTool('event-preview', { id: event.id });
      case 'poster':
        return openCommitteeTool('poster', { id: event.id });
      case 'applications':
        return openCommitteeTool('applications', { id: event.id, title: event.title });
      case 'reopen':
        return void runStatus(event, 'reopen');
      case 'publish':
      case 'close':
      case 'cancel':
        return setPrompt({ kind: action, event });
      case 'export-registrations':
        return void runExport(event, 'registrations');
      case 'export-attendance':
        return void runExport(event, 'attendance');
      case 'export-credits':
        return void runExport(event, 'credits');
    }
  }

  const busyOf = (event: ManagedEvent): CardAction | null => {
    if (!s.busy?.startsWith(`${event.id}:`)) return null;
    const what = s.busy.slice(event.id.length + 1);
    return (['registrations', 'attendance', 'credits'].includes(what) ? `export-${what}` : what) as CardAction;
  };

  const badge = scope.committee ? '校团委' : '院团总支';
  function content() {
    let body;
    if (s.loading && !s.loaded) body = <CommitteeSkeleton />;
    else if (s.error && s.events.length === 0) body = <ErrorState className='events-admin-error' message={s.error} onRetry={() => void load()} />;
    else if (shown.length === 0)
      body = <EmptyState className='events-admin-empty' icon='list' title={`暂无${LIFECYCLE_LABELS[tab]}的活动`} description={EMPTY_NOTES[tab]} />;
    else
      body = (
        <View className='events-admin-page__table events-admin-table'>
          <View className='events-admin-page__thead'>
            <Text>活动</Text>
            <Text>报名与签到</Text>
            <Text>操作</Text>
          </View>
          {shown.map((e) => (
            <ManagedEventCard key={e.id} event={e} busy={busyOf(e)} onAction={(a) => onAction(e, a)} />
          ))}
        </View>
      );

    const p = prompt?.event;
    const signedUp = p ? p.capacity - p.seatsLeft + p.waitlistCount : 0;

    return (
      <>
        <PageHero badge={badge} title='活动管理' subtitle={scope.college ? `${scope.college}主办的活动，含草稿` : '全校活动，含草稿；取消活动会通知所有报名的同学'}>
          <Button className='events-admin-page__new events-admin-new' onClick={() => openCommitteeTool('event-edit')}>
            + 发布活动
          </Button>
        </PageHero>
        <View className='events-admin-page__tabs'>
          <SegmentTabs<Lifecycle> hook='events-admin-tab' value={tab} options={tabs} onChange={setTab} />
        </View>
        {body}
        {tab === 'published' && shown.length > 0 ? (
          <Text className='events-admin-page__tip'>导出：报名名单、签到记录、学分（xlsx），每名同学一行</Text>
        ) : null}
        <ConfirmDialog
          visible={prompt?.kind === 'publish' || prompt?.kind === 'close'}
          title={prompt?.kind === 'publish' ? '发布活动？' : '关闭报名？'}
          message={
            prompt?.kind === 'publish'
              ? `「${p?.title ?? ''}」将出现在学生的活动列表中，到报名时间即可报名。`
              : `「${p?.title ?? ''}」将停止接受报名，已报名的同学不受影响；之后可以重新开放。`
          }
          confirmText={prompt?.kind === 'publish' ? '发布' : '关闭报名'}
          onConfirm={async () => {
            if (prompt) await runStatus(prompt.event, prompt.kind as StatusAction);
            setPrompt(null);
          }}
          onCancel={() => setPrompt(null)}
        />
        <ReasonDialog
          visible={prompt?.kind === 'cancel'}
          title='取消活动？'
          message={
            signedUp > 0
              ? `取消后不能恢复，将通知已报名和候补的 ${signedUp} 位同学。请写明原因，同学们会在通知中看到。`
              : '取消后不能恢复。请写明原因。'
          }
          placeholder='例如：因天气原因，活动取消'
          confirmText='取消活动'
          onConfirm={async (reason) => (prompt ? runStatus(prompt.event, 'cancel', reason) : null)}
          onClose={() => setPrompt(null)}
        />
        {toastNode}
      </>
    );
  }

  return (
    <CommitteeGate access={access} page='events-admin-page' hero={<PageHero badge={badge} title='活动管理' subtitle='发布、编辑、关闭与取消活动' />} title='无权管理活动' note='发布与管理活动对院团总支（本学院）和校团委开放。'>
      {content}
    </CommitteeGate>
  );
}

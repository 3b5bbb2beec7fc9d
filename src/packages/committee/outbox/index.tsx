import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useEffect } from 'react';
import EmptyState from '../../../components/EmptyState';
import ErrorState from '../../../components/ErrorState';
import PageHero from '../../../shared/components/PageHero';
import { usePageToast } from '../../../components/PageToast';
import { useCommitteeAccess } from '../hooks/use-committee-access';
import CommitteeHero from '../components/CommitteeHero';
import CommitteeGate from '../components/CommitteeGate';
import CommitteeSkeleton from '../components/CommitteeSkeleton';
import OutboxItem from '../components/OutboxItem';
import SegmentTabs from '../../../components/SegmentTabs';
import { OUTBOX_STATUS_LABELS } from '../logic/labels';
import { useOutboxStore, type JobReport, type OutboxFilter } from '../stores/outbox';
import './index.scss';

const FILTERS: Array<{ value: OutboxFilter; label: string }> = [
  { value: 'all', label: '全部' },
  { value: 'sent', label: '已发送' },
  { value: 'pending', label: '待发送' },
  { value: 'failed', label: '失败' },
  { value: 'skipped', label: '跳过' },
];

function reportText(r: JobReport): string {
  const left = r.left > 0 ? ` · 留待下次 ${r.left} 条` : '';
  return `新增 ${r.queued} 条 · 发送 ${r.sent} 条 · 重试 ${r.retried} 条 · 失败 ${r.failed} 条 · 跳过 ${r.skipped} 条 · 到点关闭报名 ${r.closed} 个活动${left}`;
}

/**
 * 消息发件箱 (committee): the subscribe messages (活动提醒, 候补转正, 活动取消) — locally the outbox is the messages
 * themselves; on CloudBase it shows failures and retries. 立即运行定时任务 runs what the timer runs every 5 minutes.
 */
export default function OutboxPage() {
  const forbidden = useOutboxStore((s) => s.forbidden);
  const access = useCommitteeAccess('committee', forbidden);
  const s = useOutboxStore();
  const { load, runJobs } = useOutboxStore.getState();
  const [toastNode, showToast] = usePageToast();

  useDidShow(() => {
    if (access.state === 'allowed') void load(useOutboxStore.getState().status, { silent: true });
  });
  useEffect(() => {
    if (access.state === 'allowed') void load(useOutboxStore.getState().status);
  }, [access.state]);
  usePullDownRefresh(async () => {
    await load(s.status, { silent: true });
    Taro.stopPullDownRefresh();
  });

  async function run() {
    const outcome = await runJobs();
    if (outcome.ok) showToast('定时任务已运行', 'success');
    else showToast(outcome.message, 'fail');
  }

  function content() {
    let body;
    if (s.loading && s.messages.length === 0) body = <CommitteeSkeleton />;
    else if (s.error) body = <ErrorState className='outbox-error' message={s.error} onRetry={() => void load(s.status)} />;
    else if (s.messages.length === 0)
      body = <EmptyState className='outbox-empty' icon='list' title={s.status === 'all' ? '发件箱是空的' : `没有${OUTBOX_STATUS_LABELS[s.status]}的消息`} description='活动开始前 24 小时、候补转正和活动取消时会在这里生成消息' />;
    else body = s.messages.map((m) => <OutboxItem key={m.key} message={m} />);

    return (
      <>
        <PageHero badge='校团委' title='消息发件箱' subtitle='订阅消息：同学报名时授权后发送；未授权的记为跳过，失败的按间隔自动重试'>
          <Button className='outbox-page__run outbox-run' size='small' loading={s.running} onClick={() => void run()}>
            立即运行定时任务
          </Button>
        </PageHero>
        {s.report ? (
          <View className='outbox-page__report outbox-report'>
            <Text className='outbox-page__report-title'>本次运行结果</Text>
            <Text className='outbox-page__report-text outbox-report-text'>{reportText(s.report)}</Text>
          </View>
        ) : null}
        <View className='outbox-page__tabs'>
          <SegmentTabs<OutboxFilter> hook='outbox-tab' value={s.status} options={FILTERS} onChange={(f) => void load(f)} />
        </View>
        {body}
        {toastNode}
      </>
    );
  }

  return (
    <CommitteeGate access={access} page='outbox-page' hero={<CommitteeHero title='消息发件箱' subtitle='活动提醒、候补转正与活动取消的订阅消息' />}>
      {content}
    </CommitteeGate>
  );
}

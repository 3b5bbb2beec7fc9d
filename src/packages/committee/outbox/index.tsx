import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useEffect } from 'react';
import type { OutboxGroup } from '../../../../types/people-actions';
import EmptyState from '../../../components/EmptyState';
import ErrorState from '../../../components/ErrorState';
import PageHero from '../../../shared/components/PageHero';
import { usePageToast } from '../../../components/PageToast';
import { formatDateTime } from '../../../utils/time';
import { useCommitteeAccess } from '../hooks/use-committee-access';
import CommitteeHero from '../components/CommitteeHero';
import CommitteeGate from '../components/CommitteeGate';
import CommitteeSkeleton from '../components/CommitteeSkeleton';
import OutboxItem from '../components/OutboxItem';
import SegmentTabs from '../../../components/SegmentTabs';
import { OUTBOX_KIND_LABELS, OUTBOX_STATUS_LABELS } from '../logic/labels';
import { useOutboxStore, type JobReport, type OutboxFilter } from '../stores/outbox';
import './index.scss';

const FILTERS: Array<{ value: OutboxFilter; label: string }> = [
  { value: 'all', label: '全部' },
  { value: 'sent', label: '已发送' },
  { value: 'pending', label: '待发送' },
  { value: 'failed', label: '失败' },
  { value: 'skipped', label: '未授权' },
];

/** What each reason's message says to the student (the subscribe message's template). */
const KIND_NOTES: Record<OutboxGroup['kind'], string> = {
  event_reminder: '活动开始前 24 小时提醒已报名的同学',
  waitlist_promoted: '候补的同学递补成功时通知本人',
  event_cancelled: '活动取消时通知所有已报名的同学',
};

function reportText(r: JobReport): string {
  const parts = [`发送 ${r.sent} 条`, `新生成提醒 ${r.queued} 条`];
  if (r.skipped) parts.push(`${r.skipped} 条因同学未授权而跳过`);
  if (r.retried) parts.push(`${r.retried} 条稍后重试`);
  if (r.failed) parts.push(`${r.failed} 条发送失败`);
  if (r.closed) parts.push(`到点关闭报名 ${r.closed} 个活动`);
  if (r.left > 0) parts.push(`留待下次 ${r.left} 条`);
  return parts.join(' · ');
}

function Count({ n, tone, label }: { n: number; tone: string; label: string }) {
  return (
    <View className={`outbox-page__count outbox-page__count--${tone} ${n === 0 ? 'outbox-page__count--zero' : ''}`}>
      <Text className='outbox-page__count-n'>{n}</Text>
      <Text className='outbox-page__count-label'>{label}</Text>
    </View>
  );
}

/**
 * 消息发件箱 (committee): the subscribe messages (活动提醒, 候补转正, 活动取消) summed up by event and reason — one line
 * with its counts instead of one card per student; a line opens to its recipients. 立即发送到期消息 does now what the
 * timer does every 5 minutes.
 */
export default function OutboxPage() {
  const forbidden = useOutboxStore((s) => s.forbidden);
  const access = useCommitteeAccess('committee', forbidden);
  const s = useOutboxStore();
  const { load, runJobs, toggle } = useOutboxStore.getState();
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
    if (outcome.ok) showToast(`已发送 ${outcome.value.sent} 条`, 'success');
    else showToast(outcome.message, 'fail');
  }

  function content() {
    let body;
    if (s.loading && !s.loaded) body = <CommitteeSkeleton />;
    else if (s.error) body = <ErrorState className='outbox-error' message={s.error} onRetry={() => void load(s.status)} />;
    else if (s.groups.length === 0)
      body = (
        <EmptyState
          className='outbox-empty'
          icon='list'
          title={s.status === 'all' ? '发件箱是空的' : `没有${OUTBOX_STATUS_LABELS[s.status]}的消息`}
          description='活动开始前 24 小时、候补转正和活动取消时会在这里生成消息'
        />
      );
    else
      body = (
        <View className='outbox-page__table'>
          <View className='outbox-page__thead'>
            <Text>活动</Text>
            <Text>消息</Text>
            <Text>发送情况</Text>
            <Text />
          </View>
          {s.groups.map((g) => {
            const isOpen = s.open?.eventId === g.eventId && s.open.kind === g.kind;
            return (
              <View key={`${g.eventId}|${g.kind}`} className={`outbox-page__group outbox-group ${isOpen ? 'outbox-page__group--open' : ''}`} data-event-id={g.eventId} data-kind={g.kind} data-total={g.total}>
                <View className='outbox-page__event'>
                  <Text className='outbox-page__event-title outbox-group-title'>{g.eventTitle || '（活动已删除）'}</Text>
                  {g.eventStartAt ? <Text className='outbox-page__event-time'>{formatDateTime(g.eventStartAt)} 开始</Text> : null}
                </View>
                <View className='outbox-page__kind'>
                  <Text className='outbox-page__kind-name outbox-kind'>{OUTBOX_KIND_LABELS[g.kind]}</Text>
                  <Text className='outbox-page__kind-note'>{KIND_NOTES[g.kind]}</Text>
                </View>
                <View className='outbox-page__counts outbox-group-counts'>
                  <Count n={g.sent} tone='sent' label='已发送' />
                  <Count n={g.pending} tone='pending' label='待发送' />
                  <Count n={g.failed} tone='failed' label='失败' />
                  <Count n={g.skipped} tone='skipped' label='未授权' />
                </View>
                <Button className='outbox-page__open outbox-group-open' size='small' fill='outline' onClick={() => void toggle({ eventId: g.eventId, kind: g.kind })}>
                  {isOpen ? '收起' : `查看 ${g.total} 人`}
                </Button>
                {isOpen ? (
                  <View className='outbox-page__recipients outbox-recipients'>
                    {s.recipientsLoading && s.recipients.length === 0 ? <Text className='outbox-page__loading'>正在读取名单…</Text> : null}
                    {s.recipients.map((m) => (
                      <OutboxItem key={m.key} message={m} />
                    ))}
                  </View>
                ) : null}
              </View>
            );
          })}
        </View>
      );

    return (
      <>
        <PageHero badge='校团委' title='消息发件箱' subtitle='微信订阅消息：同学报名时授权后才会发送；未授权的记为跳过，失败的按间隔自动重试'>
          <View className='outbox-page__actions'>
            <Button className='outbox-page__run outbox-run' loading={s.running} onClick={() => void run()}>
              立即发送到期消息
            </Button>
            <Text className='outbox-page__run-note'>系统每 5 分钟自动发送一次；点这里马上发送，并关闭已到截止时间的报名</Text>
          </View>
        </PageHero>
        {s.report ? (
          <View className='outbox-page__report outbox-report'>
            <Text className='outbox-page__report-title'>刚才的发送结果</Text>
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

import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { DataRequestRow } from '../../../../types';
import EmptyState from '../../../components/EmptyState';
import ErrorState from '../../../components/ErrorState';
import { usePageToast } from '../../../components/PageToast';
import { formatDateTime } from '../../../utils/time';
import CommitteeGate from '../components/CommitteeGate';
import CommitteeHero from '../components/CommitteeHero';
import CommitteeSkeleton from '../components/CommitteeSkeleton';
import ReasonDialog from '../components/ReasonDialog';
import { useCommitteeAccess } from '../hooks/use-committee-access';
import { useDataRequestsStore } from '../stores/data-requests';
import './index.scss';

function erasedText(r: DataRequestRow): string {
  const e = r.erased;
  if (!e) return '';
  const parts = [e.unbound ? '已解除绑定' : '此前已解绑'];
  if (e.sharesRevoked) parts.push(`撤回成绩单 ${e.sharesRevoked} 份`);
  if (e.consentsRemoved) parts.push(`删除消息授权 ${e.consentsRemoved} 项`);
  if (e.sessionsEnded) parts.push(`结束网页登录 ${e.sessionsEnded} 个`);
  if (e.bindAttemptsCleared) parts.push('清除绑定尝试记录');
  if (e.followsRemoved) parts.push(`删除关注 ${e.followsRemoved} 项`);
  if (e.noShowMarksRemoved) parts.push(`删除未到场记录 ${e.noShowMarksRemoved} 条`);
  if (e.blockLifted) parts.push('解除报名限制');
  if (e.leavesCleared) parts.push(`清除请假原因 ${e.leavesCleared} 条`);
  if (e.leavePhotosDeleted) parts.push(`删除请假照片 ${e.leavePhotosDeleted} 张`);
  if (e.applicationsWithdrawn) parts.push(`撤回抽签申请 ${e.applicationsWithdrawn} 个`);
  return parts.join(' · ');
}

/**
 * 删除申请 (committee): students' requests to delete their personal information (我的数据 → 申请删除). 处理 erases what
 * the privacy policy lets go — the binding, shared transcripts, subscribe consents, web logins, binding attempts —
 * keeps the records behind the credit ledger, and sends the student the reply shown on their 我的数据.
 */
export default function DataRequestsPage() {
  const forbidden = useDataRequestsStore((s) => s.forbidden);
  const access = useCommitteeAccess('committee', forbidden);
  const s = useDataRequestsStore();
  const { load, complete } = useDataRequestsStore.getState();
  const [handling, setHandling] = useState<DataRequestRow | null>(null);
  const [toastNode, showToast] = usePageToast();

  useDidShow(() => {
    if (access.state === 'allowed') void load({ silent: true });
  });
  useEffect(() => {
    if (access.state === 'allowed') void load();
  }, [access.state]);
  usePullDownRefresh(async () => {
    await load({ silent: true });
    Taro.stopPullDownRefresh();
  });

  async function finish(reply: string): Promise<string | null> {
    if (!handling) return null;
    const failed = await complete(handling.id, reply);
    if (!failed) {
      showToast('已处理并答复学生', 'success');
      setHandling(null);
    }
    return failed;
  }

  const hero = <CommitteeHero title='个人信息删除申请' subtitle='学生在“我的数据”中提交；处理后解除绑定并删除可删除的信息，学分等记录按隐私政策保留' />;

  function content() {
    let body;
    if (s.loading && !s.loaded) body = <CommitteeSkeleton />;
    else if (s.error && s.requests.length === 0) body = <ErrorState className='data-requests-error' message={s.error} onRetry={() => void load()} />;
    else if (s.requests.length === 0)
      body = <EmptyState className='data-requests-empty' icon='list' title='暂无删除申请' description='学生在“我的 → 我的数据”中提交的申请会出现在这里' />;
    else
      body = (
        <View className='data-requests-page__list'>
          {s.requests.map((r) => (
            <View key={r.id} className={`data-request-row data-request-row--${r.status}`} data-id={r.id} data-status={r.status}>
              <View className='data-request-row__main'>
                <Text className='data-request-row__who'>{`${r.name} · ${r.studentNo}`}</Text>
                <Text className='data-request-row__line'>{`${r.college} · ${r.className}`}</Text>
                <Text className='data-request-row__line'>{`提交于 ${formatDateTime(r.createdAt)}${r.note ? ` · “${r.note}”` : ''}`}</Text>
                {r.completedAt ? (
                  <>
                    <Text className='data-request-row__line'>{`处理于 ${formatDateTime(r.completedAt)}：${erasedText(r)}`}</Text>
                    <Text className='data-request-row__line'>{`答复：${r.reply ?? ''}`}</Text>
                  </>
                ) : null}
              </View>
              {r.status === 'pending' ? (
                <Button
                  className='data-request-row__btn data-request-complete'
                  type='primary'
                  size='small'
                  loading={s.completing === r.id}
                  disabled={s.completing !== null}
                  onClick={() => setHandling(r)}
                >
                  处理
                </Button>
              ) : (
                <Text className='data-request-row__done'>已处理</Text>
              )}
            </View>
          ))}
        </View>
      );
    return (
      <>
        {hero}
        {body}
        <ReasonDialog
          visible={handling !== null}
          title='处理删除申请？'
          message={handling ? `将解除 ${handling.name}（${handling.studentNo}）的微信绑定，撤回其已分享的成绩单，删除消息授权与网页登录；报名、签到与学分记录保留。` : ''}
          placeholder='给学生的答复，例如：已按隐私政策删除可删除的信息，学分记录保留至毕业后 5 年'
          confirmText='处理并答复'
          onConfirm={finish}
          onClose={() => setHandling(null)}
        />
        {toastNode}
      </>
    );
  }

  return (
    <CommitteeGate access={access} page='data-requests-page' hero={hero}>
      {content}
    </CommitteeGate>
  );
}

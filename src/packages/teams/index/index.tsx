import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import ConfirmDialog from '../../../components/ConfirmDialog';
import EmptyState from '../../../components/EmptyState';
import ErrorState from '../../../components/ErrorState';
import ListSkeleton from '../../../components/ListSkeleton';
import PageHero from '../../../shared/components/PageHero';
import { usePageToast } from '../../../components/PageToast';
import { useUserStore } from '../../../stores/user';
import { openEvents } from '../../../utils/navigation';
import TeamCard from '../components/TeamCard';
import { openJoin } from '../routes';
import { useCopy } from '../../../shared/hooks/use-copy';
import { useTeamsStore, type Team } from '../stores/teams';
import '../page.scss';
import PageHeader from '../../../components/PageHeader';

type Prompt = { kind: 'signUp'; team: Team } | { kind: 'leave'; team: Team };

/** 我的团队: the student's social-practice teams, as leader or member. */
export default function MyTeamsPage() {
  const { teams, loading, loaded, error, busy } = useTeamsStore();
  const me = useUserStore((s) => s.student);
  const [prompt, setPrompt] = useState<Prompt | null>(null);
  const [toastNode, showToast] = usePageToast();
  const [copied, copy] = useCopy(showToast);

  useDidShow(() => {
    void useTeamsStore.getState().load({ silent: useTeamsStore.getState().loaded });
    if (!useUserStore.getState().loaded) void useUserStore.getState().getMe({ silent: true });
  });

  usePullDownRefresh(async () => {
    await useTeamsStore.getState().load({ silent: true });
    Taro.stopPullDownRefresh();
  });

  const store = useTeamsStore.getState();

  async function confirm() {
    if (!prompt) return;
    const { team } = prompt;
    const result = prompt.kind === 'signUp' ? await store.signUp(team.id) : await store.leave(team.id);
    setPrompt(null);
    if (result.ok) showToast(prompt.kind === 'signUp' ? `“${team.name}”已整体报名，${team.members.length} 名成员均已报名` : '已退出团队', 'success');
    else showToast(result.message, 'fail');
  }

  let body;
  if (loading && !loaded) body = <ListSkeleton />;
  else if (error && !loaded) body = <ErrorState className='teams-error' message={error} onRetry={() => void store.load()} />;
  else if (!teams.length) {
    body = (
      <EmptyState
        className='teams-empty'
        icon='user'
        title='还没有加入团队'
        description='在社会实践活动（三下乡、返家乡）的详情页创建团队，或凭队长给的入队码加入。'
        actionText='去看社会实践活动'
        onAction={openEvents}
      />
    );
  } else {
    body = teams.map((team) => (
      <TeamCard
        key={team.id}
        team={team}
        isLeader={!!me && me.studentNo === team.leader.studentNo}
        busy={busy === team.id}
        onEdit={async (values) => {
          const result = await store.update({ teamId: team.id, ...values });
          if (result.ok) showToast('已保存', 'success');
          return result.ok ? null : result.message;
        }}
        onSignUp={() => setPrompt({ kind: 'signUp', team })}
        onSubmitReport={async (values) => {
          const result = await store.submitReport({ teamId: team.id, ...values });
          if (result.ok) showToast('实践报告已提交，等待校团委审核', 'success');
          return result.ok ? null : result.message;
        }}
        onLeave={() => setPrompt({ kind: 'leave', team })}
        copied={copied}
        onCopyCode={(code) => void copy(code, code, '入队码已复制，发给队员即可加入')}
      />
    ));
  }

  return (
    <View className='teams-page my-teams-page'>
      <PageHeader title='我的团队' />
      <PageHero badge='社会实践' title='我的团队' subtitle='队长建队、队员凭入队码加入，人数达标后整体报名' tall />
      <View className='teams-page__body'>{body}</View>
      <Text className='teams-page__note'>每个活动只能加入一个团队；队长不能退出团队，队员可在报名前退出。</Text>
      <View className='teams-page__footer'>
        <Button className='team-button team-open-join' fill='outline' type='primary' onClick={openJoin}>
          凭入队码加入团队
        </Button>
      </View>
      <ConfirmDialog
        visible={prompt !== null}
        title={prompt?.kind === 'signUp' ? `以“${prompt.team.name}”整体报名？` : '确定退出团队？'}
        message={
          prompt?.kind === 'signUp'
            ? `${prompt.team.members.length} 名成员将一并报名“${prompt.team.eventTitle}”。报名后成员不能再变动。`
            : prompt
              ? `退出后需要队长的入队码才能重新加入“${prompt.team.name}”。`
              : ''
        }
        confirmText={prompt?.kind === 'signUp' ? '整体报名' : '退出'}
        onConfirm={confirm}
        onCancel={() => setPrompt(null)}
      />
      {toastNode}
    </View>
  );
}

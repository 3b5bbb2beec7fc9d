import { Text, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import ErrorState from '../../../components/ErrorState';
import PageHero from '../../../shared/components/PageHero';
import { selectDetail, useEventsStore } from '../../../stores/events';
import { openEvents, routeParam } from '../../../utils/navigation';
import TeamForm from '../components/TeamForm';
import { replaceWithMyTeams } from '../routes';
import { useTeamsStore } from '../stores/teams';
import '../page.scss';
import PageHeader from '../../../components/PageHeader';

/** 创建团队 (`?eventId=`): the leader names the team, its project and mentor; the server answers with a join code. */
export default function CreateTeamPage() {
  const eventId = routeParam(useRouter().params.eventId);
  const detail = useEventsStore(selectDetail(eventId));
  const busy = useTeamsStore((s) => s.busy === 'create');

  useDidShow(() => {
    if (eventId && !useEventsStore.getState().details[eventId]?.event) void useEventsStore.getState().loadDetail(eventId);
  });

  if (!eventId) {
    return <ErrorState className='team-create-error' message='请从社会实践活动的详情页创建团队' actionText='返回活动列表' exit={false} onRetry={openEvents} />;
  }

  return (
    <View className='teams-page create-team-page'>
      <PageHeader title='创建团队' />
      <PageHero badge='社会实践 · 创建团队' title={detail.event?.title ?? '创建团队'} subtitle='你将成为队长：建队后把入队码发给队员' tall />
      <View className='teams-card team-create-form'>
        <TeamForm
          submitText='创建团队'
          busy={busy}
          onSubmit={async (values) => {
            const result = await useTeamsStore.getState().create({ eventId, ...values });
            if (!result.ok) return result.message;
            replaceWithMyTeams();
            return null;
          }}
        />
      </View>
      <View className='teams-steps'>
        <Text className='teams-steps__title'>接下来</Text>
        <Text className='teams-steps__item'>1. 在“我的团队”复制 6 位入队码，发给队员；</Text>
        <Text className='teams-steps__item'>2. 队员在活动页点“凭入队码加入”；</Text>
        <Text className='teams-steps__item'>3. 人数达到活动要求、填好指导老师后，由你整体报名；</Text>
        <Text className='teams-steps__item'>4. 实践结束后在“我的团队”提交实践报告，审核通过后全体成员获得学分。</Text>
      </View>
    </View>
  );
}

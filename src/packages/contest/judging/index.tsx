import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { CONTEST_TRACK_LABELS, ROUND_LEVEL_LABELS, ROUND_STATUS_LABELS } from '../../../../types/contest';
import EmptyState from '../../../components/EmptyState';
import ErrorState from '../../../components/ErrorState';
import ListSkeleton from '../../../components/ListSkeleton';
import PageHeader from '../../../components/PageHeader';
import PageHero from '../../../shared/components/PageHero';
import { openScore } from '../routes';
import { useContestStore } from '../stores/contest';
import '../page.scss';

/** 评审 (judges): the rounds I judge and the entries assigned to me, 待评 first; a tap opens the scoring sheet. */
export default function JudgingPage() {
  const { judging, loading, error } = useContestStore();
  const store = useContestStore.getState();
  useDidShow(() => void store.loadJudging({ silent: useContestStore.getState().judging !== null }));
  usePullDownRefresh(async () => {
    await store.loadJudging({ silent: true });
    Taro.stopPullDownRefresh();
  });

  let body;
  if (loading && !judging) body = <ListSkeleton />;
  else if (error && !judging) body = <ErrorState className='contest-error' message={error} onRetry={() => void store.loadJudging()} />;
  else if (!judging?.length)
    body = <EmptyState className='judging-empty' icon='list' title='暂无评审任务' description='组织者开始评审后，分配给你的作品会出现在这里。' />;
  else
    body = [...judging].sort((a, b) => Number(b.entries.some((e) => !e.scored)) - Number(a.entries.some((e) => !e.scored))).map((r) => {
      const todo = r.entries.filter((e) => !e.scored).length;
      const entries = [...r.entries].sort((a, b) => Number(a.scored) - Number(b.scored));
      return (
        <View key={r.id} className='contest-card judging-round'>
          <View className='contest-card__head'>
            <Text className='contest-card__kicker'>
              {ROUND_LEVEL_LABELS[r.level]} · {ROUND_STATUS_LABELS[r.status]}
            </Text>
            <Text className={`contest-chip contest-chip--${todo ? 'wait' : 'win'}`}>{todo ? `待评 ${todo} 件` : '已全部评完'}</Text>
          </View>
          <Text className='contest-card__title'>{r.title}</Text>
          {r.conflictRule ? <Text className='contest-card__line contest-card__line--quiet'>已按回避规则排除与你同学院的作品</Text> : null}
          {entries.map((e) => (
            <View key={e.entryId} className={`judging-entry ${e.scored ? 'judging-entry--done' : 'judging-entry--todo'}`} onClick={() => openScore(e.entryId)}>
              <View className='judging-entry__text'>
                <Text className='judging-entry__topic'>{e.topic}</Text>
                <Text className='judging-entry__who'>
                  {CONTEST_TRACK_LABELS[e.track]} · {e.entrantName} · {e.college}
                </Text>
              </View>
              <Text className='judging-entry__state'>{e.scored && e.myTotal !== null ? `${(e.myTotal / 100).toFixed(2)} 分` : '去评分 ›'}</Text>
            </View>
          ))}
        </View>
      );
    });

  return (
    <View className='contest-page judging-page'>
      <PageHeader title='百生讲坛评审' />
      <PageHero badge='评委' title='我的评审' subtitle='逐项打分，提交后不能修改；提交前看不到其他评委的分数' />
      <View className='contest-page__body'>{body}</View>
    </View>
  );
}

import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import { LECTURER_LEVEL_LABELS } from '../../../../types/contest';
import ConfirmDialog from '../../../components/ConfirmDialog';
import EmptyState from '../../../components/EmptyState';
import ErrorState from '../../../components/ErrorState';
import ListSkeleton from '../../../components/ListSkeleton';
import PageHeader from '../../../components/PageHeader';
import { usePageToast } from '../../../components/PageToast';
import PageHero from '../../../shared/components/PageHero';
import { openEvent } from '../../../utils/navigation';
import EntryCard from '../components/EntryCard';
import RoundCard from '../components/RoundCard';
import { openEnter, openJudging, openTalks } from '../routes';
import { useContestStore, type Entry } from '../stores/contest';
import '../page.scss';

/**
 * 百生讲坛 (contest subpackage): the year's rounds within my reach with what I can enter; my entries and, once
 * published, where they stand (晋级校赛 / 入选省赛推荐); 评审 for judges; a lecturer's progress toward 3 + 1 talks.
 */
export default function ContestHomePage() {
  const { home, loading, error, busy } = useContestStore();
  const store = useContestStore.getState();
  const [withdrawing, setWithdrawing] = useState<Entry | null>(null);
  const [toastNode, showToast] = usePageToast();

  useDidShow(() => void store.loadHome({ silent: useContestStore.getState().home !== null }));
  usePullDownRefresh(async () => {
    await store.loadHome({ silent: true });
    Taro.stopPullDownRefresh();
  });

  async function withdraw() {
    if (!withdrawing) return;
    const outcome = await store.withdraw(withdrawing.id);
    setWithdrawing(null);
    showToast(outcome.ok ? '已撤回，截止前可以重新报名' : outcome.message, outcome.ok ? 'success' : 'fail');
  }

  let body;
  if (loading && !home) body = <ListSkeleton />;
  else if (error && !home) body = <ErrorState className='contest-error' message={error} onRetry={() => void store.loadHome()} />;
  else if (home) {
    const l = home.lecturer;
    body = (
      <>
        {home.judge ? (
          <View className='contest-card judge-entry' onClick={openJudging}>
            <View className='contest-card__head'>
              <Text className='contest-card__title'>我是评委</Text>
              <Text className='contest-card__go'>去评审 ›</Text>
            </View>
            <Text className='contest-card__line'>按评分表为分配给你的作品打分；提交前看不到其他评委的分数</Text>
          </View>
        ) : null}
        {l ? (
          <View className='contest-card lecturer-progress' onClick={openTalks}>
            <View className='contest-card__head'>
              <Text className='contest-card__title'>
                {home.year} 年{LECTURER_LEVEL_LABELS[l.level]}
              </Text>
              <Text className={`contest-chip contest-chip--${l.progress.met ? 'win' : l.progress.behind ? 'warn' : 'wait'}`}>
                {l.progress.met ? '已完成' : l.progress.behind ? '进度落后' : '进行中'}
              </Text>
            </View>
            <Text className='contest-card__line'>
              校内宣讲 {l.progress.onCampus.done}/{l.progress.onCampus.need} 场 · 校外宣讲 {l.progress.offCampus.done}/{l.progress.offCampus.need} 场
              {l.progress.pending ? ` · ${l.progress.pending} 场待校团委确认` : ''}
            </Text>
            <Text className='contest-card__go lecturer-talks-open'>登记宣讲 ›</Text>
          </View>
        ) : null}
        <Text className='contest-section'>我的参赛</Text>
        {home.entries.length ? (
          home.entries.map((e) => <EntryCard key={e.id} entry={e} busy={busy} onEdit={() => openEnter({ entryId: e.id })} onWithdraw={() => setWithdrawing(e)} />)
        ) : (
          <Text className='contest-empty-note my-entries-empty'>还没有参赛作品。在下面的比赛中选择赛道报名。</Text>
        )}
        <Text className='contest-section'>{home.year} 年度比赛</Text>
        {home.rounds.length ? (
          home.rounds.map((r) => <RoundCard key={r.id} round={r} onEnter={(track) => openEnter({ roundId: r.id, track })} onWatch={openEvent} />)
        ) : (
          <EmptyState className='contest-rounds-empty' icon='list' title='暂无比赛' description='校团委或学院发布院赛、校赛后，会显示在这里。' />
        )}
      </>
    );
  }

  return (
    <View className='contest-page contest-home-page'>
      <PageHeader title='百生讲坛' />
      <PageHero badge='赛制一年' title='百生讲坛' subtitle='院赛 → 校赛 → 省赛推荐 · 主讲人个人报名，团支部、微团课以团支部名义报名' />
      <View className='contest-page__body'>{body}</View>
      <ConfirmDialog
        visible={withdrawing !== null}
        title='撤回这件作品？'
        message={withdrawing ? `撤回“${withdrawing.topic}”后不再参加评审；截止前可以重新报名。` : ''}
        confirmText='撤回'
        onConfirm={withdraw}
        onCancel={() => setWithdrawing(null)}
      />
      {toastNode}
    </View>
  );
}

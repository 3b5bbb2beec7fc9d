import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useLoad, usePullDownRefresh, useShareAppMessage } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import CategoryTabs from '../../components/CategoryTabs';
import DemoIdentityChip from '../../components/DemoIdentityChip';
import EmptyState from '../../components/EmptyState';
import ErrorState from '../../components/ErrorState';
import EventCard from '../../components/EventCard';
import FollowStrip from '../../components/FollowStrip';
import KeywordSearch from '../../components/KeywordSearch';
import ListSkeleton from '../../components/ListSkeleton';
import { usePageToast } from '../../components/PageToast';
import { useEventsStore } from '../../stores/events';
import { useFollowsStore } from '../../stores/follows';
import { selectDemoChipShown, selectDemoName, useUserStore } from '../../stores/user';
import { isOver } from '../../utils/my-activities';
import { nowMs } from '../../utils/time';
import { openEvent, openFollows, openMe } from '../../utils/navigation';
import { categoryLabel } from '../../utils/categories';
import { followToast } from '../../utils/follow-copy';
import { catalogueShareCard, categoryFromQuery } from '../../utils/share';
import './index.scss';

/** 活动: search, filter by category, and browse this term's events. */
export default function EventsPage() {
  const { items, loading, loaded, error, category, keyword } = useEventsStore();
  const { setCategory, setKeyword, loadList } = useEventsStore.getState();
  const demoChip = useUserStore(selectDemoChipShown);
  const demoName = useUserStore(selectDemoName);
  const bound = useUserStore((s) => s.bound);
  // On a kind tab, a bound student may follow that kind (活动提醒); the topic's id is the category's.
  const followTopic = useFollowsStore((s) => (category ? (s.topics.find((t) => t.id === category) ?? null) : null));
  const { alertsLeft, pending: followPending, loaded: followsLoaded } = useFollowsStore();
  const [toastNode, showToast] = usePageToast();
  const now = nowMs();
  // What a student can still join first; events already over are folded away under the list (`.events-ended-toggle`).
  const [showEnded, setShowEnded] = useState(false);
  const current = items.filter((e) => !isOver(e, now));
  const ended = items.filter((e) => isOver(e, now));

  // A catalogue card shared from a kind tab (?category=volunteer) opens on that tab.
  useLoad((params: Partial<Record<string, string>>) => {
    const shared = categoryFromQuery(params.category);
    if (shared && shared !== useEventsStore.getState().category) void setCategory(shared);
  });

  // 转发 the catalogue as shown: on a kind tab, the card opens that tab.
  useShareAppMessage(() => catalogueShareCard(useEventsStore.getState().category));

  useEffect(() => {
    void loadList();
    void useUserStore.getState().loadDemoUsers();
  }, [loadList]);

  // Coming back from a detail page: show the seats and badges as they are now.
  useDidShow(() => {
    if (useEventsStore.getState().loaded) void loadList({ silent: true });
  });

  // Read once per identity (a switch resets the store), when a kind tab is first shown.
  useEffect(() => {
    if (bound && category && !followsLoaded) void useFollowsStore.getState().load();
  }, [bound, category, followsLoaded]);

  async function follow(topic: string) {
    const outcome = await useFollowsStore.getState().setFollow(topic, true);
    if (outcome.ok) showToast(followToast(outcome, true), outcome.consent === 'refused' ? 'text' : 'success');
    else showToast(outcome.message, 'fail');
  }

  usePullDownRefresh(async () => {
    await loadList({ silent: true });
    Taro.stopPullDownRefresh();
  });

  const filtered = Boolean(category || keyword);

  return (
    <View className='events-page'>
      <View className='events-page__hero'>
        <View className='events-page__hero-row'>
          <View className='events-page__hero-text'>
            <Text className='events-page__hero-title'>第二课堂活动</Text>
            <Text className='events-page__hero-sub'>参与活动，积累成长学分</Text>
          </View>
          {demoChip ? <DemoIdentityChip name={demoName} tone='onBrand' onClick={openMe} /> : null}
        </View>
        <KeywordSearch value={keyword} onSearch={(k) => void setKeyword(k)} />
      </View>
      <CategoryTabs value={category} onChange={(c) => void setCategory(c)} />
      {bound && category && followTopic ? (
        <FollowStrip
          label={categoryLabel(category)}
          followed={followTopic.followed}
          alertsLeft={alertsLeft}
          busy={followPending !== null}
          onFollow={() => void follow(followTopic.id)}
          onManage={openFollows}
        />
      ) : null}

      <View className='events-page__list event-list'>
        {loading && items.length === 0 ? (
          <ListSkeleton />
        ) : error && items.length === 0 ? (
          <ErrorState className='events-error' exit={false} message={error} onRetry={() => void loadList()} />
        ) : loaded && current.length === 0 && !showEnded ? (
          <EmptyState
            className='events-empty'
            title='没有找到相关活动'
            description={ended.length ? '符合条件的活动都已结束，可在下方查看' : filtered ? '换个关键词或分类试试' : '本学期的活动还在筹备中，敬请期待'}
          />
        ) : (
          current.map((e) => <EventCard key={e.id} event={e} now={now} myStatus={e.myStatus} onClick={() => openEvent(e.id)} />)
        )}
        {ended.length > 0 && (loaded || items.length > 0) ? (
          <View className='events-page__ended-toggle events-ended-toggle' onClick={() => setShowEnded(!showEnded)}>
            <Text className='events-page__ended-text'>{showEnded ? '收起已结束的活动' : `已结束的活动 ${ended.length} 个`}</Text>
            <Text className='events-page__ended-arrow'>{showEnded ? '︿' : '﹀'}</Text>
          </View>
        ) : null}
        {showEnded ? (
          <View className='events-page__ended events-ended'>
            {ended.map((e) => (
              <EventCard key={e.id} event={e} now={now} myStatus={e.myStatus} onClick={() => openEvent(e.id)} />
            ))}
          </View>
        ) : null}
        {items.length > 0 ? (
          <Text className='events-page__end'>{ended.length ? `— 共 ${items.length} 个活动，其中 ${ended.length} 个已结束 —` : `— 共 ${items.length} 个活动 —`}</Text>
        ) : null}
      </View>
      {toastNode}
    </View>
  );
}

import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useEffect } from 'react';
import CategoryTabs from '../../components/CategoryTabs';
import DemoIdentityChip from '../../components/DemoIdentityChip';
import EmptyState from '../../components/EmptyState';
import ErrorState from '../../components/ErrorState';
import EventCard from '../../components/EventCard';
import KeywordSearch from '../../components/KeywordSearch';
import ListSkeleton from '../../components/ListSkeleton';
import { useEventsStore } from '../../stores/events';
import { selectDemoChipShown, selectDemoName, useUserStore } from '../../stores/user';
import { nowMs } from '../../utils/time';
import { openEvent, openMe } from '../../utils/navigation';
import './index.scss';

/** 活动: search, filter by category, and browse this term's events. */
export default function EventsPage() {
  const { items, loading, loaded, error, category, keyword } = useEventsStore();
  const { setCategory, setKeyword, loadList } = useEventsStore.getState();
  const demoChip = useUserStore(selectDemoChipShown);
  const demoName = useUserStore(selectDemoName);
  const now = nowMs();

  useEffect(() => {
    void loadList();
    void useUserStore.getState().loadDemoUsers();
  }, [loadList]);

  // Coming back from a detail page: show the seats and badges as they are now.
  useDidShow(() => {
    if (useEventsStore.getState().loaded) void loadList({ silent: true });
  });

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

      <View className='events-page__list event-list'>
        {loading && items.length === 0 ? (
          <ListSkeleton />
        ) : error && items.length === 0 ? (
          <ErrorState className='events-error' message={error} onRetry={() => void loadList()} />
        ) : loaded && items.length === 0 ? (
          <EmptyState
            className='events-empty'
            title='没有找到相关活动'
            description={filtered ? '换个关键词或分类试试' : '本学期的活动还在筹备中，敬请期待'}
          />
        ) : (
          items.map((e) => <EventCard key={e.id} event={e} now={now} myStatus={e.myStatus} onClick={() => openEvent(e.id)} />)
        )}
        {items.length > 0 ? <Text className='events-page__end'>— 共 {items.length} 个活动 —</Text> : null}
      </View>
    </View>
  );
}

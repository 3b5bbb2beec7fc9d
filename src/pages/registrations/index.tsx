import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import ConfirmDialog from '../../components/ConfirmDialog';
import EmptyState from '../../components/EmptyState';
import ErrorState from '../../components/ErrorState';
import ListSkeleton from '../../components/ListSkeleton';
import { usePageToast } from '../../components/PageToast';
import RegistrationCard from '../../components/RegistrationCard';
import { useEventsStore } from '../../stores/events';
import { useRegistrationsStore, type MyRegistrationRow } from '../../stores/registrations';
import { cancelLabel } from '../../utils/event-status';
import { openEvent, openEvents, openMe } from '../../utils/navigation';
import { nowMs } from '../../utils/time';
import './index.scss';

/** 我的报名: my confirmed seats and waitlist places, upcoming first, with cancel where still allowed. */
export default function RegistrationsPage() {
  const { rows, loading, loaded, error, errorCode } = useRegistrationsStore();
  const { load } = useRegistrationsStore.getState();
  const pending = useEventsStore((s) => s.pending);
  const { cancel } = useEventsStore.getState();
  const [confirming, setConfirming] = useState<MyRegistrationRow | null>(null);
  const [toastNode, showToast] = usePageToast();
  const now = nowMs();

  // A tab page stays alive: reload whenever it is shown (sign-ups happen on the detail page).
  useDidShow(() => {
    void load({ silent: useRegistrationsStore.getState().loaded });
  });

  usePullDownRefresh(async () => {
    await load({ silent: true });
    Taro.stopPullDownRefresh();
  });

  async function confirmCancel() {
    if (!confirming) return;
    const { registration } = confirming;
    const result = await cancel(confirming.event.id);
    setConfirming(null);
    if (result.ok) showToast(registration.status === 'pending' ? '已撤回申请' : registration.status === 'waitlisted' ? '已退出候补' : '已取消报名', 'success');
    else showToast(result.message, 'fail');
  }

  const confirmed = rows.filter((r) => r.registration.status === 'confirmed').length;
  const waitlisted = rows.filter((r) => r.registration.status === 'waitlisted').length;

  let body;
  if (loading && !loaded) body = <ListSkeleton />;
  else if (errorCode === 'NOT_BOUND')
    body = (
      <EmptyState
        className='registrations-unbound'
        icon='user'
        title='还没有绑定学号'
        description={error ?? undefined}
        actionText='去“我的”看看'
        onAction={openMe}
      />
    );
  else if (error) body = <ErrorState className='registrations-error' message={error} onRetry={() => void load()} />;
  else if (rows.length === 0)
    body = (
      <EmptyState
        className='registrations-empty'
        icon='list'
        title='还没有报名任何活动'
        description='去活动广场看看，总有一个适合你'
        actionText='浏览活动'
        onAction={openEvents}
      />
    );
  else
    body = (
      <>
        {rows.map((row) => (
          <RegistrationCard
            key={row.registration.id}
            event={row.event}
            registration={row.registration}
            now={now}
            busy={pending === row.event.id}
            onOpen={() => openEvent(row.event.id)}
            onCancel={() => setConfirming(row)}
          />
        ))}
      </>
    );

  return (
    <View className='registrations-page'>
      <View className='registrations-page__hero'>
        <Text className='registrations-page__title'>我的报名</Text>
        <Text className='registrations-page__summary registrations-summary'>
          {loaded && !error ? `已报名 ${confirmed} 个 · 候补 ${waitlisted} 个` : '报名与候补记录'}
        </Text>
      </View>
      {body}
      <ConfirmDialog
        visible={confirming !== null}
        title={confirming ? `确定${cancelLabel(confirming.registration)}？` : ''}
        message={confirming ? `“${confirming.event.title}”${confirming.registration.status === 'waitlisted' ? '的候补位次将不再保留。' : '的名额将递补给候补同学。'}` : ''}
        confirmText={confirming ? cancelLabel(confirming.registration) : '确定'}
        onConfirm={confirmCancel}
        onCancel={() => setConfirming(null)}
      />
      {toastNode}
    </View>
  );
}

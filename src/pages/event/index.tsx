import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import CheckinCard from '../../components/CheckinCard';
import ConfirmDialog from '../../components/ConfirmDialog';
import ErrorState from '../../components/ErrorState';
import EventActionBar from '../../components/EventActionBar';
import EventFacts from '../../components/EventFacts';
import EventTags from '../../components/EventTags';
import { usePageToast } from '../../components/PageToast';
import SeatsProgress from '../../components/SeatsProgress';
import StatusBadge from '../../components/StatusBadge';
import DetailSkeleton from '../../components/DetailSkeleton';
import { selectDetail, useEventsStore } from '../../stores/events';
import { checkinOffered, recordsCheckout } from '../../utils/checkin';
import { cancelLabel, signupToast } from '../../utils/event-status';
import { openCheckinPass, openEvents, openMe, openSelfCheckin } from '../../utils/navigation';
import { nowMs } from '../../utils/time';
import './index.scss';

type Prompt = { kind: 'cancel' } | { kind: 'notBound'; message: string };

/** 活动详情: everything about one event, and sign-up / cancel from the fixed bottom bar. */
export default function EventPage() {
  const eventId = useRouter().params.id ?? '';
  const detail = useEventsStore(selectDetail(eventId));
  const pending = useEventsStore((s) => s.pending === eventId);
  const { loadDetail, signUp, cancel } = useEventsStore.getState();
  const [prompt, setPrompt] = useState<Prompt | null>(null);
  const [toastNode, showToast] = usePageToast();
  const now = nowMs();

  // On every show, not only the first: coming back from 签到码 or 扫码签到 must show the attendance just recorded.
  useDidShow(() => {
    if (eventId) void loadDetail(eventId, { silent: !!useEventsStore.getState().details[eventId]?.event });
  });

  usePullDownRefresh(async () => {
    if (eventId) await loadDetail(eventId, { silent: true });
    Taro.stopPullDownRefresh();
  });

  async function handleSignUp() {
    const result = await signUp(eventId);
    if (result.ok) showToast(signupToast(result.registration), 'success');
    else if (result.code === 'NOT_BOUND') setPrompt({ kind: 'notBound', message: result.message });
    else showToast(result.message, 'fail');
  }

  async function handleCancel() {
    const wasWaitlisted = detail.myRegistration?.status === 'waitlisted';
    const result = await cancel(eventId);
    if (result.ok) showToast(wasWaitlisted ? '已退出候补' : '已取消报名', 'success');
    else showToast(result.message, 'fail');
  }

  const { event, myRegistration, myAttendance } = detail;

  if (!eventId) {
    return <ErrorState className='event-error' message='没有找到这个活动' actionText='返回活动列表' onRetry={openEvents} />;
  }
  if (!event) {
    return (
      <View className='event-page'>
        {detail.error ? (
          detail.errorCode === 'NOT_FOUND' ? (
            <ErrorState className='event-error' message={detail.error} actionText='返回活动列表' onRetry={openEvents} />
          ) : (
            <ErrorState className='event-error' message={detail.error} onRetry={() => void loadDetail(eventId)} />
          )
        ) : (
          <DetailSkeleton />
        )}
      </View>
    );
  }

  const status = myRegistration && myRegistration.status !== 'cancelled' ? myRegistration.status : null;

  return (
    <View className='event-page event-detail'>
      <View className='event-page__hero'>
        <View className='event-page__tags'>
          <EventTags category={event.category} tag={event.tag} />
          {status ? <StatusBadge status={status} /> : null}
        </View>
        <Text className='event-page__title event-title'>{event.title}</Text>
        <View className='event-page__credits-row'>
          <Text className='event-page__credits event-credits'>+{event.credits} 学分</Text>
          {event.status === 'cancelled' ? <Text className='event-page__cancelled'>活动已取消</Text> : null}
        </View>
      </View>

      <View className='event-page__card event-page__card--overlap'>
        <SeatsProgress event={event} now={now} />
      </View>

      {status === 'confirmed' && checkinOffered(event, now) ? (
        <CheckinCard
          attendance={myAttendance}
          checkout={recordsCheckout(event)}
          onOpenPass={() => openCheckinPass(eventId)}
          onScan={openSelfCheckin}
        />
      ) : null}

      <View className='event-page__card'>
        <EventFacts event={event} />
      </View>

      <View className='event-page__card'>
        <Text className='event-page__section-title'>活动介绍</Text>
        <Text className='event-page__description event-description' userSelect>
          {event.description || '组织方暂未填写活动介绍。'}
        </Text>
      </View>

      <EventActionBar
        event={event}
        registration={myRegistration}
        now={now}
        busy={pending}
        onSignUp={() => void handleSignUp()}
        onCancel={() => setPrompt({ kind: 'cancel' })}
      />

      <ConfirmDialog
        visible={prompt?.kind === 'cancel'}
        title={myRegistration ? `确定${cancelLabel(myRegistration)}？` : '确定取消？'}
        message={
          myRegistration?.status === 'waitlisted'
            ? '退出后候补位次将不再保留，再次报名需重新排队。'
            : '取消后名额将自动递补给候补同学，再次报名需重新排队。'
        }
        confirmText={myRegistration ? cancelLabel(myRegistration) : '确定'}
        onConfirm={handleCancel}
        onCancel={() => setPrompt(null)}
      />
      <ConfirmDialog
        visible={prompt?.kind === 'notBound'}
        title='请先绑定学号'
        message={prompt?.kind === 'notBound' ? `${prompt.message.replace(/[。.]$/, '')}。点击“去我的”查看绑定状态。` : ''}
        confirmText='去我的'
        cancelText='稍后'
        onConfirm={() => {
          setPrompt(null);
          openMe();
        }}
        onCancel={() => setPrompt(null)}
      />
      {toastNode}
    </View>
  );
}

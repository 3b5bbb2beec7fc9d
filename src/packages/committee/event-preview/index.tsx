import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import ConfirmDialog from '../../../components/ConfirmDialog';
import DetailSkeleton from '../../../components/DetailSkeleton';
import ErrorState from '../../../components/ErrorState';
import EventFacts from '../../../components/EventFacts';
import EventTags from '../../../components/EventTags';
import { usePageToast } from '../../../components/PageToast';
import SeatsProgress from '../../../components/SeatsProgress';
import { routeParam } from '../../../utils/navigation';
import { nowMs } from '../../../utils/time';
import { useCommitteeAccess } from '../hooks/use-committee-access';
import CommitteeGate from '../components/CommitteeGate';
import CommitteeHero from '../components/CommitteeHero';
import KindFacts from '../components/KindFacts';
import { LIFECYCLE_LABELS } from '../logic/labels';
import { openCommitteeTool } from '../services/routes';
import { useEventEditorStore } from '../stores/event-editor';
import { useManagedEventsStore } from '../stores/managed-events';
import './index.scss';

/**
 * 活动预览: a draft (or any hosted event) drawn with the student's own detail components, as students will see it once
 * published; 发布 from here.
 */
export default function EventPreviewPage() {
  const eventId = routeParam(useRouter().params.id);
  const forbidden = useEventEditorStore((s) => s.forbidden);
  const access = useCommitteeAccess('organizer', forbidden);
  const preview = useEventEditorStore((s) => (s.preview?.event.id === eventId ? s.preview : null));
  const error = useEventEditorStore((s) => s.previewError);
  const busy = useManagedEventsStore((s) => s.busy !== null);
  const [asking, setAsking] = useState(false);
  const [toastNode, showToast] = usePageToast();
  const now = nowMs();

  useDidShow(() => {
    if (eventId) void useEventEditorStore.getState().loadPreview(eventId);
  });

  async function publish() {
    const outcome = await useManagedEventsStore.getState().changeStatus(eventId, 'publish');
    setAsking(false);
    if (!outcome.ok) return showToast(outcome.message, 'fail');
    showToast('已发布，学生现在可以看到这个活动', 'success');
    await useEventEditorStore.getState().loadPreview(eventId);
  }

  function content() {
    if (!preview) {
      return error ? <ErrorState className='event-preview-error' message={error} onRetry={() => void useEventEditorStore.getState().loadPreview(eventId)} /> : <DetailSkeleton />;
    }

    const { event, fields, lifecycle } = preview;
    return (
      <>
        <CommitteeHero title='活动预览' subtitle='左边是同学在手机上看到的样子；确认无误后在右边发布' />
        <View className='event-preview-page__layout'>
          <View className='event-preview-page__aside'>
            <View className={`event-preview-page__banner preview-banner preview-banner--${lifecycle}`}>
              <Text className='event-preview-page__banner-status preview-lifecycle'>{LIFECYCLE_LABELS[lifecycle]}</Text>
              <Text className='event-preview-page__banner-text'>
                {lifecycle === 'draft' ? '学生看到的样子（草稿仅组织者可见，发布后出现在活动列表）' : '学生看到的样子'}
              </Text>
            </View>
            <View className='event-preview-page__bar'>
              {lifecycle !== 'cancelled' ? (
                <Button className='event-preview-page__btn preview-edit' fill='outline' type='primary' onClick={() => openCommitteeTool('event-edit', { id: eventId })}>
                  编辑
                </Button>
              ) : null}
              {lifecycle === 'draft' ? (
                <Button className='event-preview-page__btn preview-publish' type='primary' loading={busy} onClick={() => setAsking(true)}>
                  发布
                </Button>
              ) : (
                <Button className='event-preview-page__btn preview-manage' type='primary' onClick={() => openCommitteeTool('events')}>
                  活动管理
                </Button>
              )}
            </View>
          </View>
          <View className='event-preview-page__phone'>
            <View className='event-preview-page__hero'>
              <EventTags category={event.category} tag={event.tag} />
              <Text className='event-preview-page__title event-title'>{event.title}</Text>
              <Text className='event-preview-page__credits event-credits'>+{event.credits} 学分</Text>
            </View>
            <View className='event-preview-page__card event-preview-page__card--overlap'>
              <SeatsProgress event={event} now={now} />
            </View>
            <View className='event-preview-page__card'>
              <EventFacts event={event} />
            </View>
            <View className='event-preview-page__card'>
              <KindFacts fields={fields} />
            </View>
            <View className='event-preview-page__card'>
              <Text className='event-preview-page__section-title'>活动介绍</Text>
              <Text className='event-preview-page__description event-description'>{event.description || '组织方暂未填写活动介绍。'}</Text>
            </View>
          </View>
        </View>
        <ConfirmDialog
          visible={asking}
          title='发布活动？'
          message={`「${event.title}」将出现在学生的活动列表中，到报名时间即可报名。`}
          confirmText='发布'
          onConfirm={publish}
          onCancel={() => setAsking(false)}
        />
        {toastNode}
      </>
    );
  }

  return (
    <CommitteeGate access={access} page='event-preview-page' checking={<DetailSkeleton />} title='无权预览活动' note='发布与管理活动对院团总支和校团委开放。'>
      {content}
    </CommitteeGate>
  );
}

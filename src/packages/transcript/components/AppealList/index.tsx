import { Text, View } from '@tarojs/components';
import type { AppealView } from '../../../../../types/models';
import { APPEAL_STATUS_LABELS } from '../../../../utils/credits';
import { formatDateTime } from '../../../../utils/time';
import './index.scss';

interface Props {
  appeals: AppealView[];
}

/** 我的申诉: each appeal, its state, my note, and the decision with its reason. */
export default function AppealList({ appeals }: Props) {
  if (appeals.length === 0) {
    return <Text className='appeals-empty'>没有申诉。参加了活动却没有记入学分，可在该活动的详情页提交“学分申诉”。</Text>;
  }
  return (
    <View className='appeal-list'>
      {appeals.map((a) => (
        <View key={`${a.id}:${a.createdAt}`} className={`appeal-item appeal-item--${a.status}`} data-status={a.status} data-event-id={a.eventId}>
          <View className='appeal-item__head'>
            <Text className='appeal-item__event'>{a.eventTitle}</Text>
            <Text className={`appeal-item__status appeal-status appeal-status--${a.status}`}>{APPEAL_STATUS_LABELS[a.status]}</Text>
          </View>
          <Text className='appeal-item__note'>{a.note}</Text>
          <Text className='appeal-item__time'>{`提交于 ${formatDateTime(a.createdAt)}${a.decidedAt ? ` · 处理于 ${formatDateTime(a.decidedAt)}` : ''}`}</Text>
          {a.status === 'rejected' ? <Text className='appeal-item__reason appeal-reason'>{`驳回原因：${a.decisionReason || '未说明'}`}</Text> : null}
          {a.status === 'accepted' ? <Text className='appeal-item__accepted'>已通过，学分已记入（明细中标记“申诉”）</Text> : null}
        </View>
      ))}
    </View>
  );
}

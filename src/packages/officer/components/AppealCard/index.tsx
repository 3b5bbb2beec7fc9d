import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import type { AppealView } from '../../../../../types/models';
import { formatDateTime } from '../../../../utils/time';
import './index.scss';

interface Props {
  appeal: AppealView;
  /** This appeal's decision is on its way. */
  busy: boolean;
  onAccept: () => void;
  onReject: () => void;
}

const RESULT = { accepted: '已通过', rejected: '已驳回' } as const;

/**
 * One appeal: who (name, 学号, class), which event, the student's note in their words, when; then either the two
 * decisions (pending) or the result with its reason.
 */
export default function AppealCard({ appeal, busy, onAccept, onReject }: Props) {
  const decided = appeal.status !== 'pending';
  return (
    <View className={`appeal-card appeal-card--${appeal.status}`} data-id={appeal.id} data-status={appeal.status}>
      <View className='appeal-card__head'>
        <View className='appeal-card__who'>
          <Text className='appeal-card__name appeal-student'>{appeal.name}</Text>
          <Text className='appeal-card__no'>{appeal.studentNo}</Text>
        </View>
        {decided ? <Text className={`appeal-card__status appeal-card__status--${appeal.status}`}>{RESULT[appeal.status as keyof typeof RESULT]}</Text> : null}
      </View>
      <Text className='appeal-card__class appeal-class'>{appeal.className}</Text>

      <View className='appeal-card__event appeal-event'>
        <Text className='appeal-card__event-key'>活动</Text>
        <Text className='appeal-card__event-title'>{appeal.eventTitle}</Text>
      </View>
      <Text className='appeal-card__note appeal-note'>{appeal.note}</Text>
      <Text className='appeal-card__time appeal-time'>提交于 {formatDateTime(appeal.createdAt)}</Text>

      {decided ? (
        <View className={`appeal-card__decision appeal-card__decision--${appeal.status} appeal-decision`}>
          <Text className='appeal-card__decision-line'>
            {RESULT[appeal.status as keyof typeof RESULT]}
            {appeal.decidedAt ? ` · ${formatDateTime(appeal.decidedAt)}` : ''}
          </Text>
          {appeal.decisionReason ? <Text className='appeal-card__decision-reason appeal-decision-reason'>{appeal.decisionReason}</Text> : null}
        </View>
      ) : (
        <View className='appeal-card__actions'>
          <Button className='appeal-card__action appeal-reject' type='primary' fill='outline' size='small' disabled={busy} onClick={onReject}>
            驳回
          </Button>
          <Button className='appeal-card__action appeal-accept' type='primary' size='small' loading={busy} disabled={busy} onClick={onAccept}>
            通过
          </Button>
        </View>
      )}
    </View>
  );
}

import { Text, View } from '@tarojs/components';
import './index.scss';

interface Props {
  /** Pending appeals, or null while not known. */
  pending: number | null;
  onOpen: () => void;
}

/** The way to 学分申诉 on 签到管理 (`.appeals-entry`), with the pending count as a badge (`.appeals-entry-count`). */
export default function AppealsEntry({ pending, onOpen }: Props) {
  return (
    <View className='appeals-entry-card appeals-entry' onClick={onOpen}>
      <View className='appeals-entry-card__body'>
        <Text className='appeals-entry-card__title'>学分申诉</Text>
        <Text className='appeals-entry-card__desc'>学生参加了活动却没有记入学分时提交，核实后通过或驳回</Text>
      </View>
      {pending ? <Text className='appeals-entry-card__count appeals-entry-count'>{pending > 99 ? '99+' : pending} 条待处理</Text> : null}
      <Text className='appeals-entry-card__go'>›</Text>
    </View>
  );
}

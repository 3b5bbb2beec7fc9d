import { Text, View } from '@tarojs/components';
import './index.scss';

interface Props {
  title: string;
  description: string;
  /** Test hook on the entry (`appeals-entry`); its count gets `<hook>-count`. */
  hook: string;
  /** Requests waiting for an answer, or null while not known. */
  pending: number | null;
  onOpen: () => void;
}

/** A way from 签到管理 to a list of requests to answer (学分申诉, 请假审批), with the pending count as a badge. */
export default function QueueEntry({ title, description, hook, pending, onOpen }: Props) {
  return (
    <View className={`queue-entry-card ${hook}`} onClick={onOpen}>
      <View className='queue-entry-card__body'>
        <Text className='queue-entry-card__title'>{title}</Text>
        <Text className='queue-entry-card__desc'>{description}</Text>
      </View>
      {pending ? <Text className={`queue-entry-card__count ${hook}-count`}>{pending > 99 ? '99+' : pending} 条待处理</Text> : null}
      <Text className='queue-entry-card__go'>›</Text>
    </View>
  );
}

import { Skeleton } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import './index.scss';

/** Placeholder rows while a branch's members load (shaped like MemberRow). */
export default function MembersSkeleton({ count = 7 }: { count?: number }) {
  return (
    <View className='members-skeleton loading-skeleton'>
      {Array.from({ length: count }, (_, i) => (
        <View key={i} className='members-skeleton__row'>
          <Skeleton className='members-skeleton__avatar' rows={1} shape='circle' width='38px' height='38px' animated />
          <View className='members-skeleton__lines'>
            <Skeleton rows={1} size='small' width='34%' animated />
            <Skeleton rows={1} size='small' width='72%' animated className='members-skeleton__second' />
          </View>
        </View>
      ))}
    </View>
  );
}

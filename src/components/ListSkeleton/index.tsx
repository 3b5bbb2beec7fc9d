import { Skeleton } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import './index.scss';

/** Placeholder cards while the first page of a list loads (shaped like EventCard). */
export default function ListSkeleton({ count = 3 }: { count?: number }) {
  return (
    <View className='list-skeleton loading-skeleton'>
      {Array.from({ length: count }, (_, i) => (
        <View key={i} className='list-skeleton__card'>
          <Skeleton rows={1} size='small' width='36%' animated />
          <Skeleton rows={1} width='82%' animated className='list-skeleton__title' />
          <Skeleton rows={3} size='small' width='64%' animated />
          <Skeleton rows={1} size='small' width='100%' animated className='list-skeleton__foot' />
        </View>
      ))}
    </View>
  );
}

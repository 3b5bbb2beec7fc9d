import { Skeleton } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import './index.scss';

/** Placeholder for the detail page while the event loads. */
export default function DetailSkeleton() {
  return (
    <View className='detail-skeleton loading-skeleton'>
      <View className='detail-skeleton__hero' />
      <View className='detail-skeleton__card'>
        <Skeleton rows={1} width='50%' animated />
        <Skeleton rows={2} size='small' animated />
      </View>
      <View className='detail-skeleton__card'>
        <Skeleton rows={5} size='small' animated />
      </View>
    </View>
  );
}

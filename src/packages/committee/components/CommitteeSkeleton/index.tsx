import { Skeleton } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import './index.scss';

/** Placeholder cards while the page checks the account's role or loads its first answer. */
export default function CommitteeSkeleton({ count = 3 }: { count?: number }) {
  return (
    <View className='committee-skeleton loading-skeleton'>
      {Array.from({ length: count }, (_, i) => (
        <View key={i} className='committee-skeleton__card'>
          <Skeleton rows={1} size='small' width='30%' animated />
          <Skeleton rows={1} size='small' width='86%' animated className='committee-skeleton__line' />
          <Skeleton rows={1} size='small' width='58%' animated className='committee-skeleton__line' />
        </View>
      ))}
    </View>
  );
}

import { Button } from '@nutui/nutui-react-taro';
import { NetworkError } from '@nutui/icons-react-taro';
import { Text, View } from '@tarojs/components';
import './index.scss';
import { COLORS } from '../../styles/colors';

interface Props {
  message: string;
  onRetry: () => void;
  /** Button label: 重试 by default; e.g. 返回活动列表 when retrying cannot help (NOT_FOUND). */
  actionText?: string;
  className?: string;
}

/** A failed load: the server's (or the network's) sentence and a 重试 button (`.retry-button`). */
export default function ErrorState({ message, onRetry, actionText = '重试', className }: Props) {
  return (
    <View className={`error-state ${className ?? ''}`}>
      <View className='error-state__art'>
        <NetworkError size={32} color={COLORS.iconMuted} />
      </View>
      <Text className='error-state__message error-message'>{message}</Text>
      <Button className='error-state__retry retry-button' type='primary' size='small' onClick={onRetry}>
        {actionText}
      </Button>
    </View>
  );
}

import { Button } from '@nutui/nutui-react-taro';
import { NetworkError } from '@nutui/icons-react-taro';
import { Text, View } from '@tarojs/components';
import './index.scss';
import { COLORS } from '../../styles/colors';
import { canGoBack, goBackOrHome } from '../../utils/navigation';

interface Props {
  message: string;
  onRetry: () => void;
  /** Button label: 重试 by default; e.g. 返回活动列表 when retrying cannot help (NOT_FOUND). */
  actionText?: string;
  /**
   * A second way out under the button (`.error-exit`): 返回上一页, or 回到活动首页 when the page was opened from a link.
   * On by default, so no error screen is a dead end; tab pages (the tab bar is their way out) and screens whose button
   * already leaves turn it off.
   */
  exit?: boolean;
  className?: string;
}

/** A failed load: the server's (or the network's) sentence, a 重试 button (`.retry-button`) and a way out. */
export default function ErrorState({ message, onRetry, actionText = '重试', exit = true, className }: Props) {
  return (
    <View className={`error-state ${className ?? ''}`}>
      <View className='error-state__art'>
        <NetworkError size={32} color={COLORS.iconMuted} />
      </View>
      <Text className='error-state__message error-message'>{message}</Text>
      <Button className='error-state__retry retry-button' type='primary' onClick={onRetry}>
        {actionText}
      </Button>
      {exit ? (
        <Text className='error-state__exit error-exit' onClick={goBackOrHome}>
          {canGoBack() ? '返回上一页' : '回到活动首页'}
        </Text>
      ) : null}
    </View>
  );
}

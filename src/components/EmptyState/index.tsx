import { Button } from '@nutui/nutui-react-taro';
import { Order, Search, User } from '@nutui/icons-react-taro';
import { Text, View } from '@tarojs/components';
import './index.scss';
import { COLORS } from '../../styles/colors';

const ICONS = { search: Search, list: Order, user: User } as const;

interface Props {
  title: string;
  description?: string;
  icon?: keyof typeof ICONS;
  actionText?: string;
  onAction?: () => void;
  /** Extra class for test hooks, e.g. `events-empty`. */
  className?: string;
}

/** A friendly empty state with an optional call to action (drawn locally: NutUI's Empty loads images from a CDN). */
export default function EmptyState({ title, description, icon = 'search', actionText, onAction, className }: Props) {
  const Icon = ICONS[icon];
  return (
    <View className={`empty-state ${className ?? ''}`}>
      <View className='empty-state__art'>
        <Icon size={34} color={COLORS.brand} />
      </View>
      <Text className='empty-state__title'>{title}</Text>
      {description ? <Text className='empty-state__desc'>{description}</Text> : null}
      {actionText && onAction ? (
        <Button className='empty-state__action empty-action' type='primary' fill='outline' size='small' onClick={onAction}>
          {actionText}
        </Button>
      ) : null}
    </View>
  );
}

import { Clock, Home, Location, Star } from '@nutui/icons-react-taro';
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './index.scss';
import { COLORS } from '../../styles/colors';

const ICONS = { time: Clock, place: Location, organizer: Home, credits: Star } as const;

interface Props {
  icon: keyof typeof ICONS;
  children: ReactNode;
  className?: string;
}

/** One line of event facts with a small grey icon: time, place, organizer. */
export default function InfoLine({ icon, children, className }: Props) {
  const Icon = ICONS[icon];
  return (
    <View className={`info-line ${className ?? ''}`}>
      <Icon className='info-line__icon' size={13} color={COLORS.iconMuted} />
      <Text className='info-line__text'>{children}</Text>
    </View>
  );
}

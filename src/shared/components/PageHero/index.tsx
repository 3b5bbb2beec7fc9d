import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './index.scss';

interface Props {
  /** Small label above the title: who the page is for (校团委, 电脑端). */
  badge: string;
  title: string;
  subtitle: string;
  /** Leaves room for a card that overlaps the band from below. */
  tall?: boolean;
  children?: ReactNode;
}

/** The red band on top of a work page: who it is for and what it does, in one line. */
export default function PageHero({ badge, title, subtitle, tall, children }: Props) {
  return (
    <View className={`page-hero ${tall ? 'page-hero--tall' : ''}`}>
      <Text className='page-hero__badge'>{badge}</Text>
      <Text className='page-hero__title'>{title}</Text>
      <Text className='page-hero__subtitle'>{subtitle}</Text>
      {children}
    </View>
  );
}

import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './index.scss';

interface Props {
  title: string;
  subtitle: string;
  children?: ReactNode;
}

/** The red band on top of every committee page: what the page is for, in one line. */
export default function CommitteeHero({ title, subtitle, children }: Props) {
  return (
    <View className='committee-hero'>
      <Text className='committee-hero__badge'>校团委</Text>
      <Text className='committee-hero__title'>{title}</Text>
      <Text className='committee-hero__subtitle'>{subtitle}</Text>
      {children}
    </View>
  );
}

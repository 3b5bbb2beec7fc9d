import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './index.scss';

interface Props {
  title: string;
  /** Small text at the right of the title. */
  extra?: ReactNode;
  className?: string;
  children: ReactNode;
}

/** A white card with a title, the building block of the transcript pages. */
export default function SectionCard({ title, extra, className = '', children }: Props) {
  return (
    <View className={`section-card ${className}`}>
      <View className='section-card__head'>
        <Text className='section-card__title'>{title}</Text>
        {extra ? <View className='section-card__extra'>{extra}</View> : null}
      </View>
      {children}
    </View>
  );
}

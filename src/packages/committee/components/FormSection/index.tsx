import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './index.scss';

/** A card of related fields under a short title. */
export default function FormSection({ title, note, hook, children }: { title: string; note?: string; hook?: string; children: ReactNode }) {
  return (
    <View className={`form-section ${hook ?? ''}`}>
      <View className='form-section__head'>
        <Text className='form-section__title'>{title}</Text>
        {note ? <Text className='form-section__note'>{note}</Text> : null}
      </View>
      {children}
    </View>
  );
}

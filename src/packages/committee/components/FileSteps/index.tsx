import { Skeleton } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';

/**
 * The first steps of a file upload that is checked row by row before anything is written (名单导入, 批量记学分): pick
 * the file, wait for the check, or see why the file cannot be used. Styled by the roster page's stylesheet
 * (`roster-page__card`…), which both pages load.
 */

export function FilePickCard({ title, note, picker, className = '' }: { title: string; note: string; picker: ReactNode; className?: string }) {
  return (
    <View className={`roster-page__card ${className}`}>
      <Text className='roster-page__card-title'>{title}</Text>
      <Text className='roster-page__card-sub'>{note}</Text>
      {picker}
    </View>
  );
}

/** `hook`: the test hook of the 正在检查 line. */
export function FileCheckingCard({ fileLine, text, hook, className = '' }: { fileLine: ReactNode; text: string; hook: string; className?: string }) {
  return (
    <View className={`roster-page__card ${className}`}>
      {fileLine}
      <Text className={`roster-page__checking-text ${hook}`}>{text}</Text>
      <View className='loading-skeleton'>
        <Skeleton rows={1} width='100%' animated className='roster-page__checking-bar' />
        <Skeleton rows={2} size='small' width='72%' animated className='roster-page__checking-bar' />
      </View>
    </View>
  );
}

/** `hook`: the test hook of the refusal box. */
export function FileFailedCard({ fileLine, title, message, hook, picker }: { fileLine: ReactNode; title: string; message: string | null; hook: string; picker: ReactNode }) {
  return (
    <View className='roster-page__card'>
      {fileLine}
      <View className={`roster-page__error ${hook}`}>
        <Text className='roster-page__error-title'>{title}</Text>
        <Text className='roster-page__error-message'>{message}</Text>
      </View>
      <View className='roster-page__actions'>{picker}</View>
    </View>
  );
}

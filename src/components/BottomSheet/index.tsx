import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './index.scss';

interface Props {
  /** The sheet's own classes on the root: its test hook and modifiers (`correction-sheet`, `decision-sheet--accept`). */
  className: string;
  title: ReactNode;
  /** Test hook on the title, when a test reads it (`correction-name`). */
  titleHook?: string;
  /** Smaller lines under the title: who, which event, when. */
  meta?: ReactNode[];
  /** Test hook on 关闭 (`appeal-close`). */
  closeHook: string;
  onClose: () => void;
  children: ReactNode;
}

/**
 * A panel sliding up from the bottom over a dimmed page (学分申诉, 更正签到, 通过 / 驳回申诉): a title with meta lines and
 * 关闭, then the sheet's form. Tapping the dimmed page closes it too. The form's pieces share the classes
 * `bottom-sheet__label`, `__field` (a one-line input; `__placeholder` for its placeholderClass), `__chips` / `__chip`
 * (quick picks), `__hint`, `__error` and `__submit`. Render it only while open.
 */
export default function BottomSheet({ className, title, titleHook, meta = [], closeHook, onClose, children }: Props) {
  return (
    <View className={`bottom-sheet ${className}`}>
      <View className='bottom-sheet__mask' onClick={onClose} />
      <View className='bottom-sheet__panel'>
        <View className='bottom-sheet__head'>
          <View className='bottom-sheet__titles'>
            <Text className={`bottom-sheet__title ${titleHook ?? ''}`}>{title}</Text>
            {meta.map((line, i) => (
              <Text key={i} className='bottom-sheet__meta'>
                {line}
              </Text>
            ))}
          </View>
          <Text className={`bottom-sheet__close ${closeHook}`} onClick={onClose}>
            关闭
          </Text>
        </View>
        {children}
      </View>
    </View>
  );
}

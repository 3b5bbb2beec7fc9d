import { Image, Text, View } from '@tarojs/components';
import './index.scss';

interface Props {
  /** The photo's link; null: closed. */
  url: string | null;
  title: string;
  onClose: () => void;
}

/**
 * A photo over a dimmed page (H5, and the fallback on WeChat when its own viewer cannot open the link): the picture
 * as large as the window allows, 关闭 on top; tapping outside closes it. Hooks: `.photo-viewer`, `.photo-viewer-image`,
 * `.photo-viewer-close`.
 */
export default function PhotoViewer({ url, title, onClose }: Props) {
  if (!url) return null;
  return (
    <View className='photo-viewer' onClick={onClose}>
      <View className='photo-viewer__bar'>
        <Text className='photo-viewer__title'>{title}</Text>
        <Text className='photo-viewer__close photo-viewer-close' onClick={onClose}>
          关闭
        </Text>
      </View>
      <Image className='photo-viewer__image photo-viewer-image' src={url} mode='aspectFit' onClick={(e) => e.stopPropagation()} />
    </View>
  );
}

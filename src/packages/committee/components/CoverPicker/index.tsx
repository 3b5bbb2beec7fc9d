import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useRef } from 'react';
import EventCover from '../../../../components/EventCover';
import { CATEGORY_LABELS, type Category } from '../../../../../types/enums';
import FileInput from '../../../../components/FileInput';
import { COVER_ACCEPT, CoverFileRefusal, PICKS_COVER_WITH_FILE_INPUT, readCoverFile, type CoverFileSource, type PickedCover } from '../../services/cover-file';
import './index.scss';

interface Props {
  category: Category;
  startAt: string;
  /** The picture on the form (its link, or the one just picked); null: the kind's artwork. */
  coverUrl: string | null;
  uploading: boolean;
  onPicked: (picked: PickedCover) => void;
  onRefused: (message: string) => void;
  onRemove: () => void;
}

/**
 * 封面 on 发布活动: the card's top exactly as students will see it (EventCover), with 上传封面 / 更换封面 and 移除封面.
 * Without a picture the kind's artwork shows, and the note says so: no event is ever blank.
 */
export default function CoverPicker({ category, startAt, coverUrl, uploading, onPicked, onRefused, onRemove }: Props) {
  const inputRef = useRef<HTMLInputElement>(null);

  async function take(source?: CoverFileSource) {
    try {
      const picked = await readCoverFile(source);
      if (picked) onPicked(picked);
    } catch (error) {
      onRefused(error instanceof CoverFileRefusal ? error.message : '无法读取这张图片，请重新选择');
    }
  }

  function press() {
    if (uploading) return;
    if (PICKS_COVER_WITH_FILE_INPUT) inputRef.current?.click();
    else void take();
  }

  return (
    <View className='cover-picker'>
      <View className={`cover-picker__preview ${coverUrl ? 'cover-picker__preview--photo' : 'cover-picker__preview--art'}`}>
        <EventCover category={category} coverUrl={coverUrl} startAt={startAt} />
      </View>
      <Text className='cover-picker__note'>
        {coverUrl ? '学生在活动列表和详情页看到这张封面' : `未上传封面：显示「${CATEGORY_LABELS[category]}」的默认图案`}
      </Text>
      <View className='cover-picker__actions'>
        <Button className='cover-picker__pick cover-pick' type='primary' fill='outline' loading={uploading} onClick={press}>
          {uploading ? '正在上传…' : coverUrl ? '更换封面' : '上传封面'}
        </Button>
        {coverUrl && !uploading ? (
          <Button className='cover-picker__remove cover-remove' fill='none' onClick={onRemove}>
            移除封面
          </Button>
        ) : null}
      </View>
      <Text className='cover-picker__hint'>JPG、PNG 或 WebP，不超过 2 MB；横图效果最好</Text>
      {PICKS_COVER_WITH_FILE_INPUT ? <FileInput ref={inputRef} hook='cover-picker__input cover-file-input' accept={COVER_ACCEPT} onFile={(file) => void take({ file })} /> : null}
    </View>
  );
}

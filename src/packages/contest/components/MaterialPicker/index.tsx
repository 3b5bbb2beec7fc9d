import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { UPLOAD_LIMITS } from '../../../../../types/bulk';

import { messageOf } from '../../../../services/api';
import { MaterialRefusal, PICKS_WITH_FILE_INPUT, readMaterial } from '../../services/material-file';
import { uploadInParts } from '../../../../services/upload';
import FileInput from '../../../../components/FileInput';

export interface MaterialSlot {
  fileId: string;
  name: string;
  size: number;
}

type PickerKind = 'slides' | 'video' | 'photo';

interface Props {
  kind: PickerKind;
  value: MaterialSlot | null;
  onChange: (value: MaterialSlot | null) => void;
}

const PURPOSE = { slides: 'contestSlides', video: 'contestVideo', photo: 'talkPhoto' } as const;
const LABELS: Record<PickerKind, string> = { slides: '课件', video: '视频', photo: '现场照片' };
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * One material of an entry (课件 or 视频): pick, checked for type and size before sending, uploaded in parts with its
 * progress; the entry then names the file. Replacing or removing it takes effect when the entry is saved.
 */
export default function MaterialPicker({ kind, value, onChange }: Props) {
  const purpose = PURPOSE[kind];
  const limit = UPLOAD_LIMITS[purpose];
  const inputRef = useRef<HTMLInputElement | null>(null);
  const [progress, setProgress] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function take(source?: { file?: File | null }) {
    setProblem(null);
    try {
      const picked = await readMaterial(purpose, source);
      if (!picked) return;
      setProgress('正在上传…');
      const fileId = await uploadInParts(purpose, picked.name, picked.contentBase64, (sent, total) => setProgress(`正在上传 ${Math.round((sent / total) * 100)}%`));
      onChange({ fileId, name: picked.name, size: picked.size });
    } catch (error) {
      setProblem(error instanceof MaterialRefusal ? error.message : messageOf(error));
    } finally {
      setProgress(null);
    }
  }

  return (
    <View className={`material-slot material-slot-${kind}`}>
      <View className='material-slot__row'>
        <View className='material-slot__text'>
          <Text className='material-slot__label'>{LABELS[kind]}</Text>
          <Text className='material-slot__hint'>
            {value ? `${value.name} · ${mb(value.size)}` : `${limit.extensions.join(' / ')}，不超过 ${Math.round(limit.maxBytes / 1024 / 1024)} MB`}
          </Text>
        </View>
        {value && !progress ? (
          <Button className={`contest-button material-remove-${kind}`} size='small' fill='none' onClick={() => onChange(null)}>
            移除
          </Button>
        ) : null}
        <Button
          className={`contest-button material-pick-${kind}`}
          size='small'
          fill='outline'
          type='primary'
          loading={progress !== null}
          disabled={progress !== null}
          onClick={() => (PICKS_WITH_FILE_INPUT ? inputRef.current?.click() : void take())}
        >
          {progress ?? (value ? '更换' : '上传')}
        </Button>
      </View>
      {problem ? <Text className={`contest-error material-error material-error-${kind}`}>{problem}</Text> : null}
      {PICKS_WITH_FILE_INPUT ? (
        <FileInput ref={inputRef} hook={`material-file-input-${kind}`} accept={limit.extensions.join(',')} onFile={(file) => void take({ file })} />
      ) : null}
    </View>
  );
}

import { Image, Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { UPLOAD_LIMITS } from '../../../types/bulk';
import { messageOf } from '../../services/api';
import { ImageFileRefusal, PICKS_IMAGE_WITH_FILE_INPUT, imageAccept, readImageFile, type ImageFileSource } from '../../services/image-file';
import { uploadInParts } from '../../services/upload';
import FileInput from '../FileInput';
import './index.scss';

/** A photo sent up and waiting to be named by the request. */
export interface LeavePhoto {
  fileId: string;
  previewUrl: string;
}

interface Props {
  value: LeavePhoto | null;
  onChange: (photo: LeavePhoto | null) => void;
  /** Whether an upload is under way (the sheet waits for it before sending). */
  onUploading: (uploading: boolean) => void;
}

const LIMIT = UPLOAD_LIMITS.leavePhoto;

/**
 * 证明照片 (选填) in the 请假 sheet: one picture (a sick note, a hospital slip) from the album or the camera, checked for
 * type and size here, sent up in parts at once (purpose leavePhoto) with its progress, then shown as a thumbnail with
 * 删除. The request names the uploaded file. Hooks: `.leave-photo-pick`, `.leave-photo-input` (H5), `.leave-photo-thumb`,
 * `.leave-photo-remove`, `.leave-photo-error`, `.leave-photo-progress`.
 */
export default function LeavePhotoPicker({ value, onChange, onUploading }: Props) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<{ previewUrl: string; percent: number } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function take(source?: ImageFileSource) {
    setProblem(null);
    try {
      const picked = await readImageFile('leavePhoto', source);
      if (!picked) return;
      setProgress({ previewUrl: picked.previewUrl, percent: 0 });
      onUploading(true);
      const fileId = await uploadInParts('leavePhoto', picked.name, picked.contentBase64, (sent, total) =>
        setProgress({ previewUrl: picked.previewUrl, percent: total ? Math.round((sent / total) * 100) : 0 }),
      );
      onChange({ fileId, previewUrl: picked.previewUrl });
    } catch (error) {
      setProblem(error instanceof ImageFileRefusal ? error.message : `照片没有上传成功：${messageOf(error)}`);
    } finally {
      setProgress(null);
      onUploading(false);
    }
  }

  function pick() {
    if (progress) return;
    if (PICKS_IMAGE_WITH_FILE_INPUT) inputRef.current?.click();
    else void take();
  }

  const shown = progress?.previewUrl ?? value?.previewUrl ?? null;
  return (
    <View className='leave-photo'>
      <Text className='bottom-sheet__label'>证明照片（选填）</Text>
      <View className='leave-photo__row'>
        {shown ? (
          <View className='leave-photo__thumb-box'>
            <Image className='leave-photo__thumb leave-photo-thumb' src={shown} mode='aspectFill' />
            {progress ? <Text className='leave-photo__progress leave-photo-progress'>{`上传中 ${progress.percent}%`}</Text> : null}
          </View>
        ) : (
          <View className='leave-photo__add leave-photo-pick' onClick={pick}>
            <Text className='leave-photo__plus'>+</Text>
            <Text className='leave-photo__add-text'>添加照片</Text>
          </View>
        )}
        <View className='leave-photo__side'>
          <Text className='leave-photo__hint'>{`如病假条、就诊记录；${LIMIT.extensions.filter((e) => e !== '.jpeg').map((e) => e.slice(1).toUpperCase()).join(' 或 ')}，不超过 ${LIMIT.maxBytes / 1024 / 1024}\u00a0MB。只有处理请假的老师和团干部能看到。`}</Text>
          {value && !progress ? (
            <View className='leave-photo__actions'>
              <Text className='leave-photo__action leave-photo-replace' onClick={pick}>更换</Text>
              <Text className='leave-photo__action leave-photo__action--remove leave-photo-remove' onClick={() => onChange(null)}>删除</Text>
            </View>
          ) : null}
        </View>
      </View>
      {problem ? <Text className='bottom-sheet__error leave-photo-error'>{problem}</Text> : null}
      {PICKS_IMAGE_WITH_FILE_INPUT ? <FileInput ref={inputRef} hook='leave-photo-input' accept={imageAccept('leavePhoto')} onFile={(file) => void take({ file })} /> : null}
    </View>
  );
}

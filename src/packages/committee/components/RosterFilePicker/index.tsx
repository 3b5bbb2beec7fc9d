import { Button } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { useRef } from 'react';
import type { PickedRosterFile } from '../../stores/committee';
import { PICKS_WITH_FILE_INPUT, RosterFileRefusal, readRosterFile, type RosterFileSource } from '../../services/roster-file';
import RosterFileInput from './file-input';
import PrivacySheet from '../../../../components/PrivacySheet';
import './index.scss';

interface Props {
  label: string;
  /** primary (the first pick) or outline (重新选择 next to the import buttons). */
  tone?: 'primary' | 'outline';
  block?: boolean;
  disabled?: boolean;
  onPicked: (file: PickedRosterFile) => void;
  /** A file that cannot be used (type, size, unreadable), with the sentence to show. */
  onRefused: (message: string) => void;
  /** Test hooks `<hook>-pick` (the button) and `<hook>-file-input` (H5's hidden input): `roster` on 名单导入. */
  hook?: string;
}

/**
 * The `.roster-pick` button (`.<hook>-pick`). H5: it opens a hidden `<input type="file">` (`.roster-file-input`,
 * file-input.tsx) and reads the file with FileReader; weapp: WeChat's chat-file chooser (services/roster-file.weapp.ts).
 * Either way the file arrives as base64. Shared by 名单导入 and 批量记学分.
 */
export default function RosterFilePicker({ label, tone = 'primary', block, disabled, onPicked, onRefused, hook = 'roster' }: Props) {
  const inputRef = useRef<HTMLInputElement>(null);

  async function take(source?: RosterFileSource) {
    try {
      const file = await readRosterFile(source);
      if (file) onPicked(file);
    } catch (error) {
      onRefused(error instanceof RosterFileRefusal ? error.message : '无法读取该文件，请重新选择');
    }
  }

  function press() {
    if (disabled) return;
    if (PICKS_WITH_FILE_INPUT) inputRef.current?.click();
    else void take();
  }

  return (
    <View className={`roster-file-picker ${block ? 'roster-file-picker--block' : ''}`}>
      <Button
        className={`roster-file-picker__button ${hook}-pick`}
        type='primary'
        fill={tone === 'outline' ? 'outline' : 'solid'}
        block={block}
        disabled={disabled}
        onClick={press}
      >
        {label}
      </Button>
      {PICKS_WITH_FILE_INPUT ? <RosterFileInput ref={inputRef} hook={`${hook}-file-input`} onFile={(file) => void take({ file })} /> : null}
      {/* weapp: choosing a chat file waits on WeChat's privacy agreement (never on H5). */}
      <PrivacySheet />
    </View>
  );
}

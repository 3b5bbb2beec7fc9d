import { Button } from '@nutui/nutui-react-taro';
import { Text, Textarea } from '@tarojs/components';
import { useEffect, useState } from 'react';
import BottomSheet from '../BottomSheet';
import './index.scss';

/** The server's minimum (fileAppeal's schema): a note a reviewer can act on. */
export const APPEAL_NOTE_MIN = 5;
export const APPEAL_NOTE_MAX = 300;

interface Props {
  visible: boolean;
  eventTitle: string;
  busy: boolean;
  /** Resolves with the refusal to show, or null when filed (the page closes the sheet). */
  onSubmit: (note: string) => Promise<string | null>;
  onClose: () => void;
}

/**
 * 学分申诉: a student who took part but got no credit says what happened; the hosting branch or the committee decides.
 * The note must let a reviewer check the claim, so the sheet asks for specifics (when, how they checked in, who saw).
 */
export default function AppealSheet({ visible, eventTitle, busy, onSubmit, onClose }: Props) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (visible) setError(null);
  }, [visible]);

  if (!visible) return null;

  async function submit() {
    const text = note.trim();
    if (text.length < APPEAL_NOTE_MIN) {
      setError(`请写明参加活动的情况（至少 ${APPEAL_NOTE_MIN} 个字），方便团干部核实`);
      return;
    }
    const refusal = await onSubmit(text);
    setError(refusal);
    if (!refusal) setNote('');
  }

  return (
    <BottomSheet className='appeal-sheet' title='学分申诉' meta={[eventTitle]} closeHook='appeal-close' onClose={onClose}>
      <Text className='bottom-sheet__label'>申诉说明</Text>
      <Textarea
        className='appeal-sheet__note appeal-note'
        value={note}
        maxlength={APPEAL_NOTE_MAX}
        placeholder='例如：3月5日 14:00 到场，签到码扫不出来，已找组织委员登记，可请其核实'
        placeholderClass='bottom-sheet__placeholder'
        onInput={(e) => {
          setNote(e.detail.value);
          setError(null);
        }}
      />
      <Text className='appeal-sheet__count'>{`${note.trim().length} / ${APPEAL_NOTE_MAX}`}</Text>
      <Text className='bottom-sheet__hint'>申诉将由活动主办的团干部或校团委核实；通过后学分自动记入成绩单，结果可在“我的成绩单”查看。</Text>
      {error ? <Text className='bottom-sheet__error appeal-error'>{error}</Text> : null}
      <Button className='bottom-sheet__submit appeal-submit' type='primary' block loading={busy} disabled={busy} onClick={() => void submit()}>
        提交申诉
      </Button>
    </BottomSheet>
  );
}

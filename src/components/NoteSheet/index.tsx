import { Button } from '@nutui/nutui-react-taro';
import { Text, Textarea } from '@tarojs/components';
import { useEffect, useState, type ReactNode } from 'react';
import BottomSheet from '../BottomSheet';
import './index.scss';

/** What makes one note sheet (学分申诉, 请假 …) its own: words, limits and test hooks. */
export interface NoteSheetCopy {
  /** The sheet's own class (a hook: `.appeal-sheet`, `.leave-sheet`); its look is `.note-sheet`'s. */
  sheetClass: string;
  title: string;
  label: string;
  placeholder: string;
  hint: string;
  submitLabel: string;
  /** The server's schema bounds on the trimmed note. */
  min: number;
  max: number;
  /** Said when the note is shorter than `min`. */
  tooShort: string;
  hooks: { close: string; note: string; error: string; submit: string };
}

interface Props {
  copy: NoteSheetCopy;
  visible: boolean;
  eventTitle: string;
  busy: boolean;
  /** Resolves with the refusal to show, or null when sent (the page closes the sheet). */
  onSubmit: (note: string) => Promise<string | null>;
  onClose: () => void;
  /** What the sheet adds under the note (请假: its photo). */
  children?: ReactNode;
}

/** A bottom sheet where a student writes a note about an event and sends it; too short a note is refused here. */
export default function NoteSheet({ copy, visible, eventTitle, busy, onSubmit, onClose, children }: Props) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (visible) setError(null);
  }, [visible]);

  if (!visible) return null;

  async function submit() {
    const text = note.trim();
    if (text.length < copy.min) {
      setError(copy.tooShort);
      return;
    }
    const refusal = await onSubmit(text);
    setError(refusal);
    if (!refusal) setNote('');
  }

  return (
    <BottomSheet className={copy.sheetClass} title={copy.title} meta={[eventTitle]} closeHook={copy.hooks.close} onClose={onClose}>
      <Text className='bottom-sheet__label'>{copy.label}</Text>
      <Textarea
        className={`note-sheet__note ${copy.hooks.note}`}
        value={note}
        maxlength={copy.max}
        placeholder={copy.placeholder}
        placeholderClass='bottom-sheet__placeholder'
        onInput={(e) => {
          setNote(e.detail.value);
          setError(null);
        }}
      />
      <Text className='note-sheet__count'>{`${note.trim().length} / ${copy.max}`}</Text>
      {children}
      <Text className='bottom-sheet__hint'>{copy.hint}</Text>
      {error ? <Text className={`bottom-sheet__error ${copy.hooks.error}`}>{error}</Text> : null}
      <Button className={`bottom-sheet__submit ${copy.hooks.submit}`} type='primary' block loading={busy} disabled={busy} onClick={() => void submit()}>
        {copy.submitLabel}
      </Button>
    </BottomSheet>
  );
}

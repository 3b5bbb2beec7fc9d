import { Button } from '@nutui/nutui-react-taro';
import { Text, Textarea } from '@tarojs/components';
import { useEffect, useState } from 'react';
import BottomSheet from '../BottomSheet';
import './index.scss';

/** requestLeave's schema: a reason the organiser can judge. */
export const LEAVE_REASON_MIN = 5;
export const LEAVE_REASON_MAX = 300;

interface Props {
  visible: boolean;
  eventTitle: string;
  busy: boolean;
  /** Resolves with the refusal to show, or null when sent (the page closes the sheet). */
  onSubmit: (reason: string) => Promise<string | null>;
  onClose: () => void;
}

/**
 * 请假: a confirmed student who cannot come after the cancel deadline says why; the organiser approves (no absence is
 * recorded, the seat passes to the next in line) or refuses with a reason the student sees on the event page.
 */
export default function LeaveSheet({ visible, eventTitle, busy, onSubmit, onClose }: Props) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (visible) setError(null);
  }, [visible]);

  if (!visible) return null;

  async function submit() {
    const text = reason.trim();
    if (text.length < LEAVE_REASON_MIN) {
      setError(`请写明请假原因（至少 ${LEAVE_REASON_MIN} 个字），方便主办方处理`);
      return;
    }
    const refusal = await onSubmit(text);
    setError(refusal);
    if (!refusal) setReason('');
  }

  return (
    <BottomSheet className='leave-sheet' title='请假' meta={[eventTitle]} closeHook='leave-close' onClose={onClose}>
      <Text className='bottom-sheet__label'>请假原因</Text>
      <Textarea
        className='leave-sheet__note leave-reason'
        value={reason}
        maxlength={LEAVE_REASON_MAX}
        placeholder='例如：发烧去校医院就诊，医生建议休息两天'
        placeholderClass='bottom-sheet__placeholder'
        onInput={(e) => {
          setReason(e.detail.value);
          setError(null);
        }}
      />
      <Text className='leave-sheet__count'>{`${reason.trim().length} / ${LEAVE_REASON_MAX}`}</Text>
      <Text className='bottom-sheet__hint'>主办方批准后不记缺席，名额递补给候补的同学；不批准时会写明原因，你可以在活动页看到。</Text>
      {error ? <Text className='bottom-sheet__error leave-error'>{error}</Text> : null}
      <Button className='bottom-sheet__submit leave-submit' type='primary' block loading={busy} disabled={busy} onClick={() => void submit()}>
        提交请假
      </Button>
    </BottomSheet>
  );
}

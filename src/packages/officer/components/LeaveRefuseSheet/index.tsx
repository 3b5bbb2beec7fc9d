import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import BottomSheet from '../../../../components/BottomSheet';
import type { LeaveRequest } from '../../stores/leave';

interface Props {
  /** The request to refuse; null: the sheet is closed. */
  request: LeaveRequest | null;
  busy: boolean;
  /** Resolves with the refusal to show, or null when done (the sheet closes). */
  onSubmit: (reason: string) => Promise<string | null>;
  onClose: () => void;
}

const QUICK = ['理由不充分，请按时参加', '请补充医院或辅导员开具的证明', '请假事由与活动时间并不冲突'];

/** 不批准 one leave request: the reason is required, the student reads it on the event page (decideLeave: 2–200 字). */
export default function LeaveRefuseSheet({ request, busy, onSubmit, onClose }: Props) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setReason('');
    setError(null);
  }, [request?.eventId, request?.studentNo]);

  if (!request) return null;

  async function submit() {
    const text = reason.trim();
    if (text.length < 2) {
      setError('请填写不批准的原因（至少 2 个字），同学会在活动页看到它');
      return;
    }
    setError(await onSubmit(text));
  }

  return (
    <BottomSheet
      className='leave-refuse-sheet'
      title='不批准请假'
      meta={[`${request.name} · ${request.studentNo} · ${request.eventTitle}`]}
      closeHook='leave-refuse-close'
      onClose={onClose}
    >
      <Text className='bottom-sheet__label'>原因（必填，同学可见）</Text>
      <Input
        className='bottom-sheet__field leave-refuse-reason'
        value={reason}
        maxlength={200}
        placeholder='例如：请补充医院开具的证明'
        placeholderClass='bottom-sheet__placeholder'
        onInput={(e) => {
          setReason(e.detail.value);
          setError(null);
        }}
      />
      <View className='bottom-sheet__chips'>
        {QUICK.map((r) => (
          <Text key={r} className='bottom-sheet__chip' onClick={() => setReason(r)}>
            {r}
          </Text>
        ))}
      </View>
      <Text className='bottom-sheet__hint'>不批准时名额保留，同学仍应按时参加；未到场按缺席处理。同学可以补充材料后再次请假。</Text>
      {error ? <Text className='bottom-sheet__error leave-refuse-error'>{error}</Text> : null}
      <Button className='bottom-sheet__submit leave-refuse-submit' type='primary' block loading={busy} disabled={busy} onClick={() => void submit()}>
        确认不批准
      </Button>
    </BottomSheet>
  );
}

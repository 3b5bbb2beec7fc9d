import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { AppealView } from '../../../../../types/models';
import BottomSheet from '../../../../components/BottomSheet';

export type DecisionKind = 'accept' | 'reject';

interface Props {
  /** The appeal and what to do with it; null: the sheet is closed. */
  appeal: AppealView | null;
  kind: DecisionKind;
  busy: boolean;
  /** Resolves with the refusal to show, or null when done (the sheet closes). */
  onSubmit: (reason: string, hours: number | undefined) => Promise<string | null>;
  onClose: () => void;
}

const QUICK: Record<DecisionKind, string[]> = {
  accept: ['已核实到场', '签到记录遗漏，现场名单可证', '签到码无法扫描，已核实本人'],
  reject: ['签到名单与现场记录中均无该同学', '未在活动时间内到场', '该活动不计学分'],
};

/** "2", "1.5" → hours; empty → undefined (the event's length); anything else → NaN. */
function parseHours(text: string): number | undefined {
  const t = text.trim();
  if (!t) return undefined;
  return /^\d{1,2}(\.\d)?$/.test(t) && Number(t) <= 24 ? Number(t) : Number.NaN;
}

/**
 * 通过 / 驳回 one appeal. Both carry a reason (the student reads it; it is kept with the decision): for a rejection
 * it must say why. Accepting may name the hours to credit, for events that pay per hour (volunteering); left empty,
 * the server takes the event's length, and events with a fixed amount ignore it.
 */
export default function DecisionSheet({ appeal, kind, busy, onSubmit, onClose }: Props) {
  const [reason, setReason] = useState('');
  const [hours, setHours] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setReason(kind === 'accept' ? QUICK.accept[0] : '');
    setHours('');
    setError(null);
  }, [appeal?.id, kind]);

  if (!appeal) return null;
  const accept = kind === 'accept';

  async function submit() {
    const text = reason.trim();
    if (text.length < 2) {
      setError(accept ? '请填写通过说明（至少 2 个字）' : '请填写驳回原因（至少 2 个字），学生会看到它');
      return;
    }
    const h = accept ? parseHours(hours) : undefined;
    if (h !== undefined && Number.isNaN(h)) {
      setError('时长请填写 0–24 之间的数字，最多一位小数，如 2 或 2.5');
      return;
    }
    setError(await onSubmit(text, h));
  }

  return (
    <BottomSheet
      className={`decision-sheet decision-sheet--${kind}`}
      title={accept ? '通过申诉' : '驳回申诉'}
      meta={[`${appeal.name} · ${appeal.studentNo} · ${appeal.eventTitle}`]}
      closeHook='decision-close'
      onClose={onClose}
    >
      {accept ? (
        <>
          <Text className='bottom-sheet__label'>志愿时长（选填，小时）</Text>
          <Input
            className='bottom-sheet__field decision-hours'
            type='digit'
            value={hours}
            maxlength={4}
            placeholder='按时长计分的活动可填写；留空按活动时长'
            placeholderClass='bottom-sheet__placeholder'
            onInput={(e) => {
              setHours(e.detail.value);
              setError(null);
            }}
          />
        </>
      ) : null}

      <Text className='bottom-sheet__label'>{accept ? '通过说明（必填，学生可见）' : '驳回原因（必填，学生可见）'}</Text>
      <Input
        className='bottom-sheet__field decision-reason'
        value={reason}
        maxlength={200}
        placeholder={accept ? '例如：已核实到场' : '例如：签到名单与现场记录中均无该同学'}
        placeholderClass='bottom-sheet__placeholder'
        onInput={(e) => {
          setReason(e.detail.value);
          setError(null);
        }}
      />
      <View className='bottom-sheet__chips'>
        {QUICK[kind].map((r) => (
          <Text key={r} className='bottom-sheet__chip' onClick={() => setReason(r)}>
            {r}
          </Text>
        ))}
      </View>
      <Text className='bottom-sheet__hint'>
        {accept ? '通过后按活动的学分规则记入该同学的成绩单，来源为本申诉；已记过的不会重复记入。' : '驳回后学生会看到原因，可补充材料后联系团支部。'}
      </Text>
      {error ? <Text className='bottom-sheet__error decision-error'>{error}</Text> : null}
      <Button className='bottom-sheet__submit decision-submit' type='primary' block loading={busy} disabled={busy} onClick={() => void submit()}>
        {accept ? '确认通过' : '确认驳回'}
      </Button>
    </BottomSheet>
  );
}

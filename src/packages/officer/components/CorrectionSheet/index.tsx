import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { CORRECTION_LABELS, type CorrectionOpName } from '../../../../../types/checkin';
import type { AttendanceRow } from '../../../../../types/models';
import BottomSheet from '../../../../components/BottomSheet';
import { clock } from '../../checkin-time';
import './index.scss';

interface Props {
  /** The member to correct; null: the sheet is closed. */
  row: AttendanceRow | null;
  busy: boolean;
  /** Resolves with the refusal to show, or null when done (the sheet closes). */
  onSubmit: (op: CorrectionOpName, reason: string) => Promise<string | null>;
  onClose: () => void;
}

/** What may be done by hand to someone in this state. */
function opsFor(row: AttendanceRow): CorrectionOpName[] {
  if (row.state === 'absent') return ['check_in'];
  if (row.state === 'in') return ['check_out', 'undo_check_in'];
  return ['undo_check_out', 'undo_check_in'];
}

const QUICK_REASONS = ['手机没电，现场核实本人', '签到码无法扫描', '误扫，撤销', '提前离场，已核实'];

/**
 * 更正签到: 补签到 / 补签退 / 撤销签到 / 撤销签退 for one member, with a reason (required, at least two characters):
 * every correction is written to the audit log with it. The time recorded is now.
 */
export default function CorrectionSheet({ row, busy, onSubmit, onClose }: Props) {
  const [op, setOp] = useState<CorrectionOpName | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setOp(row ? opsFor(row)[0] : null);
    setReason('');
    setError(null);
  }, [row?.studentNo, row?.state]);

  if (!row) return null;
  const ops = opsFor(row);

  async function submit() {
    if (!op) return;
    const text = reason.trim();
    if (text.length < 2) {
      setError('请填写更正原因（至少 2 个字），它会记入审计日志');
      return;
    }
    setError(await onSubmit(op, text));
  }

  const times = `${row.checkedInAt ? `签到 ${clock(row.checkedInAt)}` : '未签到'}${row.checkedOutAt ? ` · 签退 ${clock(row.checkedOutAt)}` : ''}`;
  return (
    <BottomSheet
      className='correction-sheet'
      title={row.name}
      titleHook='correction-name'
      meta={[`${row.studentNo} · ${row.className}`, times]}
      closeHook='correction-close'
      onClose={onClose}
    >
      <View className='correction-sheet__ops'>
        {ops.map((o) => (
          <View
            key={o}
            className={`correction-sheet__op correction-op-${o} ${o === op ? 'correction-sheet__op--active correction-op--active' : ''} ${o.startsWith('undo') ? 'correction-sheet__op--undo' : ''}`}
            onClick={() => setOp(o)}
          >
            <Text>{CORRECTION_LABELS[o]}</Text>
          </View>
        ))}
      </View>

      <Text className='bottom-sheet__label'>更正原因（必填，记入审计日志）</Text>
      <Input
        className='bottom-sheet__field correction-reason'
        value={reason}
        maxlength={200}
        placeholder='例如：手机没电，现场核实本人'
        placeholderClass='bottom-sheet__placeholder'
        onInput={(e) => {
          setReason(e.detail.value);
          setError(null);
        }}
      />
      <View className='bottom-sheet__chips'>
        {QUICK_REASONS.map((r) => (
          <Text key={r} className='bottom-sheet__chip' onClick={() => setReason(r)}>
            {r}
          </Text>
        ))}
      </View>
      {error ? <Text className='bottom-sheet__error correction-error'>{error}</Text> : null}
      <Button className='bottom-sheet__submit correction-submit' type='primary' block loading={busy} disabled={busy || !op} onClick={() => void submit()}>
        {op ? `确认${CORRECTION_LABELS[op]}` : '确认'}
      </Button>
    </BottomSheet>
  );
}

import NoteSheet, { type NoteSheetCopy } from '../NoteSheet';

/** requestLeave's schema: a reason the organiser can judge. */
export const LEAVE_REASON_MIN = 5;
export const LEAVE_REASON_MAX = 300;

/**
 * 请假: a confirmed student who cannot come after the cancel deadline says why; the organiser approves (no absence is
 * recorded, the seat passes to the next in line) or refuses with a reason the student sees on the event page.
 */
const LEAVE: NoteSheetCopy = {
  sheetClass: 'leave-sheet',
  title: '请假',
  label: '请假原因',
  placeholder: '例如：发烧去校医院就诊，医生建议休息两天',
  hint: '主办方批准后不记缺席，名额递补给候补的同学；不批准时会写明原因，你可以在活动页看到。',
  submitLabel: '提交请假',
  min: LEAVE_REASON_MIN,
  max: LEAVE_REASON_MAX,
  tooShort: `请写明请假原因（至少 ${LEAVE_REASON_MIN} 个字），方便主办方处理`,
  hooks: { close: 'leave-close', note: 'leave-reason', error: 'leave-error', submit: 'leave-submit' },
};

interface Props {
  visible: boolean;
  eventTitle: string;
  busy: boolean;
  /** Resolves with the refusal to show, or null when sent (the page closes the sheet). */
  onSubmit: (reason: string) => Promise<string | null>;
  onClose: () => void;
}

export default function LeaveSheet(props: Props) {
  return <NoteSheet copy={LEAVE} {...props} />;
}

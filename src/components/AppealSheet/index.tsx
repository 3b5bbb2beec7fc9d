import NoteSheet, { type NoteSheetCopy } from '../NoteSheet';

/** The server's minimum (fileAppeal's schema): a note a reviewer can act on. */
export const APPEAL_NOTE_MIN = 5;
export const APPEAL_NOTE_MAX = 300;

/**
 * 学分申诉: a student who took part but got no credit says what happened; the hosting branch or the committee decides.
 * The note must let a reviewer check the claim, so the sheet asks for specifics (when, how they checked in, who saw).
 */
const APPEAL: NoteSheetCopy = {
  sheetClass: 'appeal-sheet',
  title: '学分申诉',
  label: '申诉说明',
  placeholder: '例如：3月5日 14:00 到场，签到码扫不出来，已找组织委员登记，可请其核实',
  hint: '申诉将由活动主办的团干部或校团委核实；通过后学分自动记入成绩单，结果可在“我的成绩单”查看。',
  submitLabel: '提交申诉',
  min: APPEAL_NOTE_MIN,
  max: APPEAL_NOTE_MAX,
  tooShort: `请写明参加活动的情况（至少 ${APPEAL_NOTE_MIN} 个字），方便团干部核实`,
  hooks: { close: 'appeal-close', note: 'appeal-note', error: 'appeal-error', submit: 'appeal-submit' },
};

interface Props {
  visible: boolean;
  eventTitle: string;
  busy: boolean;
  /** Resolves with the refusal to show, or null when filed (the page closes the sheet). */
  onSubmit: (note: string) => Promise<string | null>;
  onClose: () => void;
}

export default function AppealSheet(props: Props) {
  return <NoteSheet copy={APPEAL} {...props} />;
}

import { useState } from 'react';
import LeavePhotoPicker, { type LeavePhoto } from '../LeavePhotoPicker';
import NoteSheet, { type NoteSheetCopy } from '../NoteSheet';

/** requestLeave's schema: a reason the organiser can judge. */
export const LEAVE_REASON_MIN = 5;
export const LEAVE_REASON_MAX = 300;

/**
 * 请假: a confirmed student who cannot come after the cancel deadline says why; the organiser approves (no absence is
 * recorded, the seat passes to the next in line) or refuses with a reason the student sees on the event page. A photo
 * (a sick note) may go with it: uploaded as soon as it is picked, named by the request.
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
  onSubmit: (reason: string, photoFileId: string | null) => Promise<string | null>;
  onClose: () => void;
}

export default function LeaveSheet({ onSubmit, ...props }: Props) {
  const [photo, setPhoto] = useState<LeavePhoto | null>(null);
  const [uploading, setUploading] = useState(false);

  async function send(reason: string): Promise<string | null> {
    if (uploading) return '照片还在上传，请稍候再提交';
    const refusal = await onSubmit(reason, photo?.fileId ?? null);
    if (!refusal) setPhoto(null);
    return refusal;
  }

  return (
    <NoteSheet copy={LEAVE} {...props} onSubmit={send}>
      <LeavePhotoPicker value={photo} onChange={setPhoto} onUploading={setUploading} />
    </NoteSheet>
  );
}

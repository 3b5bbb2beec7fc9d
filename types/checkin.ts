/**
 * Check-in constants shared by the functions and the officer's app (valibot-free, so the scanner page stays small).
 * The short labels are what the scanner shows in large type; the longer message comes from ERROR_CODES.
 */
export const CHECKIN_PURPOSES = ['in', 'out'] as const;
export type CheckinPurposeName = (typeof CHECKIN_PURPOSES)[number];

export const CORRECTION_OPS = ['check_in', 'check_out', 'undo_check_in', 'undo_check_out'] as const;
export type CorrectionOpName = (typeof CORRECTION_OPS)[number];
export const CORRECTION_LABELS: Record<CorrectionOpName, string> = {
  check_in: '补签到',
  check_out: '补签退',
  undo_check_in: '撤销签到',
  undo_check_out: '撤销签退',
};

/** Short result labels by refusal code. */
export const SCAN_REFUSAL_LABELS: Record<string, string> = {
  CHECKIN_CODE_MALFORMED: '无法识别',
  CHECKIN_CODE_UNTRUSTED_KEY: '密钥不受信任',
  CHECKIN_CODE_FORGED: '无效的码',
  CHECKIN_CODE_WRONG_EVENT: '非本活动',
  CHECKIN_CODE_WRONG_PURPOSE: '签到/签退码用反',
  CHECKIN_CODE_EXPIRED: '码已过期',
  CHECKIN_CODE_NOT_YET_VALID: '手机时间不对',
  CHECKIN_CODE_REVOKED: '码已作废',
  CHECKIN_EVENT_CANCELLED: '活动已取消',
  CHECKIN_NOT_REGISTERED: '未报名',
  CHECKIN_WAITLISTED: '候补中',
  CHECKIN_REGISTRATION_CANCELLED: '已取消报名',
  CHECKIN_NOT_OPEN: '不在签到时间',
  CHECKIN_NOT_CHECKED_IN: '尚未签到',
  SCAN_TIME_INVALID: '扫码时间有误',
};

export function scanLabel(status: 'recorded' | 'already' | 'refused', purpose: CheckinPurposeName, code: string | null): string {
  if (status === 'recorded') return purpose === 'in' ? '签到成功' : '签退成功';
  if (status === 'already') return purpose === 'in' ? '已签到' : '已签退';
  return (code && SCAN_REFUSAL_LABELS[code]) || '未通过';
}

/** Conflicts an upload of offline scans can report beside each result. */
export const SCAN_CONFLICTS = ['scanned_by_other', 'registration_cancelled'] as const;
export type ScanConflict = (typeof SCAN_CONFLICTS)[number];
export const SCAN_CONFLICT_LABELS: Record<ScanConflict, string> = {
  scanned_by_other: '已由其他团干部签到',
  registration_cancelled: '离线期间该同学取消了报名',
};

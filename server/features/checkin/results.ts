import { ERROR_CODES, SCAN_CONFLICT_LABELS, scanLabel, type CheckinPurposeName, type ErrorCode, type ScanConflict, type ScanResult } from '../../../types';
import type { ScanRecord } from '../../../core';
import { campusClock } from '../shared/campus-time';
import type { HandlerContext } from '../shared/context';

/** What a scanner shows of the member: name and class (to compare with the person in front of it). */
export type ScanMember = NonNullable<ScanResult['member']>;

/** Profiles looked up once per request: a batch often names the same member twice (in and out). */
export function memberLookup(ctx: HandlerContext): (studentNo: string) => Promise<ScanMember | null> {
  const cache = new Map<string, Promise<ScanMember | null>>();
  return (studentNo) => {
    let found = cache.get(studentNo);
    if (!found) {
      found = ctx.storage
        .findStudentByNo(studentNo)
        .then((s) => (s ? { studentNo: s.studentNo, name: s.name, className: s.className } : null));
      cache.set(studentNo, found);
    }
    return found;
  };
}

export function messageOf(code: string): string {
  return Object.prototype.hasOwnProperty.call(ERROR_CODES, code) ? ERROR_CODES[code as ErrorCode].message : '未通过';
}

/**
 * Conflicts are reported for offline scans only (an online scan is judged on the spot): the member was checked in
 * (or out) by another account meanwhile, or cancelled their registration while the officer had no network.
 */
function conflictOf(scan: ScanRecord): ScanConflict | null {
  if (!scan.offline) return null;
  const { status, code, attendance } = scan.outcome;
  if (status === 'already' && attendance) {
    const by = scan.purpose === 'in' ? attendance.checkedInBy : attendance.checkedOutBy;
    if (by !== scan.by) return 'scanned_by_other';
  }
  if (status === 'refused' && code === 'CHECKIN_REGISTRATION_CANCELLED') return 'registration_cancelled';
  return null;
}

/** The answer to a scan that reached storage (recorded, already, or refused by the attendance rules). */
export function resultOfScan(scan: ScanRecord, duplicate: boolean, member: ScanMember | null): ScanResult {
  const { status, code, attendance } = scan.outcome;
  const purpose = scan.purpose as CheckinPurposeName;
  const at = (purpose === 'in' ? attendance?.checkedInAt : attendance?.checkedOutAt) ?? null;
  const conflict = conflictOf(scan);
  const who = member?.name ?? scan.studentNo;
  const label = scanLabel(status, purpose, code);
  let message: string;
  if (status === 'refused') message = code ? messageOf(code) : '未通过';
  else if (status === 'recorded') message = `${who} ${label}`;
  else message = `${who} ${conflict ? SCAN_CONFLICT_LABELS[conflict] : label}${at ? `（${campusClock(at)}）` : ''}`;
  return { scanId: scan.scanId, status, duplicate, purpose, code, label, message, member, at, conflict };
}

/** A scan refused before storage: an unreadable, forged, expired or foreign code, or an impossible scan time. */
export function refusedResult(
  scanId: string,
  purpose: CheckinPurposeName,
  code: string,
  member: ScanMember | null,
  message = messageOf(code),
): ScanResult {
  return { scanId, status: 'refused', duplicate: false, purpose, code, label: scanLabel('refused', purpose, code), message, member, at: null, conflict: null };
}

import {
  decideScan,
  toBase64Url,
  verifyMemberCode,
  type AttendanceRecord,
  type CheckinRules,
  type Ed25519Verify,
} from '../../../../core/checkin';
import type { ActionOutput } from '../../../../types/actions';
import { SCAN_CONFLICT_LABELS, scanLabel, type CheckinPurposeName, type ScanConflict } from '../../../../types/checkin';
import { ERROR_CODES } from '../../../../types/errors';
import type { AttendanceCountsView, OfflineMember, ScanResult } from '../../../../types/models';

/**
 * The officer's scanner without a network, as pure functions (no Taro, no clock, no storage: the store passes them
 * in, and tests/unit/offline-scanner.test.ts runs them in node). A scan is judged with the domain's own rules —
 * verifyMemberCode and decideScan, the code the server judges with — against the downloaded package (trusted keys,
 * confirmed members with their pass numbers) and this phone's record of who it has already checked in, so the
 * officer sees the same label offline as online. Recorded scans wait in a queue, keyed by their scan id (the nonce
 * that makes the upload idempotent), until they can be uploaded with their own time.
 */

export type CheckinPackage = ActionOutput<'getCheckinPackage'>;

/** The package as kept on the phone: the download, and when this phone saved it (its own clock). */
export interface StoredPackage extends CheckinPackage {
  savedAt: string;
}

/** Who this phone knows to be checked in or out, by student number (from the download, online answers, and offline scans). */
export type LocalAttendance = Record<string, { checkedInAt: string | null; checkedOutAt: string | null }>;

/** A scan recorded offline, waiting to be uploaded. */
export interface QueuedScan {
  scanId: string;
  eventId: string;
  code: string;
  purpose: CheckinPurposeName;
  /** The phone's time of the scan: sent as scannedAt, and the attendance time the server keeps. */
  scannedAt: string;
  /** For the upload report. */
  studentNo: string;
  name: string;
}

/** What the scanner shows after a scan: the server's answer, or the phone's own judgement when offline. */
export interface ShownResult extends ScanResult {
  /** Judged on this phone (no network): queued for upload when recorded. */
  offline: boolean;
  /** The student number read from the code, when it could be read (also for members not in the package). */
  studentNo: string | null;
}

/** The package indexed for scanning: built once per download. */
export interface PreparedPackage {
  eventId: string;
  rules: CheckinRules;
  trustedKeys: Readonly<Record<string, Uint8Array>>;
  members: ReadonlyMap<string, OfflineMember>;
}

/**
 * Scans per upload request. The API takes up to 500, but on CloudBase each recorded scan is about 6 database
 * operations in its own transaction: 100 keep one call to a few seconds, far inside the function's 20 s timeout and
 * the callFunction payload limit, and a batch that fails costs little to resend (stored scans answer as duplicates).
 */
export const MAX_UPLOAD_BATCH = 100;
/** The same code seen again by a continuously scanning camera within this time is the same scan. */
export const REPEAT_WINDOW_MS = 2000;

/** The account recorded for a scan made offline is the uploader's: the server sets it; this is only for decideScan. */
const OFFLINE_BY = 'this-phone';

/** A scan nonce: 16 random bytes, base64url (22 characters of [A-Za-z0-9_-]). */
export function newScanId(randomBytes: (n: number) => Uint8Array = defaultRandomBytes): string {
  return toBase64Url(randomBytes(16));
}

function defaultRandomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  // Browsers have crypto.getRandomValues; the mini program's engine has no synchronous one (and older ones lack
  // globalThis): a nonce needs to be unique, not secret, so Math.random mixed with the clock will do there.
  const c = typeof crypto !== 'undefined' ? (crypto as { getRandomValues?: (a: Uint8Array) => Uint8Array }) : undefined;
  if (c?.getRandomValues) return c.getRandomValues(out);
  const t = Date.now();
  for (let i = 0; i < n; i++) out[i] = (Math.floor(Math.random() * 256) ^ (t >> ((i % 4) * 8))) & 0xff;
  return out;
}

export function preparePackage(pkg: CheckinPackage, decodeKeys: (keys: CheckinPackage['keys']) => Record<string, Uint8Array>): PreparedPackage {
  const e = pkg.event;
  return {
    eventId: e.id,
    rules: {
      id: e.id,
      status: e.status,
      startAt: e.startAt,
      endAt: e.endAt,
      checkinStartAt: e.checkinStartAt,
      checkinEndAt: e.checkinEndAt,
      checkoutEndAt: e.checkoutEndAt,
      checkoutRequired: e.checkoutRequired,
      minStayRatio: e.minStayRatio,
      allowWalkIns: e.allowWalkIns,
    },
    trustedKeys: decodeKeys(pkg.keys),
    members: new Map(pkg.members.map((m) => [m.studentNo, m])),
  };
}

/** The attendance the download carries: the starting point of this phone's own record. */
export function attendanceOfPackage(pkg: CheckinPackage): LocalAttendance {
  const out: LocalAttendance = {};
  for (const m of pkg.members) {
    if (m.checkedInAt || m.checkedOutAt) out[m.studentNo] = { checkedInAt: m.checkedInAt, checkedOutAt: m.checkedOutAt };
  }
  return out;
}

/**
 * A fresh download replaces what the server knew; the scans this phone recorded and has not uploaded yet are laid
 * over it (the server cannot know them), so a member scanned offline still reads 已签到 after a new download.
 */
export function mergeAttendance(fromServer: LocalAttendance, queue: readonly QueuedScan[], eventId: string): LocalAttendance {
  let out = fromServer;
  for (const q of queue) if (q.eventId === eventId) out = applyScan(out, q.studentNo, q.purpose, q.scannedAt);
  return out;
}

function attendanceRecord(eventId: string, studentNo: string, local: LocalAttendance[string] | undefined): AttendanceRecord | null {
  if (!local || (!local.checkedInAt && !local.checkedOutAt)) return null;
  return {
    eventId,
    studentNo,
    walkIn: false,
    checkedInAt: local.checkedInAt,
    checkedInBy: null,
    checkinMethod: local.checkedInAt ? 'member_code' : null,
    checkedOutAt: local.checkedOutAt,
    checkedOutBy: null,
    checkoutMethod: local.checkedOutAt ? 'member_code' : null,
    updatedAt: local.checkedOutAt ?? local.checkedInAt ?? '',
  };
}

function messageOfCode(code: string | null): string {
  return (code && (ERROR_CODES as Record<string, { message: string }>)[code]?.message) || '';
}

export interface OfflineJudgement {
  result: ShownResult;
  /** Set when the scan changes attendance: queue it and apply it to the local record. */
  queued: QueuedScan | null;
}

/**
 * Judges one scanned code on the phone, as the server would have at `now` (the phone's clock). Only a scan that
 * records something is queued: a refusal or 已签到 tells the officer what to do at the door and needs no upload.
 */
export function judgeOffline(input: {
  pkg: PreparedPackage;
  attendance: LocalAttendance;
  code: string;
  purpose: CheckinPurposeName;
  now: Date;
  scanId: string;
  verify: Ed25519Verify;
}): OfflineJudgement {
  const { pkg, attendance, purpose, now, scanId, verify } = input;
  const code = input.code.trim();
  const refused = (refusal: string, studentNo: string | null): OfflineJudgement => {
    const member = studentNo ? pkg.members.get(studentNo) : undefined;
    return {
      result: {
        scanId,
        status: 'refused',
        duplicate: false,
        purpose,
        code: refusal,
        label: scanLabel('refused', purpose, refusal),
        message: messageOfCode(refusal),
        member: member ? { studentNo: member.studentNo, name: member.name, className: member.className } : null,
        at: null,
        conflict: null,
        offline: true,
        studentNo,
      },
      queued: null,
    };
  };

  const check = verifyMemberCode(code, { eventId: pkg.eventId, purpose, at: now, trustedKeys: pkg.trustedKeys }, verify);
  if (!check.ok) return refused(check.code, check.claims?.s ?? null);
  const { s: studentNo, q: passSeq } = check.claims;
  const member = pkg.members.get(studentNo);
  // The package lists confirmed registrations only: anyone else did not (or no longer) hold a seat.
  const registration = member ? { status: 'confirmed' as const, passSeq: member.passSeq } : null;
  const decision = decideScan(
    pkg.rules,
    registration,
    attendanceRecord(pkg.eventId, studentNo, attendance[studentNo]),
    { studentNo, purpose, at: now, by: OFFLINE_BY, method: 'member_code', passSeq },
    now,
  );
  if (decision.kind === 'refuse') return refused(decision.code, studentNo);
  const shownMember = member ? { studentNo, name: member.name, className: member.className } : null;
  const recordedAt = purpose === 'in' ? decision.attendance.checkedInAt : decision.attendance.checkedOutAt;
  const result: ShownResult = {
    scanId,
    status: decision.kind === 'record' ? 'recorded' : 'already',
    duplicate: false,
    purpose,
    code: null,
    label: scanLabel(decision.kind === 'record' ? 'recorded' : 'already', purpose, null),
    message: decision.kind === 'record' ? '已在本机记录，联网后自动上传' : '本机已记录过该同学',
    member: shownMember,
    at: recordedAt,
    conflict: null,
    offline: true,
    studentNo,
  };
  if (decision.kind === 'already') return { result, queued: null };
  return {
    result,
    queued: { scanId, eventId: pkg.eventId, code, purpose, scannedAt: now.toISOString(), studentNo, name: member?.name ?? studentNo },
  };
}

/** This phone's record after a scan that checked someone in or out (online or offline). */
export function applyScan(attendance: LocalAttendance, studentNo: string, purpose: CheckinPurposeName, at: string): LocalAttendance {
  const before = attendance[studentNo] ?? { checkedInAt: null, checkedOutAt: null };
  const after = purpose === 'in' ? { ...before, checkedInAt: before.checkedInAt ?? at } : { ...before, checkedOutAt: before.checkedOutAt ?? at };
  return { ...attendance, [studentNo]: after };
}

/** What an online answer teaches the phone: recorded or already means the member is on record at `at`. */
export function learnFromResult(attendance: LocalAttendance, result: Pick<ScanResult, 'status' | 'purpose' | 'member' | 'at'>): LocalAttendance {
  if (result.status === 'refused' || !result.member || !result.at) return attendance;
  return applyScan(attendance, result.member.studentNo, result.purpose, result.at);
}

/**
 * This phone's record after an upload: what the server recorded is on record; a scan it refused (registration
 * cancelled meanwhile, a revoked pass) is not, so the phone forgets what it had shown for it.
 */
export function learnFromUpload(attendance: LocalAttendance, sent: readonly QueuedScan[], results: readonly ScanResult[]): LocalAttendance {
  let out = attendance;
  const byId = new Map(sent.map((q) => [q.scanId, q]));
  for (const r of results) {
    const q = byId.get(r.scanId);
    if (r.status !== 'refused') {
      out = learnFromResult(out, r);
      continue;
    }
    const mine = q && out[q.studentNo];
    if (!q || !mine) continue;
    out = { ...out, [q.studentNo]: q.purpose === 'in' ? { checkedInAt: null, checkedOutAt: null } : { ...mine, checkedOutAt: null } };
  }
  return out;
}

/** Counts to show while scans wait: the server's last counts plus what this phone recorded and has not uploaded. */
export function countsWithQueue(counts: AttendanceCountsView, queue: readonly QueuedScan[], eventId: string): AttendanceCountsView {
  let checkedIn = counts.checkedIn;
  let checkedOut = counts.checkedOut;
  for (const q of queue) {
    if (q.eventId !== eventId) continue;
    if (q.purpose === 'in') checkedIn++;
    else checkedOut++;
  }
  return { registered: counts.registered, checkedIn, checkedOut };
}

/** Upload batches: one event per request, at most MAX_UPLOAD_BATCH scans each, oldest first. */
export function uploadBatches(queue: readonly QueuedScan[], max = MAX_UPLOAD_BATCH): Array<{ eventId: string; scans: QueuedScan[] }> {
  const byEvent = new Map<string, QueuedScan[]>();
  for (const q of [...queue].sort((a, b) => a.scannedAt.localeCompare(b.scannedAt))) {
    const list = byEvent.get(q.eventId) ?? [];
    list.push(q);
    byEvent.set(q.eventId, list);
  }
  const out: Array<{ eventId: string; scans: QueuedScan[] }> = [];
  for (const [eventId, scans] of byEvent) {
    for (let i = 0; i < scans.length; i += max) out.push({ eventId, scans: scans.slice(i, i + max) });
  }
  return out;
}

/** The request body of one batch. */
export function batchPayload(batch: { eventId: string; scans: QueuedScan[] }) {
  return {
    eventId: batch.eventId,
    scans: batch.scans.map((q) => ({ scanId: q.scanId, code: q.code, purpose: q.purpose, scannedAt: q.scannedAt, offline: true })),
  };
}

/** The queue once a batch was answered: every scan the server answered (whatever it said) leaves it. */
export function withoutAnswered(queue: readonly QueuedScan[], answeredIds: Iterable<string>): QueuedScan[] {
  const done = new Set(answeredIds);
  return queue.filter((q) => !done.has(q.scanId));
}

/** One line of the report after an upload: a scan the server did not take as the phone had shown it. */
export interface UploadProblem {
  scanId: string;
  studentNo: string;
  name: string;
  purpose: CheckinPurposeName;
  scannedAt: string;
  /** 已由其他团干部签到, 离线期间该同学取消了报名, or the server's refusal label. */
  label: string;
  message: string;
  kind: 'conflict' | 'refused';
}

export interface UploadReport {
  uploaded: number;
  /** Recorded by the server as the phone showed them (including retries it had already seen). */
  accepted: number;
  problems: UploadProblem[];
}

/** Compares the server's answers with what the phone showed (签到成功 for every queued scan). */
export function reportOfUpload(sent: readonly QueuedScan[], results: readonly ScanResult[]): UploadReport {
  const byId = new Map(results.map((r) => [r.scanId, r]));
  const problems: UploadProblem[] = [];
  let accepted = 0;
  for (const q of sent) {
    const r = byId.get(q.scanId);
    if (!r) continue;
    const base = { scanId: q.scanId, studentNo: q.studentNo, name: r.member?.name ?? q.name, purpose: q.purpose, scannedAt: q.scannedAt };
    if (r.conflict) {
      problems.push({ ...base, kind: 'conflict', label: SCAN_CONFLICT_LABELS[r.conflict as ScanConflict] ?? r.label, message: r.message });
    } else if (r.status === 'refused') {
      problems.push({ ...base, kind: 'refused', label: r.label, message: r.message });
    } else accepted++;
  }
  return { uploaded: results.length, accepted, problems };
}

export function mergeReports(a: UploadReport | null, b: UploadReport): UploadReport {
  if (!a) return b;
  return { uploaded: a.uploaded + b.uploaded, accepted: a.accepted + b.accepted, problems: [...a.problems, ...b.problems] };
}

/**
 * A camera that scans continuously reports the same code many times a second while it is in view: a code seen
 * within REPEAT_WINDOW_MS of the last sighting is the same scan (the window slides while the code stays in view).
 */
export class RepeatFilter {
  private readonly seen = new Map<string, number>();
  constructor(private readonly windowMs = REPEAT_WINDOW_MS) {}

  /** True when this sighting is a new scan. */
  accept(code: string, nowMs: number): boolean {
    const key = code.trim();
    const last = this.seen.get(key);
    this.seen.set(key, nowMs);
    if (this.seen.size > 64) {
      for (const [k, t] of this.seen) if (nowMs - t > this.windowMs) this.seen.delete(k);
    }
    return last === undefined || nowMs - last > this.windowMs;
  }
}

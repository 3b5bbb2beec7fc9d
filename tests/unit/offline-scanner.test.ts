import { ed25519 } from '@noble/curves/ed25519';
import { composeMemberCode, signPass, toBase64Url, WINDOW_MS, type PassClaims } from '../../core/checkin';
import { decodeTrustedKeys, deviceSigner, phoneEd25519Verify } from '../../src/shared/services/checkin-crypto';
import {
  RepeatFilter,
  applyScan,
  attendanceOfPackage,
  batchPayload,
  countsWithQueue,
  judgeOffline,
  learnFromResult,
  learnFromUpload,
  mergeAttendance,
  newScanId,
  preparePackage,
  reportOfUpload,
  uploadBatches,
  withoutAnswered,
  type CheckinPackage,
  type LocalAttendance,
  type QueuedScan,
} from '../../src/packages/officer/services/offline-scanner';
import { SCAN_CONFLICT_LABELS } from '../../types/checkin';
import type { ScanResult } from '../../types/models';

/**
 * The officer's phone with no network: it judges member codes with the domain's own rules against the downloaded
 * package, keeps the scans, and uploads them later. Keys are made here with @noble/curves, as the phone verifies.
 */
const NOW = new Date('2026-03-05T06:10:00.000Z');
const EVENT_ID = 'e-lecture-now';

const serverSeed = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
const otherSeed = Uint8Array.from({ length: 32 }, (_, i) => 200 - i);
const keyOf = (seed: Uint8Array) => toBase64Url(ed25519.getPublicKey(seed));

function device(n: number) {
  const seed = Uint8Array.from({ length: 32 }, (_, i) => (i * 7 + n) & 0xff);
  return { seed: toBase64Url(seed), publicKey: keyOf(seed) };
}

/** A member code as the student's app shows it at `at`. */
function memberCode(opts: {
  studentNo: string;
  at?: Date;
  purpose?: 'in' | 'out';
  eventId?: string;
  passSeq?: number;
  signedBy?: { kid: string; seed: Uint8Array };
}): string {
  const dev = device(Number(opts.studentNo.slice(-2)));
  const signer = opts.signedBy ?? { kid: 'k1', seed: serverSeed };
  const claims: PassClaims = {
    v: 1,
    k: signer.kid,
    e: opts.eventId ?? EVENT_ID,
    s: opts.studentNo,
    q: opts.passSeq ?? 1,
    p: dev.publicKey,
    x: Math.floor(NOW.getTime() / 1000) + 86_400,
  };
  const pass = signPass(claims, (m) => ed25519.sign(m, signer.seed));
  return composeMemberCode(pass, opts.at ?? NOW, opts.purpose ?? 'in', deviceSigner(dev.seed));
}

function makePackage(overrides: Partial<CheckinPackage['event']> = {}): CheckinPackage {
  return {
    event: {
      id: EVENT_ID,
      title: '百生讲坛：青年与时代',
      category: 'lecture',
      tag: '团支部赛道',
      organizer: '23级软件技术1班团支部',
      location: '图书馆报告厅',
      status: 'published',
      startAt: '2026-03-05T06:00:00.000Z',
      endAt: '2026-03-05T08:00:00.000Z',
      checkinStartAt: '2026-03-05T05:30:00.000Z',
      checkinEndAt: '2026-03-05T08:00:00.000Z',
      checkoutEndAt: '2026-03-05T09:00:00.000Z',
      checkoutRequired: true,
      minStayRatio: 0.6,
      allowWalkIns: false,
      geofence: null,
      ...overrides,
    },
    keys: [{ kid: 'k1', publicKey: keyOf(serverSeed) }],
    members: [
      { studentNo: '2023011101', name: '李明', className: '23级软件技术1班', passSeq: 1, checkedInAt: null, checkedOutAt: null },
      { studentNo: '2023011103', name: '王芳', className: '23级软件技术1班', passSeq: 2, checkedInAt: null, checkedOutAt: null },
      { studentNo: '2023011104', name: '张伟', className: '23级软件技术1班', passSeq: 1, checkedInAt: '2026-03-05T05:50:00.000Z', checkedOutAt: null },
    ],
    counts: { registered: 3, checkedIn: 1, checkedOut: 0 },
    downloadedAt: '2026-03-05T05:00:00.000Z',
  };
}

function judge(code: string, opts: { attendance?: LocalAttendance; purpose?: 'in' | 'out'; now?: Date; pkg?: CheckinPackage } = {}) {
  const pkg = opts.pkg ?? makePackage();
  return judgeOffline({
    pkg: preparePackage(pkg, decodeTrustedKeys),
    attendance: opts.attendance ?? attendanceOfPackage(pkg),
    code,
    purpose: opts.purpose ?? 'in',
    now: opts.now ?? NOW,
    scanId: 'scan-0001',
    verify: phoneEd25519Verify,
  });
}

describe('judging a member code offline', () => {
  it('checks in a confirmed member with a live code and queues the scan with its own time', () => {
    const { result, queued } = judge(memberCode({ studentNo: '2023011101' }));
    expect(result).toMatchObject({ status: 'recorded', label: '签到成功', offline: true, member: { name: '李明', className: '23级软件技术1班' } });
    expect(queued).toMatchObject({ scanId: 'scan-0001', eventId: EVENT_ID, purpose: 'in', scannedAt: NOW.toISOString(), studentNo: '2023011101' });
  });

  it('says 已签到 for a second scan of the same member on this phone, and queues nothing', () => {
    const pkg = makePackage();
    const first = judge(memberCode({ studentNo: '2023011101' }), { pkg });
    const attendance = applyScan(attendanceOfPackage(pkg), '2023011101', 'in', first.queued!.scannedAt);
    const later = new Date(NOW.getTime() + 40_000);
    const second = judge(memberCode({ studentNo: '2023011101', at: later }), { pkg, attendance, now: later });
    expect(second.result).toMatchObject({ status: 'already', label: '已签到', at: NOW.toISOString() });
    expect(second.queued).toBeNull();
  });

  it('says 已签到 for a member the download already shows as checked in', () => {
    expect(judge(memberCode({ studentNo: '2023011104' })).result.label).toBe('已签到');
  });

  it('refuses a code two windows old as 码已过期, naming the member', () => {
    const old = new Date(NOW.getTime() - 2 * WINDOW_MS);
    const { result, queued } = judge(memberCode({ studentNo: '2023011101', at: old }));
    expect(result).toMatchObject({ status: 'refused', code: 'CHECKIN_CODE_EXPIRED', label: '码已过期', member: { name: '李明' } });
    expect(result.message).toContain('截图无效');
    expect(queued).toBeNull();
  });

  it('accepts the previous window (scanning latency) but not a code from the future beyond it', () => {
    expect(judge(memberCode({ studentNo: '2023011101', at: new Date(NOW.getTime() - WINDOW_MS) })).result.label).toBe('签到成功');
    const ahead = judge(memberCode({ studentNo: '2023011101', at: new Date(NOW.getTime() + 3 * WINDOW_MS) }));
    expect(ahead.result.code).toBe('CHECKIN_CODE_NOT_YET_VALID');
  });

  it('refuses another event\'s code as 非本活动', () => {
    expect(judge(memberCode({ studentNo: '2023011101', eventId: 'e-other' })).result).toMatchObject({ code: 'CHECKIN_CODE_WRONG_EVENT', label: '非本活动' });
  });

  it('refuses a check-in code when scanning check-outs, and the reverse', () => {
    const attendance = applyScan({}, '2023011101', 'in', NOW.toISOString());
    expect(judge(memberCode({ studentNo: '2023011101' }), { purpose: 'out', attendance }).result.code).toBe('CHECKIN_CODE_WRONG_PURPOSE');
  });

  it('refuses a code with one changed byte, whichever byte', () => {
    const code = memberCode({ studentNo: '2023011101' });
    for (let i = 3; i < code.length; i += 17) {
      const c = code[i] === 'A' ? 'B' : 'A';
      const tampered = code.slice(0, i) + c + code.slice(i + 1);
      const { result } = judge(tampered);
      expect(result.status).toBe('refused');
      expect(result.code).toMatch(/^CHECKIN_CODE_(FORGED|MALFORMED|UNTRUSTED_KEY)$/);
    }
  });

  it('refuses a pass signed by a key the package does not trust', () => {
    const code = memberCode({ studentNo: '2023011101', signedBy: { kid: 'k1', seed: otherSeed } });
    expect(judge(code).result).toMatchObject({ code: 'CHECKIN_CODE_FORGED', label: '无效的码' });
    const unknownKid = memberCode({ studentNo: '2023011101', signedBy: { kid: 'k9', seed: otherSeed } });
    expect(judge(unknownKid).result).toMatchObject({ code: 'CHECKIN_CODE_UNTRUSTED_KEY', label: '密钥不受信任' });
  });

  it('refuses what is not a member code at all', () => {
    expect(judge('https://example.com/').result).toMatchObject({ code: 'CHECKIN_CODE_MALFORMED', label: '无法识别', member: null });
  });

  it('refuses a student who is not in the package (no confirmed registration) as 未报名', () => {
    const { result } = judge(memberCode({ studentNo: '2023011199' }));
    expect(result).toMatchObject({ code: 'CHECKIN_NOT_REGISTERED', label: '未报名', member: null, studentNo: '2023011199' });
  });

  it('refuses a pass older than the registration\'s latest (re-issued on another phone) as 码已作废', () => {
    expect(judge(memberCode({ studentNo: '2023011103', passSeq: 1 })).result).toMatchObject({ code: 'CHECKIN_CODE_REVOKED', label: '码已作废' });
  });

  it('refuses outside the check-in window as 不在签到时间', () => {
    const early = new Date('2026-03-05T05:00:00.000Z');
    expect(judge(memberCode({ studentNo: '2023011101', at: early }), { now: early }).result.label).toBe('不在签到时间');
  });

  it('checks out only someone checked in', () => {
    const out = memberCode({ studentNo: '2023011101', purpose: 'out' });
    expect(judge(out, { purpose: 'out' }).result).toMatchObject({ code: 'CHECKIN_NOT_CHECKED_IN', label: '尚未签到' });
    const attendance = applyScan({}, '2023011101', 'in', '2026-03-05T06:00:00.000Z');
    expect(judge(out, { purpose: 'out', attendance }).result).toMatchObject({ status: 'recorded', label: '签退成功' });
  });
});

describe('this phone\'s record', () => {
  it('learns from online answers: recorded and already mark the member, refusals do not', () => {
    const member = { studentNo: '2023011101', name: '李明', className: '23级软件技术1班' };
    const base = { purpose: 'in' as const, member, at: NOW.toISOString() };
    expect(learnFromResult({}, { ...base, status: 'recorded' })['2023011101'].checkedInAt).toBe(NOW.toISOString());
    expect(learnFromResult({}, { ...base, status: 'already' })['2023011101'].checkedInAt).toBe(NOW.toISOString());
    expect(learnFromResult({}, { ...base, status: 'refused', at: null })).toEqual({});
  });

  it('keeps offline scans that are not uploaded yet over a fresh download', () => {
    const queue = [queued('a', '2023011101', 'in')];
    const merged = mergeAttendance({ '2023011104': { checkedInAt: 'x', checkedOutAt: null } }, queue, EVENT_ID);
    expect(merged['2023011101'].checkedInAt).toBe(queue[0].scannedAt);
    expect(merged['2023011104'].checkedInAt).toBe('x');
  });

  it('counts queued scans on top of the server\'s last counts', () => {
    const queue = [queued('a', '1', 'in'), queued('b', '2', 'in'), queued('c', '3', 'out'), { ...queued('d', '4', 'in'), eventId: 'e-other' }];
    expect(countsWithQueue({ registered: 120, checkedIn: 85, checkedOut: 3 }, queue, EVENT_ID)).toEqual({ registered: 120, checkedIn: 87, checkedOut: 4 });
  });
});

function queued(scanId: string, studentNo: string, purpose: 'in' | 'out', minute = 0): QueuedScan {
  return {
    scanId,
    eventId: EVENT_ID,
    code: `Y1.code-of-${studentNo}`,
    purpose,
    scannedAt: new Date(NOW.getTime() + minute * 60_000).toISOString(),
    studentNo,
    name: `学生${studentNo}`,
  };
}

function answer(q: QueuedScan, overrides: Partial<ScanResult> = {}): ScanResult {
  return {
    scanId: q.scanId,
    status: 'recorded',
    duplicate: false,
    purpose: q.purpose,
    code: null,
    label: '签到成功',
    message: '',
    member: { studentNo: q.studentNo, name: q.name, className: '23级软件技术1班' },
    at: q.scannedAt,
    conflict: null,
    ...overrides,
  };
}

describe('uploading the queue', () => {
  it('sends at most 100 scans per request, one event per request, oldest first', () => {
    const queue = Array.from({ length: 203 }, (_, i) => queued(`s${i}`, String(i), 'in', 203 - i));
    queue.push({ ...queued('other', '9', 'in', 2000), eventId: 'e-other' });
    const batches = uploadBatches(queue);
    expect(batches.map((b) => [b.eventId, b.scans.length])).toEqual([
      [EVENT_ID, 100],
      [EVENT_ID, 100],
      [EVENT_ID, 3],
      ['e-other', 1],
    ]);
    expect(batches[0].scans[0].scanId).toBe('s202');
    expect(batchPayload(batches[3])).toEqual({
      eventId: 'e-other',
      scans: [{ scanId: 'other', code: 'Y1.code-of-9', purpose: 'in', scannedAt: queue[queue.length - 1].scannedAt, offline: true }],
    });
  });

  it('drops every answered scan from the queue and keeps the rest', () => {
    const queue = [queued('a', '1', 'in'), queued('b', '2', 'in'), queued('c', '3', 'in')];
    expect(withoutAnswered(queue, ['a', 'c']).map((q) => q.scanId)).toEqual(['b']);
  });

  it('reports conflicts and refusals, and counts retries the server had already seen as accepted', () => {
    const sent = [queued('a', '1', 'in'), queued('b', '2', 'in'), queued('c', '3', 'in'), queued('d', '4', 'in')];
    const report = reportOfUpload(sent, [
      answer(sent[0]),
      answer(sent[1], { status: 'already', label: '已签到', conflict: 'scanned_by_other' }),
      answer(sent[2], { status: 'refused', code: 'CHECKIN_REGISTRATION_CANCELLED', label: '已取消报名', conflict: 'registration_cancelled' }),
      answer(sent[3], { duplicate: true }),
    ]);
    expect(report.uploaded).toBe(4);
    expect(report.accepted).toBe(2);
    expect(report.problems.map((p) => [p.studentNo, p.kind, p.label])).toEqual([
      ['2', 'conflict', SCAN_CONFLICT_LABELS.scanned_by_other],
      ['3', 'conflict', SCAN_CONFLICT_LABELS.registration_cancelled],
    ]);
  });

  it('reports a scan the server refused without a conflict with its label', () => {
    const sent = [queued('a', '1', 'in')];
    const report = reportOfUpload(sent, [answer(sent[0], { status: 'refused', code: 'SCAN_TIME_INVALID', label: '扫码时间有误' })]);
    expect(report.problems).toMatchObject([{ kind: 'refused', label: '扫码时间有误' }]);
  });
});

describe('continuous scanning', () => {
  it('takes the same code once while it stays in view, and again after a pause of more than 2 s', () => {
    const filter = new RepeatFilter();
    expect(filter.accept('code-1', 0)).toBe(true);
    expect(filter.accept('code-1', 500)).toBe(false);
    expect(filter.accept('code-1', 2400)).toBe(false); // still in view: the window slides
    expect(filter.accept('code-2', 2500)).toBe(true);
    expect(filter.accept('code-1', 5000)).toBe(true);
  });

  it('makes scan ids the server accepts, all different', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newScanId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  });
});

describe('after an upload', () => {
  it('keeps on this phone what the server recorded and forgets what it refused', () => {
    const inA = queued('a', '2023011101', 'in');
    const inB = queued('b', '2023011103', 'in');
    const outC = queued('c', '2023011104', 'out');
    let attendance: LocalAttendance = {};
    for (const q of [inA, inB]) attendance = applyScan(attendance, q.studentNo, q.purpose, q.scannedAt);
    attendance = applyScan(applyScan(attendance, '2023011104', 'in', '2026-03-05T05:50:00.000Z'), '2023011104', 'out', outC.scannedAt);
    const after = learnFromUpload(attendance, [inA, inB, outC], [
      answer(inA),
      answer(inB, { status: 'refused', code: 'CHECKIN_REGISTRATION_CANCELLED', conflict: 'registration_cancelled', at: null }),
      answer(outC, { status: 'refused', code: 'SCAN_TIME_INVALID', at: null }),
    ]);
    expect(after['2023011101'].checkedInAt).toBe(inA.scannedAt);
    expect(after['2023011103']).toEqual({ checkedInAt: null, checkedOutAt: null });
    expect(after['2023011104']).toEqual({ checkedInAt: '2026-03-05T05:50:00.000Z', checkedOutAt: null });
  });
});

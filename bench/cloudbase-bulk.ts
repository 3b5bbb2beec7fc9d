import { randomUUID } from 'node:crypto';
import { DEFAULT_CREDIT_MODULES, type RegistrationRecord } from '../core';
import { MAX_SCANS_PER_CALL } from '../types/bulk';
import { dispatch, type HandlerContext } from '../server/dispatch';
import { generateKeyringConfig, keyringFromConfig } from '../server/security/checkin-keys';
import { CloudbaseStorage } from '../server/storage/cloudbase/cloudbase-storage';
import { eventToDoc, studentToDoc } from '../server/storage/cloudbase/documents';
import { CloudbaseFileStore } from '../server/storage/cloudbase/file-store';
import type { WxCloudStorage } from '../server/storage/cloudbase/wx-storage';
import { CloudbaseBackend, checkCloudFunctionResult, createRealSdkDatabase, realCloud } from '../tests/support/cloudbase-backend';
import { pinStorageTransport, StorageBackend } from '../tests/support/cloudbase-storage';
import { studentPhone } from '../tests/support/checkin-phone';
import { NOW, makeEvent, makeStudent } from '../tests/support/factories';
import { buildCsv, rosterRows } from '../tests/support/roster-files';

/**
 * The child process of bench/cloudbase-bulk.mjs: one scenario of the committee's and officers' bulk work, on the REAL
 * wx-server-sdk — its database over the in-process backend (tests/support/cloudbase-backend) and its cloud storage
 * over the in-process storage (tests/support/cloudbase-storage), LATENCY_MS per request (20 by default) — through
 * `dispatch` as the `api` function runs it, each call as the page makes it. Prints one JSON line: the calls, the
 * wall time of each and in all, the requests by action, and the largest request and answer a mini program would
 * carry (the 1 MB result limit of a function: checkCloudFunctionResult).
 *   roster <rows>        upload a CSV of <rows> new students in parts, importRoster (commit), continueJob until done
 *   scans <n>            an officer's offline queue of <n> check-ins, sent MAX_SCANS_PER_CALL (100) a call
 *   credits <students>   getCreditOverview and exportCredits of the whole school (6 ledger entries per student, their
 *                        totals as the backfill leaves them); and the backfill itself (rebuildCreditTotals) of
 *                        BACKFILL_STUDENTS (2,000) students
 *   college <students>   exportData of a college's registrations (10 events, every student signed up to each)
 * The code before the rework was measured with this file's first version (commit de1b13f), which sent the roster
 * inline, the 500 scans in one call, and had no totals to read.
 */
const LATENCY_MS = Number(process.env.LATENCY_MS ?? 20);
const BACKFILL_STUDENTS = Number(process.env.BACKFILL_STUDENTS ?? 2_000);
const ADMIN = 'bench-admin';

interface Call {
  action: string;
  ms: number;
  requestBytes: number;
  resultBytes: number;
}

async function world() {
  await pinStorageTransport();
  const backend = new CloudbaseBackend({ latencyMs: LATENCY_MS });
  const cloudStorage = new StorageBackend({ latencyMs: LATENCY_MS });
  const db = createRealSdkDatabase(backend, { throwOnNotFound: false });
  const storage = new CloudbaseStorage(db);
  const files = new CloudbaseFileStore(realCloud() as unknown as WxCloudStorage, db);
  const keys = keyringFromConfig(generateKeyringConfig('kbench'));
  const calls: Call[] = [];
  const ctxOf = (openid: string): HandlerContext => ({
    storage, caller: { kind: 'wechat', openid }, now: () => NOW, demoMode: false, checkinKeys: keys, idHashKey: 'bench-id-hash-key', files,
  });
  /** One call as the page makes it, timed; a refusal fails the bench. */
  const call = async (action: string, payload: unknown, openid = ADMIN): Promise<any> => {
    const t0 = performance.now();
    const result = await dispatch({ action, payload }, ctxOf(openid));
    const ms = performance.now() - t0;
    if (!result.ok) throw new Error(`${action} refused: ${JSON.stringify(result).slice(0, 400)}`);
    // An answer over 1 MB would fail on CloudBase (-604001): recorded (resultsOver1MB), so the figures show it.
    const checked = checkCloudFunctionResult(result);
    calls.push({ action, ms, requestBytes: Buffer.byteLength(JSON.stringify({ action, payload })), resultBytes: checked.bytes });
    return result.data;
  };
  const grantAdmin = () =>
    storage.grantRole(
      { openid: ADMIN, role: 'committee_admin', scope: '', grantedBy: 'system', grantedAt: NOW.toISOString() },
      { at: NOW.toISOString(), actor: 'system', action: 'grantRole', target: ADMIN, detail: '{}' },
    );
  /** Runs `fn` with every counter reset first; answers the calls it made, wall time and requests (database + storage). */
  const measured = async <T>(fn: () => Promise<T>) => {
    backend.resetCounters();
    cloudStorage.resetCounters();
    calls.length = 0;
    const t0 = performance.now();
    const value = await fn();
    const ms = performance.now() - t0;
    const c = backend.counters();
    const byAction = { ...c.byAction, ...Object.fromEntries(Object.entries(cloudStorage.counters).map(([k, n]) => [`storage ${k}`, n])) };
    return {
      value,
      ms,
      calls: calls.length,
      slowestCallMs: Math.max(0, ...calls.map((x) => x.ms)),
      requests: c.requests + cloudStorage.requests(),
      byAction,
      largestRequestBytes: Math.max(0, ...calls.map((x) => x.requestBytes)),
      largestResultBytes: Math.max(0, ...calls.map((x) => x.resultBytes)),
      resultsOver1MB: calls.filter((x) => x.resultBytes > 1024 * 1024).length,
      byCall: summarizeCalls(calls),
    };
  };
  return { backend, storage, call, grantAdmin, measured };
}

/** Per action: how many calls, and the slowest. */
function summarizeCalls(calls: readonly Call[]) {
  const out: Record<string, { calls: number; slowestMs: number; totalMs: number }> = {};
  for (const c of calls) {
    const row = (out[c.action] ??= { calls: 0, slowestMs: 0, totalMs: 0 });
    row.calls++;
    row.slowestMs = Math.max(row.slowestMs, c.ms);
    row.totalMs += c.ms;
  }
  return out;
}

/** The page's upload: startUpload, the parts 4 at a time, finishUpload. */
async function uploadFile(call: (action: string, payload: unknown) => Promise<any>, purpose: string, fileName: string, bytes: Uint8Array) {
  const started = await call('startUpload', { purpose, fileName, size: bytes.length });
  let next = 0;
  const worker = async () => {
    while (next < started.parts) {
      const i = next++;
      const part = Buffer.from(bytes).subarray(i * started.partBytes, (i + 1) * started.partBytes);
      await call('uploadPart', { uploadId: started.uploadId, index: i, dataBase64: part.toString('base64') });
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return (await call('finishUpload', { uploadId: started.uploadId })).fileId as string;
}

async function roster(rows: number) {
  const { call, grantAdmin, measured } = await world();
  await grantAdmin();
  const file = buildCsv(rosterRows(rows));
  const m = await measured(async () => {
    const fileId = await uploadFile(call, 'roster', '名单.csv', file);
    let job = (await call('importRoster', { fileId, commit: true })).job;
    while (job.status === 'running') job = await call('continueJob', { jobId: job.jobId });
    return job;
  });
  const { value: job, ...figures } = m;
  return { scenario: 'roster', rows, fileBytes: file.length, job: { status: job.status, done: job.done, chunks: job.chunks, report: job.report }, ...figures };
}

async function scans(n: number) {
  const { backend, storage, call, measured } = await world();
  const students = Array.from({ length: n }, (_, k) => makeStudent(k + 1, { studentNo: `S${String(k + 1).padStart(7, '0')}`, openid: `openid-s${k + 1}` }));
  for (let i = 0; i < students.length; i += 200) await storage.putStudents(students.slice(i, i + 200));
  const start = new Date(NOW.getTime() - 30 * 60_000);
  await storage.putEvents([
    makeEvent({
      id: 'ev', capacity: n + 10, seatsLeft: 10, startAt: start.toISOString(), endAt: new Date(NOW.getTime() + 90 * 60_000).toISOString(),
      signupStartAt: new Date(NOW.getTime() - 72 * 3_600_000).toISOString(), signupEndAt: new Date(NOW.getTime() - 60 * 60_000).toISOString(),
      cancelDeadlineAt: new Date(NOW.getTime() - 60 * 60_000).toISOString(), checkinStartAt: new Date(start.getTime() - 30 * 60_000).toISOString(),
      checkinEndAt: new Date(NOW.getTime() + 90 * 60_000).toISOString(), checkoutEndAt: new Date(NOW.getTime() + 150 * 60_000).toISOString(),
      staffOpenids: ['openid-officer'],
    }),
  ]);
  // Registrations straight into the store (set-up, not measured): every member confirmed.
  backend.seed('registrations', students.map((s) => ({ _id: `ev:${s.studentNo}`, eventId: 'ev', studentNo: s.studentNo, status: 'confirmed', waitlistSeq: 0, passSeq: 0, createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() } satisfies Omit<RegistrationRecord, 'id'> & { _id: string })));
  const phones: Array<ReturnType<typeof studentPhone>> = [];
  for (let i = 0; i < n; i += 25) {
    await Promise.all(
      students.slice(i, i + 25).map(async (s, k) => {
        const r = await call('issueCheckinPass', { eventId: 'ev' }, s.openid!);
        phones[i + k] = studentPhone(r.pass, r.deviceKey);
      }),
    );
  }
  const queue = phones.map((phone, i) => {
    const at = new Date(start.getTime() + i * 1000);
    return { scanId: randomUUID(), code: phone.code(at, 'in'), purpose: 'in', scannedAt: at.toISOString(), offline: true };
  });
  const m = await measured(async () => {
    let last: any = null;
    let recorded = 0;
    for (let i = 0; i < queue.length; i += MAX_SCANS_PER_CALL) {
      last = await call('recordScans', { eventId: 'ev', scans: queue.slice(i, i + MAX_SCANS_PER_CALL) }, 'openid-officer');
      recorded += last.results.filter((r: { status: string }) => r.status === 'recorded').length;
    }
    return { recorded, checkedIn: last.counts.checkedIn };
  });
  const { value, ...figures } = m;
  return { scenario: 'scans', scans: n, ...value, ...figures };
}

async function credits(count: number) {
  const { backend, call, grantAdmin, measured } = await world();
  await grantAdmin();
  const modules = DEFAULT_CREDIT_MODULES.map((m) => m.id);
  const students = Array.from({ length: count }, (_, k) => {
    const cls = Math.floor(k / 40) + 1;
    const college = `学院${(k % 10) + 1}`;
    return makeStudent(k, { studentNo: `X${String(k + 1).padStart(8, '0')}`, openid: null, college, className: `${college}-${cls}班`, branch: `${college}-${cls}班团支部` });
  });
  backend.seed('students', students.map((s) => studentToDoc(s) as never));
  // 6 entries a student, one per module (service with hours), in the ledger's own shape; and their totals, as the
  // ledger's writes (or the backfill) leave them.
  let seq = 1;
  const entries = students.flatMap((s, k) => modules.slice(0, 6).map((module, e) => ({
    _id: `seed:${s.studentNo}:${e}`, studentNo: s.studentNo, module, amount: 25 * (1 + ((k + e) % 8)), hours: module === 'service' ? 2 : 0,
    kind: 'award', sourceType: 'manual', eventId: null, rule: '压测', reverses: null, reason: '压测数据', confirmedBy: ADMIN, at: NOW.toISOString(), seq: seq++,
  })));
  backend.seed('ledger', entries);
  const byStudent = new Map<string, typeof entries>();
  for (const e of entries) byStudent.set(e.studentNo, [...(byStudent.get(e.studentNo) ?? []), e]);
  backend.seed('creditTotals', students.map((s) => ({
    _id: s.studentNo, studentNo: s.studentNo, v: 1,
    modules: (byStudent.get(s.studentNo) ?? []).map((e) => ({ module: e.module, amount: e.amount, hoursTenths: e.hours * 10 })),
  })));
  const overview = await measured(() => call('getCreditOverview', { groupBy: 'college' }));
  const exported = await measured(() => call('exportCredits', {}));
  // The one-off backfill, on a smaller roster (its cost is per 1,000 students): its own environment.
  const small = await world();
  await small.grantAdmin();
  const few = students.slice(0, BACKFILL_STUDENTS);
  small.backend.seed('students', few.map((s) => studentToDoc(s) as never));
  const fewNos = new Set(few.map((s) => s.studentNo));
  small.backend.seed('ledger', entries.filter((e) => fewNos.has(e.studentNo)));
  const backfill = await small.measured(async () => {
    let after: string | null | undefined;
    let changed = 0;
    do {
      const page: { next: string | null; changed: number } = await small.call('rebuildCreditTotals', after ? { after } : {});
      changed += page.changed;
      after = page.next;
    } while (after);
    return changed;
  });
  const strip = <T extends { value: unknown }>(x: T) => {
    const { value: _value, ...rest } = x;
    return rest;
  };
  return {
    scenario: 'credits', students: count, ledgerEntries: entries.length,
    overview: strip(overview), export: { ...strip(exported), rowCount: exported.value.rowCount, fileBytes: exported.value.size },
    backfill: { students: few.length, changed: backfill.value, ...strip(backfill) },
  };
}

async function college(count: number) {
  const { backend, call, grantAdmin, measured } = await world();
  await grantAdmin();
  const students = Array.from({ length: count }, (_, k) => makeStudent(k, { studentNo: `C${String(k + 1).padStart(8, '0')}`, openid: null, college: '信息工程学院', className: `计科${2401 + (k % 20)}`, branch: `计科${2401 + (k % 20)}团支部` }));
  backend.seed('students', students.map((s) => studentToDoc(s) as never));
  const events = Array.from({ length: 10 }, (_, e) => makeEvent({ id: `ev-${e}`, title: `活动${e}`, capacity: count, seatsLeft: 0, startAt: new Date(NOW.getTime() + e * 86_400_000).toISOString() }));
  backend.seed('events', events.map((e) => eventToDoc(e) as never));
  backend.seed('registrations', events.flatMap((ev) => students.map((s) => ({ _id: `${ev.id}:${s.studentNo}`, eventId: ev.id, studentNo: s.studentNo, status: 'confirmed', waitlistSeq: 0, passSeq: 0, createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() }))));
  const m = await measured(() => call('exportData', { kind: 'registrations', college: '信息工程学院' }));
  const { value, ...figures } = m;
  return { scenario: 'college', students: count, registrations: count * 10, rowCount: (value as { rowCount: number }).rowCount, ...figures };
}

async function main() {
  const [scenario, size] = process.argv.slice(2);
  const n = Number(size);
  const run = { roster, scans, credits, college }[scenario as 'roster'];
  if (!run) throw new Error(`unknown scenario ${scenario}`);
  console.log(JSON.stringify({ latencyMs: LATENCY_MS, ...(await run(n)) }));
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);

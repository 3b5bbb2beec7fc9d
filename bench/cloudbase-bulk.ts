import { randomUUID } from 'node:crypto';
import { DEFAULT_CREDIT_MODULES } from '../core';
import { dispatch, type HandlerContext } from '../server/dispatch';
import { generateKeyringConfig, keyringFromConfig } from '../server/security/checkin-keys';
import { CloudbaseStorage } from '../server/storage/cloudbase/cloudbase-storage';
import { studentToDoc } from '../server/storage/cloudbase/documents';
import { CloudbaseBackend, checkCloudFunctionResult, createRealSdkDatabase } from '../tests/support/cloudbase-backend';
import { studentPhone } from '../tests/support/checkin-phone';
import { NOW, makeEvent, makeStudent } from '../tests/support/factories';
import { buildCsv, rosterRows } from '../tests/support/roster-files';

/**
 * The child process of bench/cloudbase-bulk.mjs: one scenario of the committee's and officers' bulk work, on the REAL
 * wx-server-sdk over the in-process backend (tests/support/cloudbase-backend) with LATENCY_MS per request (20 by
 * default), through `dispatch` as the `api` function runs it. Prints one JSON line: wall time of the measured call(s),
 * requests by action, and the bytes a mini program would send and receive.
 *   roster <rows>       importRoster, commit, of a CSV of <rows> new students (the whole file in one call)
 *   scans <n>           recordScans: one officer's offline batch of <n> check-ins of <n> members
 *   credits <students>  getCreditOverview and exportCredits of the whole school, 6 ledger entries per student
 */
const LATENCY_MS = Number(process.env.LATENCY_MS ?? 20);
const ADMIN = 'bench-admin';

function world() {
  const backend = new CloudbaseBackend({ latencyMs: LATENCY_MS });
  const storage = new CloudbaseStorage(createRealSdkDatabase(backend, { throwOnNotFound: false }));
  const keys = keyringFromConfig(generateKeyringConfig('kbench'));
  const ctxOf = (openid: string): HandlerContext => ({ storage, caller: { kind: 'wechat', openid }, now: () => NOW, demoMode: false, checkinKeys: keys, idHashKey: 'bench-id-hash-key' });
  const call = async (action: string, payload: unknown, openid = ADMIN) => {
    const result = await dispatch({ action, payload }, ctxOf(openid));
    if (!result.ok) throw new Error(`${action} refused: ${JSON.stringify(result).slice(0, 400)}`);
    return result;
  };
  const grantAdmin = () =>
    storage.grantRole(
      { openid: ADMIN, role: 'committee_admin', scope: '', grantedBy: 'system', grantedAt: NOW.toISOString() },
      { at: NOW.toISOString(), actor: 'system', action: 'grantRole', target: ADMIN, detail: '{}' },
    );
  return { backend, storage, call, grantAdmin };
}

/** Runs `fn` with the backend's counters reset first; answers its wall time and the requests it made. */
async function measured<T>(backend: CloudbaseBackend, fn: () => Promise<T>) {
  backend.resetCounters();
  const t0 = performance.now();
  const value = await fn();
  const ms = performance.now() - t0;
  const c = backend.counters();
  return { value, ms, requests: c.requests, documentOps: c.documentOps, byAction: c.byAction };
}

const payloadBytes = (payload: unknown) => Buffer.byteLength(JSON.stringify({ action: 'x', payload }), 'utf8');

async function roster(rows: number) {
  const { backend, call, grantAdmin } = world();
  await grantAdmin();
  const file = buildCsv(rosterRows(rows));
  const payload = { fileName: '名单.csv', contentBase64: Buffer.from(file).toString('base64'), commit: true };
  const m = await measured(backend, () => call('importRoster', payload));
  const data = (m.value as { data: { created: number } }).data;
  const full = buildCsv(rosterRows(20_000));
  return {
    scenario: 'roster', rows, created: data.created, ms: m.ms, requests: m.requests, documentOps: m.documentOps, byAction: m.byAction,
    calls: 1, largestRequestBytes: payloadBytes(payload), requestBytesFor20000: payloadBytes({ ...payload, contentBase64: Buffer.from(full).toString('base64') }),
    resultBytes: checkCloudFunctionResult(m.value).bytes,
  };
}

async function scans(n: number) {
  const { backend, storage, call } = world();
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
  backend.seed('registrations', students.map((s) => ({ _id: `ev:${s.studentNo}`, eventId: 'ev', studentNo: s.studentNo, status: 'confirmed', waitlistSeq: 0, passSeq: 0, createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() })));
  const phones: Array<ReturnType<typeof studentPhone>> = [];
  for (let i = 0; i < n; i += 25) {
    await Promise.all(
      students.slice(i, i + 25).map(async (s, k) => {
        const r = (await call('issueCheckinPass', { eventId: 'ev' }, s.openid!)) as { data: { pass: string; deviceKey: string } };
        phones[i + k] = studentPhone(r.data.pass, r.data.deviceKey);
      }),
    );
  }
  const batch = phones.map((phone, i) => {
    const at = new Date(start.getTime() + i * 1000);
    return { scanId: randomUUID(), code: phone.code(at, 'in'), purpose: 'in', scannedAt: at.toISOString(), offline: true };
  });
  const payload = { eventId: 'ev', scans: batch };
  const m = await measured(backend, () => call('recordScans', payload, 'openid-officer'));
  const data = (m.value as { data: { results: Array<{ status: string }>; counts: { checkedIn: number } } }).data;
  return {
    scenario: 'scans', scans: n, recorded: data.results.filter((r) => r.status === 'recorded').length, checkedIn: data.counts.checkedIn,
    ms: m.ms, requests: m.requests, documentOps: m.documentOps, byAction: m.byAction, calls: 1,
    largestRequestBytes: payloadBytes(payload), resultBytes: checkCloudFunctionResult(m.value).bytes,
  };
}

async function credits(count: number) {
  const { backend, call, grantAdmin } = world();
  await grantAdmin();
  const modules = DEFAULT_CREDIT_MODULES.map((m) => m.id);
  const students = Array.from({ length: count }, (_, k) => {
    const cls = Math.floor(k / 40) + 1;
    const college = `学院${(k % 10) + 1}`;
    return makeStudent(k, { studentNo: `X${String(k + 1).padStart(8, '0')}`, openid: null, college, className: `${college}-${cls}班`, branch: `${college}-${cls}班团支部` });
  });
  backend.seed('students', students.map((s) => studentToDoc(s) as never));
  // 6 entries a student, one per module (service with hours), written by the ledger's own shape.
  let seq = 1;
  backend.seed('ledger', students.flatMap((s, k) => modules.slice(0, 6).map((module, e) => ({
    _id: `seed:${s.studentNo}:${e}`, studentNo: s.studentNo, module, amount: 25 * (1 + ((k + e) % 8)), hours: module === 'service' ? 2 : 0,
    kind: 'award', sourceType: 'manual', eventId: null, rule: '压测', reverses: null, reason: '压测数据', confirmedBy: ADMIN, at: NOW.toISOString(), seq: seq++,
  }))));
  const overview = await measured(backend, () => call('getCreditOverview', { groupBy: 'college' }));
  const exported = await measured(backend, () => call('exportCredits', {}));
  const data = (exported.value as { data: { rowCount: number } }).data;
  const result = checkCloudFunctionResult(exported.value);
  return {
    scenario: 'credits', students: count, ledgerEntries: count * 6,
    overview: { ms: overview.ms, requests: overview.requests, byAction: overview.byAction, resultBytes: checkCloudFunctionResult(overview.value).bytes },
    export: { ms: exported.ms, requests: exported.requests, byAction: exported.byAction, rowCount: data.rowCount, resultBytes: result.bytes, resultOk: result.ok },
  };
}

async function main() {
  const [scenario, size] = process.argv.slice(2);
  const n = Number(size);
  const out = scenario === 'roster' ? await roster(n) : scenario === 'scans' ? await scans(n) : scenario === 'credits' ? await credits(n) : null;
  if (!out) throw new Error(`unknown scenario ${scenario}`);
  console.log(JSON.stringify({ latencyMs: LATENCY_MS, ...out }));
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);

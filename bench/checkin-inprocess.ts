import { createPrivateKey, randomUUID, sign as nodeSign } from 'node:crypto';
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeMemberCode, verifyMemberCode } from '../core';
import { dispatch, type HandlerContext } from '../server/dispatch';
import { generateKeyringConfig, keyringFromConfig, nodeEd25519Verify } from '../server/security/checkin-keys';
import { SqliteStorage } from '../server/storage/sqlite/sqlite-storage';
import { phoneEd25519Verify } from '../src/shared/services/checkin-crypto';
import { BENCH_EVENT, OFFICERS, memberNo, seedCheckinBench } from './checkin-seed';

/**
 * One check-in, in process: the officer's scan through `dispatch('recordScans')` (validation, access, staff check,
 * Ed25519 verification of the member code, the atomic write to SQLite with synchronous=FULL, the member's name for the
 * answer) against the pieces it is made of, measured interleaved in one loop so that the shared machine's noise hits
 * them alike:
 *   baseline   dispatch('getEvent') as the officer (a read through the same door)
 *   fsync      a 4 KB write + fdatasync of a file beside the database: the disk's own latency, which every durable
 *              commit (synchronous=FULL) waits for once
 *   verify     verifyMemberCode with node:crypto, as the server does (a new device key each time, as at the door)
 *   record     storage.recordScan alone (decideScan + attendance row + counters + scan record, one commit)
 *   scan       dispatch('recordScans') with one online scan: verify + record, what the target is about
 *   rescan     the same member scanned again with a fresh code: answered 已签到, nothing written
 *   verify-phone verifyMemberCode with @noble/curves, as the officer's phone does offline (this machine's CPU), in a
 *              loop of its own after the others
 * Members are fresh for every measured scan (3 per iteration: verify, record, scan). Usage:
 *   node dist/bench/checkin-inprocess.js [iterations=500] [warmup=100]   (bench/checkin-inprocess.mjs builds and runs it)
 */
const N = Number(process.argv[2] ?? 500);
const WARMUP = Number(process.argv[3] ?? 100);
const OFFICER = OFFICERS[0];

type Sample = number[];
const stats = (xs: Sample) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { median: at(0.5), p99: at(0.99), mean: s.reduce((a, b) => a + b, 0) / s.length, max: s[s.length - 1] };
};

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ysc-checkin-inproc-'));
  // SYNCHRONOUS=NORMAL (diagnostic only) shows how much of the write's time and tail is the fsync of FULL.
  const storage = new SqliteStorage({ file: path.join(dir, 'bench.db'), synchronous: (process.env.SYNCHRONOUS ?? 'FULL') as 'FULL' | 'NORMAL' });
  const keyring = keyringFromConfig(generateKeyringConfig('kbench'));
  const members = 3 * (N + WARMUP);
  await seedCheckinBench(storage, members, new Date());
  const ctx = (user: string): HandlerContext => ({ storage, caller: { kind: 'demo', user }, now: () => new Date(), demoMode: true, checkinKeys: keyring });
  const call = async (action: string, payload: unknown, user: string) => {
    const result = await dispatch({ action, payload } as never, ctx(user));
    if (!result.ok) throw new Error(`${action} refused: ${JSON.stringify(result)}`);
    return result.data as any;
  };

  // Passes as the students' phones hold them (untimed).
  // The device key signs with node:crypto here: the phone's @noble/curves signer allocates enough to put GC pauses
  // into the server-side figures of this one process (the phone's own verify is timed in a loop of its own, below).
  const passes: Array<{ pass: string; sign: (message: Uint8Array) => Uint8Array; seq: number }> = [];
  for (let i = 1; i <= members; i += 200) {
    const batch = Array.from({ length: Math.min(200, members - i + 1) }, (_, k) => i + k);
    const issued = await Promise.all(batch.map((m) => call('issueCheckinPass', { eventId: BENCH_EVENT }, memberNo(m))));
    issued.forEach((p, k) => {
      const claims = JSON.parse(Buffer.from(p.pass.split('.')[0], 'base64url').toString('utf8'));
      const key = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: p.deviceKey, x: claims.p }, format: 'jwk' });
      passes[batch[k]] = { pass: p.pass, sign: (message) => new Uint8Array(nodeSign(null, message, key)), seq: claims.q };
    });
  }
  const code = (m: number) => composeMemberCode(passes[m].pass, new Date(), 'in', passes[m].sign);
  const expectIn = () => ({ eventId: BENCH_EVENT, purpose: 'in' as const, at: new Date(), trustedKeys: keyring.trusted });

  const samples: Record<string, Sample> = { baseline: [], fsync: [], verify: [], 'verify-phone': [], record: [], scan: [], rescan: [] };
  const probe = openSync(path.join(dir, 'fsync-probe'), 'w');
  const page = Buffer.alloc(4096, 1);
  const time = async (name: string, measured: boolean, fn: () => unknown) => {
    const t0 = performance.now();
    await fn();
    const ms = performance.now() - t0;
    if (measured) samples[name].push(ms);
  };

  for (let k = 0; k < N + WARMUP; k++) {
    const measured = k >= WARMUP;
    const [a, b, c] = [3 * k + 1, 3 * k + 2, 3 * k + 3];
    const codeA = code(a);
    const codeC = code(c);
    await time('baseline', measured, () => call('getEvent', { eventId: BENCH_EVENT }, OFFICER));
    await time('fsync', measured, () => {
      writeSync(probe, page, 0, page.length, (k % 64) * 4096);
      fdatasyncSync(probe);
    });
    await time('verify', measured, () => {
      if (!verifyMemberCode(codeA, expectIn(), nodeEd25519Verify).ok) throw new Error('verify failed');
    });
    await time('record', measured, async () => {
      const now = new Date();
      const r = await storage.recordScan(
        { scanId: randomUUID(), eventId: BENCH_EVENT, attempt: { studentNo: memberNo(b), purpose: 'in', at: now, by: OFFICER, method: 'member_code', passSeq: passes[b].seq }, offline: false },
        now,
      );
      if (r.duplicate || r.scan.outcome.status !== 'recorded') throw new Error(`record: ${JSON.stringify(r.scan.outcome)}`);
    });
    const scanOnce = async (codeText: string, expected: string) => {
      const data = await call('recordScans', { eventId: BENCH_EVENT, scans: [{ scanId: randomUUID(), code: codeText, purpose: 'in', scannedAt: new Date().toISOString(), offline: false }] }, OFFICER);
      if (data.results[0].status !== expected) throw new Error(`scan: expected ${expected}, got ${JSON.stringify(data.results[0])}`);
    };
    await time('scan', measured, () => scanOnce(codeC, 'recorded'));
    const again = code(c);
    await time('rescan', measured, () => scanOnce(again, 'already'));
  }

  // The officer's phone verifying offline (@noble/curves), on this machine's CPU: apart, for the reason above.
  for (let k = 0; k < N + WARMUP; k++) {
    const codeA = code(3 * k + 1);
    await time('verify-phone', k >= WARMUP, () => {
      if (!verifyMemberCode(codeA, expectIn(), phoneEd25519Verify).ok) throw new Error('phone verify failed');
    });
  }

  closeSync(probe);
  const counts = await storage.attendanceCounts(BENCH_EVENT);
  const expected = 2 * (N + WARMUP);
  const base = stats(samples.baseline).median;
  const rows = Object.entries(samples).map(([name, xs]) => ({ name, ...stats(xs), ratio: stats(xs).median / base }));
  console.log(JSON.stringify({ n: N, warmup: WARMUP, members, counts, expectedCheckedIn: expected, rows }));
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
  if (counts?.checkedIn !== expected) process.exit(1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

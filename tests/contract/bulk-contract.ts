import { attendanceKeyBase, type AuditDraft, type AwardDraft, type LedgerEntry, type RosterEntry, type ScanAttempt } from '../../core';
import type { JobRecord, StoragePort, UploadSession } from '../../server/storage/ports';
import { NOW, at, makeEvent, makeStudent, makeStudents, studentNo } from '../support/factories';
import { refusalOf, type StorageHarness } from './storage-contract';

/**
 * Bulk work's part of the storage contract, run against every adapter (SQLite; CloudBase on the real SDK, and
 * under a deployment's page cap): uploads in parts, jobs in chunks with their lease, the roster's
 * upsert of a chunk, a batch of scans, and the credit totals kept with the ledger — which must always equal the sums
 * of the ledger, whatever wrote it (settlements, reversals, appeals, bulk awards, settlements at once).
 */
const ADMIN = 'openid-admin';
const OFFICER = 'openid-officer';
const E1 = 'ev-lecture';
const DOOR = at(96);

const audit = (action: string, target: string): AuditDraft => ({ at: NOW.toISOString(), actor: ADMIN, action, target, detail: '{}' });

/** Bytes of a part: its index in every byte, so a part stored under the wrong index shows. */
const part = (index: number, size: number) => new Uint8Array(size).fill(index % 256);

function session(overrides: Partial<UploadSession> = {}): UploadSession {
  return {
    uploadId: 'u-aaaaaaaaaaaaaaaaaaaaaaaaaa', purpose: 'roster', owner: ADMIN, fileName: '名单.xlsx', size: 3 * 49_152 + 10, partBytes: 49_152, parts: 4,
    createdAt: NOW.toISOString(), expiresAt: at(1).toISOString(), fileId: null, ...overrides,
  };
}

function job(overrides: Partial<JobRecord> = {}): JobRecord {
  return {
    jobId: 'j-aaaaaaaaaaaaaaaaaaaaaaaaaa', kind: 'roster', owner: ADMIN, fileId: 'f-aaaaaaaaaaaaaaaaaaaaaaaaaa', fileName: '名单.xlsx', status: 'running',
    total: 5, done: 0, chunks: 3, chunksDone: 0, report: { created: 0, updated: 0 }, error: null, createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(), finishedAt: null, leaseUntil: null, ...overrides,
  };
}

function entry(i: number, overrides: Partial<RosterEntry> = {}): RosterEntry {
  const { openid: _o, ...s } = makeStudent(i, { name: `新生${i}`, className: '计科2402', branch: '计科2402团支部' });
  return { ...s, ...overrides };
}

/** Every student's ledger summed by module (hundredths, hours in tenths): what the totals must say. */
async function ledgerSums(storage: StoragePort, students: readonly string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const no of students) {
    const by = new Map<string, { amount: number; tenths: number }>();
    for (const e of await storage.listLedger(no)) {
      const line = by.get(e.module) ?? { amount: 0, tenths: 0 };
      line.amount += e.amount;
      line.tenths += Math.round(e.hours * 10);
      by.set(e.module, line);
    }
    out[no] = [...by].map(([m, l]) => `${m}:${l.amount}:${l.tenths}`).sort().join('|');
  }
  return out;
}

async function totalsOf(storage: StoragePort, students: readonly string[]): Promise<Record<string, string>> {
  const totals = await storage.ledgerTotals();
  const out: Record<string, string> = {};
  for (const no of students) {
    out[no] = totals.filter((t) => t.studentNo === no).map((t) => `${t.module}:${t.amount}:${Math.round(t.hours * 10)}`).sort().join('|');
  }
  return out;
}

export function runBulkContract(name: string, makeHarness: () => Promise<StorageHarness>): void {
  describe(`${name}: bulk contract`, () => {
    let harness: StorageHarness;
    let storage: StoragePort;

    beforeEach(async () => {
      harness = await makeHarness();
      storage = harness.storage;
    });

    afterEach(async () => {
      await harness.cleanup();
    });

    describe('uploads in parts', () => {
      it('keeps each part under its index, replaces a part sent again, and answers the parts not received as missing', async () => {
        await storage.startUpload(session());
        expect(await storage.getUpload('u-aaaaaaaaaaaaaaaaaaaaaaaaaa')).toEqual(session());
        expect(await storage.getUpload('u-bbbbbbbbbbbbbbbbbbbbbbbbbb')).toBeNull();
        await storage.putUploadPart('u-aaaaaaaaaaaaaaaaaaaaaaaaaa', 3, part(3, 10));
        await storage.putUploadPart('u-aaaaaaaaaaaaaaaaaaaaaaaaaa', 0, part(9, 49_152));
        await storage.putUploadPart('u-aaaaaaaaaaaaaaaaaaaaaaaaaa', 0, part(0, 49_152));
        await storage.putUploadPart('u-aaaaaaaaaaaaaaaaaaaaaaaaaa', 1, part(1, 49_152));
        const parts = await storage.uploadParts('u-aaaaaaaaaaaaaaaaaaaaaaaaaa', 4);
        expect(parts.map((p) => (p ? [p.length, p[0]] : null))).toEqual([[49_152, 0], [49_152, 1], null, [10, 3]]);
      });

      it('puts together a file of 40 parts of 48 KiB (2 MB, more than a query result may hold at once)', async () => {
        await storage.startUpload(session({ parts: 40, size: 40 * 49_152 }));
        await Promise.all(Array.from({ length: 40 }, (_, i) => storage.putUploadPart('u-aaaaaaaaaaaaaaaaaaaaaaaaaa', i, part(i, 49_152))));
        const parts = await storage.uploadParts('u-aaaaaaaaaaaaaaaaaaaaaaaaaa', 40);
        expect(parts.map((p) => p && p.length === 49_152 && p.every((b) => b === p[0]) ? p[0] : -1)).toEqual(Array.from({ length: 40 }, (_, i) => i));
      });

      it('is finished once: a second finish answers the first one\'s file, and the parts are gone', async () => {
        await storage.startUpload(session());
        await storage.putUploadPart('u-aaaaaaaaaaaaaaaaaaaaaaaaaa', 0, part(0, 49_152));
        expect((await storage.finishUpload('u-aaaaaaaaaaaaaaaaaaaaaaaaaa', 'f-firstfirstfirstfirstfirst')).fileId).toBe('f-firstfirstfirstfirstfirst');
        expect((await storage.finishUpload('u-aaaaaaaaaaaaaaaaaaaaaaaaaa', 'f-secondsecondsecondsecond')).fileId).toBe('f-firstfirstfirstfirstfirst');
        expect((await storage.getUpload('u-aaaaaaaaaaaaaaaaaaaaaaaaaa'))!.fileId).toBe('f-firstfirstfirstfirstfirst');
        expect(await storage.uploadParts('u-aaaaaaaaaaaaaaaaaaaaaaaaaa', 4)).toEqual([null, null, null, null]);
      });

      it('forgets uploads past their time with their parts, at most `limit` a call, and keeps the others', async () => {
        await storage.startUpload(session({ uploadId: 'u-oldoldoldoldoldoldoldoldo', expiresAt: at(1).toISOString() }));
        await storage.startUpload(session({ uploadId: 'u-olderolderolderolderolder', expiresAt: at(0.5).toISOString() }));
        await storage.startUpload(session({ uploadId: 'u-newnewnewnewnewnewnewnewn', expiresAt: at(3).toISOString() }));
        await storage.putUploadPart('u-oldoldoldoldoldoldoldoldo', 0, part(0, 100));
        expect(await storage.expireUploads(at(2), 1)).toBe(1);
        expect(await storage.expireUploads(at(2), 5)).toBe(1);
        expect(await storage.expireUploads(at(2), 5)).toBe(0);
        expect(await storage.getUpload('u-oldoldoldoldoldoldoldoldo')).toBeNull();
        expect(await storage.uploadParts('u-oldoldoldoldoldoldoldoldo', 1)).toEqual([null]);
        expect(await storage.getUpload('u-newnewnewnewnewnewnewnewn')).not.toBeNull();
      });
    });

    describe('jobs in chunks', () => {
      const rows = [[{ studentNo: '1', name: '张三', secondFactorHash: null }, { studentNo: '2', name: '李四', secondFactorHash: 'ab' }], [{ studentNo: '3', name: '王五', secondFactorHash: null }], [{ studentNo: '4', name: '赵六', secondFactorHash: null }, { studentNo: '5', name: '钱七', secondFactorHash: null }]];

      it('stores the chunks with the job and the import\'s audit entry', async () => {
        await storage.createJob(job(), rows, audit('importRoster', '名单.xlsx'));
        expect(await storage.getJob('j-aaaaaaaaaaaaaaaaaaaaaaaaaa')).toEqual(job());
        expect(await storage.getJob('j-bbbbbbbbbbbbbbbbbbbbbbbbbb')).toBeNull();
        expect(await storage.jobChunk('j-aaaaaaaaaaaaaaaaaaaaaaaaaa', 0)).toEqual(rows[0]);
        expect(await storage.jobChunk('j-aaaaaaaaaaaaaaaaaaaaaaaaaa', 2)).toEqual(rows[2]);
        expect(await storage.jobChunk('j-aaaaaaaaaaaaaaaaaaaaaaaaaa', 3)).toBeNull();
        expect((await storage.listAudit(1))[0]).toMatchObject({ action: 'importRoster', target: '名单.xlsx' });
      });

      it('lends the job to one call at a time: a second claim fails while the lease lives, and succeeds once it ran out or was released', async () => {
        await storage.createJob(job(), rows, audit('importRoster', '名单.xlsx'));
        const first = await storage.claimJob('j-aaaaaaaaaaaaaaaaaaaaaaaaaa', NOW, at(0.01));
        expect(first).toMatchObject({ jobId: 'j-aaaaaaaaaaaaaaaaaaaaaaaaaa', leaseUntil: at(0.01).toISOString() });
        expect(await storage.claimJob('j-aaaaaaaaaaaaaaaaaaaaaaaaaa', NOW, at(0.01))).toBeNull();
        expect(await storage.claimJob('j-aaaaaaaaaaaaaaaaaaaaaaaaaa', at(0.02), at(0.03))).not.toBeNull();
        await storage.releaseJob('j-aaaaaaaaaaaaaaaaaaaaaaaaaa');
        expect((await storage.getJob('j-aaaaaaaaaaaaaaaaaaaaaaaaaa'))!.leaseUntil).toBeNull();
        expect(await storage.claimJob('j-aaaaaaaaaaaaaaaaaaaaaaaaaa', at(0.02), at(0.03))).not.toBeNull();
      });

      it('of several claims at once, exactly one gets the job', async () => {
        await storage.createJob(job(), rows, audit('importRoster', '名单.xlsx'));
        const claims = await Promise.all(Array.from({ length: 6 }, () => storage.claimJob('j-aaaaaaaaaaaaaaaaaaaaaaaaaa', NOW, at(0.01))));
        expect(claims.filter(Boolean)).toHaveLength(1);
      });

      it('counts each chunk once, in order, and is done after the last', async () => {
        await storage.createJob(job(), rows, audit('importRoster', '名单.xlsx'));
        const after0 = await storage.finishJobChunk('j-aaaaaaaaaaaaaaaaaaaaaaaaaa', 0, 2, { created: 2, updated: 0 }, at(0.1));
        expect(after0).toMatchObject({ chunksDone: 1, done: 2, report: { created: 2, updated: 0 }, status: 'running', updatedAt: at(0.1).toISOString() });
        // The same chunk written again after a crash, and a chunk out of turn: nothing changes.
        expect(await storage.finishJobChunk('j-aaaaaaaaaaaaaaaaaaaaaaaaaa', 0, 2, { created: 0, updated: 2 }, at(0.2))).toMatchObject({ chunksDone: 1, done: 2, report: { created: 2, updated: 0 } });
        expect(await storage.finishJobChunk('j-aaaaaaaaaaaaaaaaaaaaaaaaaa', 2, 2, { created: 2, updated: 0 }, at(0.2))).toMatchObject({ chunksDone: 1 });
        await Promise.all([1, 1, 1].map(() => storage.finishJobChunk('j-aaaaaaaaaaaaaaaaaaaaaaaaaa', 1, 1, { created: 0, updated: 1 }, at(0.3))));
        const last = await storage.finishJobChunk('j-aaaaaaaaaaaaaaaaaaaaaaaaaa', 2, 2, { created: 1, updated: 1 }, at(0.4));
        expect(last).toMatchObject({ status: 'done', chunksDone: 3, done: 5, report: { created: 3, updated: 2 }, finishedAt: at(0.4).toISOString() });
        expect(await storage.getJob('j-aaaaaaaaaaaaaaaaaaaaaaaaaa')).toEqual(last);
        expect(await storage.claimJob('j-aaaaaaaaaaaaaaaaaaaaaaaaaa', at(1), at(2))).toBeNull();
        await storage.dropJobChunks('j-aaaaaaaaaaaaaaaaaaaaaaaaaa');
        expect(await storage.jobChunk('j-aaaaaaaaaaaaaaaaaaaaaaaaaa', 0)).toBeNull();
      });

      it('fails a job for good, and expires running jobs created before a moment (with their chunks), leaving finished ones', async () => {
        await storage.createJob(job(), rows, audit('importRoster', 'a.xlsx'));
        await storage.failJob('j-aaaaaaaaaaaaaaaaaaaaaaaaaa', '任务的数据已丢失', at(0.1));
        expect(await storage.getJob('j-aaaaaaaaaaaaaaaaaaaaaaaaaa')).toMatchObject({ status: 'failed', error: '任务的数据已丢失', finishedAt: at(0.1).toISOString() });
        expect(await storage.claimJob('j-aaaaaaaaaaaaaaaaaaaaaaaaaa', at(1), at(2))).toBeNull();
        await storage.createJob(job({ jobId: 'j-oldoldoldoldoldoldoldoldo', createdAt: at(-200).toISOString() }), rows, audit('importRoster', 'b.xlsx'));
        await storage.createJob(job({ jobId: 'j-donedonedonedonedonedoned', createdAt: at(-200).toISOString(), status: 'done', chunksDone: 3, done: 5 }), [], audit('importRoster', 'c.xlsx'));
        await storage.createJob(job({ jobId: 'j-newnewnewnewnewnewnewnewn', createdAt: at(-1).toISOString() }), rows, audit('importRoster', 'd.xlsx'));
        expect(await storage.expireJobs(at(-100), NOW, 10)).toBe(1);
        expect(await storage.getJob('j-oldoldoldoldoldoldoldoldo')).toMatchObject({ status: 'failed', error: expect.stringMatching(/过期/) });
        expect(await storage.jobChunk('j-oldoldoldoldoldoldoldoldo', 0)).toBeNull();
        expect(await storage.getJob('j-donedonedonedonedonedoned')).toMatchObject({ status: 'done' });
        expect(await storage.getJob('j-newnewnewnewnewnewnewnewn')).toMatchObject({ status: 'running' });
      });
    });

    describe('the roster\'s upsert of a chunk', () => {
      it('adds the new students, updates the known ones in place, keeps bindings and stored second factors, and changes nothing the second time', async () => {
        await storage.putStudents([makeStudent(1, { openid: 'openid-1', secondFactorHash: 'kept' }), makeStudent(2, { openid: null })]);
        const chunk = [entry(1, { name: '改名', secondFactorHash: null }), entry(2, { secondFactorHash: 'new-hash' }), ...Array.from({ length: 248 }, (_, k) => entry(3 + k))];
        expect(await storage.upsertStudents(chunk)).toEqual({ created: 248, updated: 2 });
        expect(await storage.findStudentByNo(studentNo(1))).toMatchObject({ name: '改名', openid: 'openid-1', secondFactorHash: 'kept', className: '计科2402' });
        expect(await storage.findStudentByNo(studentNo(2))).toMatchObject({ secondFactorHash: 'new-hash', openid: null });
        expect(await storage.findStudentByNo(studentNo(250))).toMatchObject({ name: '新生250', openid: null });
        expect(await storage.upsertStudents(chunk)).toEqual({ created: 0, updated: 250 });
        expect(await storage.listStudents(1000)).toHaveLength(250);
        expect(await storage.studentNoByOpenid('openid-1')).toBe(studentNo(1));
      });
    });

    describe('a batch of scans', () => {
      async function seedEvent(members: number) {
        await storage.putStudents(makeStudents(members + 2));
        await storage.putEvents([makeEvent({ id: E1, capacity: members + 5 })]);
        for (let i = 1; i <= members; i++) await storage.signUp(E1, studentNo(i), NOW);
      }
      const attempt = (i: number, overrides: Partial<ScanAttempt> = {}): ScanAttempt => ({ studentNo: studentNo(i), purpose: 'in', at: DOOR, by: OFFICER, method: 'member_code', passSeq: 1, ...overrides });

      it('records 45 members (more than one group) side by side, each member\'s scans in order, and answers the counts after', async () => {
        await seedEvent(45);
        const scans = Array.from({ length: 45 }, (_, k) => ({ scanId: `scan-in-${k + 1}`, attempt: attempt(k + 1), offline: true }));
        // Member 1 also leaves; member 2's check-out comes first in the upload, so it is refused (not checked in yet).
        scans.splice(1, 0, { scanId: 'scan-out-2', attempt: attempt(2, { purpose: 'out', at: at(96.2) }), offline: true });
        scans.push({ scanId: 'scan-out-1', attempt: attempt(1, { purpose: 'out', at: at(97.9) }), offline: true });
        const { outcomes, counts } = await storage.recordScanBatch(E1, scans, at(98));
        expect(outcomes).toHaveLength(47);
        expect(outcomes.every((o) => !o.duplicate)).toBe(true);
        expect(outcomes.map((o) => o.scan.scanId)).toEqual(scans.map((s) => s.scanId));
        expect(outcomes[1].scan.outcome).toMatchObject({ status: 'refused', code: 'CHECKIN_NOT_CHECKED_IN' });
        expect(outcomes.filter((o) => o.scan.outcome.status === 'recorded')).toHaveLength(46);
        expect(counts).toEqual({ registered: 45, checkedIn: 45, checkedOut: 1 });
        expect(await storage.attendanceCounts(E1)).toEqual(counts);
        expect(await storage.getAttendance(E1, studentNo(1))).toMatchObject({ checkedInAt: DOOR.toISOString(), checkedOutAt: at(97.9).toISOString() });
        expect(await storage.getAttendance(E1, studentNo(45))).toMatchObject({ checkedInAt: DOOR.toISOString(), checkedOutAt: null });
        expect((await storage.getScans(['scan-in-45', 'scan-out-1', 'scan-unknown'])).map((s) => s.scanId).sort()).toEqual(['scan-in-45', 'scan-out-1']);
      });

      it('answers a scan id stored before, or twice in the batch, as a duplicate of its first record, counting it once', async () => {
        await seedEvent(3);
        const first = await storage.recordScan({ scanId: 'scan-a', eventId: E1, attempt: attempt(1), offline: false }, DOOR);
        const { outcomes, counts } = await storage.recordScanBatch(
          E1,
          [
            { scanId: 'scan-a', attempt: attempt(1), offline: true },
            { scanId: 'scan-b', attempt: attempt(2), offline: true },
            { scanId: 'scan-b', attempt: attempt(2), offline: true },
            { scanId: 'scan-c', attempt: attempt(3), offline: true },
          ],
          at(96.5),
        );
        expect(outcomes.map((o) => [o.scan.scanId, o.duplicate, o.scan.outcome.status])).toEqual([
          ['scan-a', true, 'recorded'],
          ['scan-b', false, 'recorded'],
          ['scan-b', true, 'recorded'],
          ['scan-c', false, 'recorded'],
        ]);
        expect(outcomes[0].scan).toEqual(first.scan);
        expect(counts.checkedIn).toBe(3);
        // The same upload again: every scan a duplicate, nothing counted twice.
        const again = await storage.recordScanBatch(E1, [{ scanId: 'scan-b', attempt: attempt(2), offline: true }, { scanId: 'scan-c', attempt: attempt(3), offline: true }], at(96.6));
        expect(again.outcomes.every((o) => o.duplicate)).toBe(true);
        expect(await storage.attendanceCounts(E1)).toMatchObject({ checkedIn: 3 });
      });

      it('refuses a batch for an unknown event before writing anything', async () => {
        await seedEvent(1);
        expect(await refusalOf(storage.recordScanBatch('ev-nope', [{ scanId: 'scan-x', attempt: attempt(1), offline: true }], DOOR))).toBe('NOT_FOUND');
        expect(await storage.getScan('scan-x')).toBeNull();
      });
    });

    describe('credit totals kept with the ledger', () => {
      const students = [1, 2, 3, 4].map(studentNo);
      function award(i: number, base: string, amount: number, overrides: Partial<AwardDraft> = {}): AwardDraft {
        return {
          base, studentNo: studentNo(i), module: 'ideology', amount, hours: 0, sourceType: 'attendance', eventId: E1, rule: `按次 ${amount / 100} 学分`,
          reason: null, confirmedBy: 'system', at: NOW.toISOString(), ...overrides,
        };
      }
      const settle = (d: AwardDraft | null, i: number, base: string) => storage.settleCredit(studentNo(i), base, d, 'system', '签到确认', NOW);

      beforeEach(async () => {
        await storage.putStudents(makeStudents(4));
        await storage.putEvents([makeEvent({ id: E1 }), makeEvent({ id: 'ev-vol', category: 'volunteer' })]);
      });

      it('equal the sums of the ledger after awards, reversals, changed amounts, appeals, bulk awards and settlements at once', async () => {
        const b1 = attendanceKeyBase(E1, studentNo(1));
        await settle(award(1, b1, 200), 1, b1);
        await settle(award(1, b1, 150, { module: 'service', hours: 1.5 }), 1, b1); // changed: reversal + next
        const b2 = attendanceKeyBase(E1, studentNo(2));
        await settle(award(2, b2, 100), 2, b2);
        await settle(null, 2, b2); // reversed
        // An appeal accepted with its credit.
        await storage.fileAppeal(
          { id: `ev-vol:${studentNo(3)}`, eventId: 'ev-vol', studentNo: studentNo(3), note: '参加了没记上', status: 'pending', createdAt: NOW.toISOString(), decidedAt: null, decidedBy: null, decisionReason: null },
          audit('appeal.file', 'a'),
        );
        const b3 = attendanceKeyBase('ev-vol', studentNo(3));
        await storage.decideAppeal(`ev-vol:${studentNo(3)}`, { status: 'accepted', by: OFFICER, reason: '核实', at: NOW }, { base: b3, target: award(3, b3, 300, { module: 'service', hours: 2.5, eventId: 'ev-vol', sourceType: 'appeal' }) }, audit('appeal.accept', 'a'));
        // Bulk awards, the same file twice (the second awards nothing), several rows of one student.
        const manual = (row: number, i: number, amount: number): AwardDraft => award(i, `man:file-1:${row}`, amount, { module: 'culture', sourceType: 'manual', eventId: null, rule: '手工记分', reason: '获奖' });
        const drafts = [manual(2, 4, 50), manual(3, 4, 25), manual(4, 1, 75), manual(5, 2, 10)];
        expect(await storage.awardMany(drafts)).toHaveLength(4);
        expect(await storage.awardMany(drafts)).toHaveLength(0);
        // Five sources of one student settled at once, and one source five times at once.
        const bases = [0, 1, 2, 3, 4].map((k) => attendanceKeyBase(`ev-${k}`, studentNo(4)));
        await Promise.all(bases.map((b, k) => settle(award(4, b, 10 * (k + 1), { eventId: `ev-${k}`, module: k % 2 ? 'skills' : 'ideology' }), 4, b)));
        const b4 = attendanceKeyBase(E1, studentNo(4));
        await Promise.all([0, 1, 2, 3, 4].map(() => settle(award(4, b4, 40), 4, b4)));
        expect(await totalsOf(storage, students)).toEqual(await ledgerSums(storage, students));
        expect((await totalsOf(storage, students))[studentNo(4)]).toBe('culture:75:0|ideology:130:0|skills:60:0');
        expect((await totalsOf(storage, students))[studentNo(2)]).toBe('culture:10:0|ideology:0:0');
        expect((await totalsOf(storage, students))[studentNo(1)]).toBe('culture:75:0|ideology:0:0|service:150:15');
      });

      it('are read for every student with totals, a line per module', async () => {
        const b = (i: number) => attendanceKeyBase(E1, studentNo(i));
        await Promise.all([1, 2, 3].map((i) => settle(award(i, b(i), 100 * i), i, b(i))));
        expect((await storage.ledgerTotals()).sort((x, y) => x.studentNo.localeCompare(y.studentNo))).toEqual([
          { studentNo: studentNo(1), module: 'ideology', amount: 100, hours: 0 },
          { studentNo: studentNo(2), module: 'ideology', amount: 200, hours: 0 },
          { studentNo: studentNo(3), module: 'ideology', amount: 300, hours: 0 },
        ]);
      });

      it('the upkeep finds nothing to change when they are right, pages through the roster, and rebuilds totals that are missing', async () => {
        const b = (i: number) => attendanceKeyBase(E1, studentNo(i));
        for (const i of [1, 2, 3]) await settle(award(i, b(i), 100 * i, { hours: 0.5 * i }), i, b(i));
        expect(await storage.rebuildCreditTotals(null, 2)).toEqual({ checked: 2, changed: 0, next: studentNo(2) });
        expect(await storage.rebuildCreditTotals(studentNo(2), 2)).toEqual({ checked: 2, changed: 0, next: studentNo(4) });
        expect(await storage.rebuildCreditTotals(studentNo(4), 2)).toEqual({ checked: 0, changed: 0, next: null });
        if (!harness.dropCreditTotals) return;
        await harness.dropCreditTotals(studentNo(2));
        await harness.dropCreditTotals(studentNo(3));
        expect(await totalsOf(storage, students)).not.toEqual(await ledgerSums(storage, students));
        expect(await storage.rebuildCreditTotals(null, 10)).toEqual({ checked: 4, changed: 2, next: null });
        expect(await totalsOf(storage, students)).toEqual(await ledgerSums(storage, students));
        // And settlements after the rebuild add to what it wrote.
        await settle(null, 2, b(2));
        expect(await totalsOf(storage, students)).toEqual(await ledgerSums(storage, students));
      });

      it('an event\'s ledger entries, every student\'s, in the order written', async () => {
        const b = (i: number, e = E1) => attendanceKeyBase(e, studentNo(i));
        await settle(award(2, b(2), 100), 2, b(2));
        await settle(award(1, b(1, 'ev-vol'), 100, { eventId: 'ev-vol' }), 1, b(1, 'ev-vol'));
        await settle(award(1, b(1), 100), 1, b(1));
        await settle(null, 2, b(2));
        const entries: LedgerEntry[] = await storage.ledgerEntriesOfEvent(E1);
        expect(entries.map((e) => [e.studentNo, e.amount])).toEqual([[studentNo(2), 100], [studentNo(1), 100], [studentNo(2), -100]]);
        expect(await storage.ledgerEntriesOfEvent('ev-none')).toEqual([]);
      });
    });
  });
}

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_CREDIT_MODULES, type AwardDraft, type StudentRecord } from '../core';
import { writeXlsx, type XlsxCell } from '../server/spreadsheets/xlsx-writer';
import { dispatch, type HandlerContext } from '../server/dispatch';
import { DiskFileStore } from '../server/storage/disk/file-store';
import { SqliteStorage } from '../server/storage/sqlite/sqlite-storage';
import { makeStudent } from '../tests/support/factories';

/**
 * The committee's export of a whole college: 20,000 students and ~100,000 ledger entries, seeded into a SQLite file
 * in a temp folder (synchronous=FULL), then `dispatch('exportCredits')` for the college (the roster in one read, the
 * per-student totals in one query, standings, sorting, the xlsx, stored as a file behind a link), timed against the bare xlsx write of the same
 * rows (the writer alone: what any export of this size costs at least), interleaved. Also getCreditOverview.
 *   node dist/bench/credits-export.js [students=20000] [runs=5]   (bench/credits-export.mjs builds and runs it)
 */
const STUDENTS = Number(process.argv[2] ?? 20_000);
const RUNS = Number(process.argv[3] ?? 5);
const COLLEGE = '信息技术学院';
const OTHER = '医学院';
const PER_CLASS = 40;
const ADMIN = 'bench-committee';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ysc-credits-export-'));
  const storage = new SqliteStorage({ file: path.join(dir, 'bench.db') });
  const now = new Date();
  const t0 = performance.now();

  // The college's students, and a tenth as many of another college (the export must leave them out).
  const students: StudentRecord[] = [];
  const make = (no: string, k: number, college: string): StudentRecord => {
    const cls = Math.floor(k / PER_CLASS) + 1;
    const className = `${college === COLLEGE ? '软件' : '护理'}${2401 + (cls % 4)}-${cls}班`;
    return makeStudent(k, { studentNo: no, openid: null, name: `学生${k}`, college, className, branch: `${className}团支部`, grade: '2024级' });
  };
  for (let k = 0; k < STUDENTS; k++) students.push(make(`X${String(k + 1).padStart(8, '0')}`, k, COLLEGE));
  for (let k = 0; k < STUDENTS / 10; k++) students.push(make(`Y${String(k + 1).padStart(8, '0')}`, k, OTHER));
  for (let i = 0; i < students.length; i += 5_000) await storage.putStudents(students.slice(i, i + 5_000));

  // ~5 entries per student: awards in varied modules (service ones with hours), some of them reversed.
  const modules = DEFAULT_CREDIT_MODULES.map((m) => m.id);
  const drafts: AwardDraft[] = [];
  students.forEach((s, k) => {
    for (let e = 0; e < 5; e++) {
      const module = modules[(k + e) % modules.length];
      drafts.push({
        base: `seed:${s.studentNo}:${e}`, studentNo: s.studentNo, module, amount: 25 * (1 + ((k + e) % 8)),
        hours: module === 'service' ? 2 : 0, sourceType: 'manual', eventId: null, rule: '压测', reason: '压测数据',
        confirmedBy: ADMIN, at: now.toISOString(),
      });
    }
  });
  for (let i = 0; i < drafts.length; i += 10_000) await storage.awardMany(drafts.slice(i, i + 10_000));
  // A few hundred reversals, so that totals are sums over awards and reversals.
  for (let k = 0; k < 300; k++) await storage.settleCredit(students[k].studentNo, `seed:${students[k].studentNo}:0`, null, ADMIN, '压测更正', now);
  const entries = drafts.length + 300;
  await storage.grantRole(
    { openid: ADMIN, role: 'committee_admin', scope: '', grantedBy: 'system', grantedAt: now.toISOString() },
    { at: now.toISOString(), actor: 'system', action: 'grantRole', target: ADMIN, detail: '{}' },
  );
  const seedMs = performance.now() - t0;

  const files = new DiskFileStore({ dir: path.join(dir, 'files'), secret: 'bench' });
  const ctx: HandlerContext = { storage, caller: { kind: 'wechat', openid: ADMIN }, now: () => new Date(), demoMode: false, files };
  const call = async (action: string, payload: unknown) => {
    const result = await dispatch({ action, payload } as never, ctx);
    if (!result.ok) throw new Error(`${action} refused: ${JSON.stringify(result)}`);
    return result.data as any;
  };

  // The baseline's rows: the same shape and values the export writes (14 columns), made here without the handler.
  const sums = new Map<string, Record<string, number>>();
  for (const d of drafts) {
    const m = sums.get(d.studentNo) ?? {};
    m[d.module] = (m[d.module] ?? 0) + d.amount;
    sums.set(d.studentNo, m);
  }
  const header = ['学号', '姓名', '学院', '班级', '团支部', ...DEFAULT_CREDIT_MODULES.map((m) => m.name), '总学分', '志愿时长(小时)', '是否达到毕业要求'];
  const rows: XlsxCell[][] = students
    .filter((s) => s.college === COLLEGE)
    .map((s) => {
      const m = sums.get(s.studentNo) ?? {};
      const values = modules.map((id) => (m[id] ?? 0) / 100);
      return [s.studentNo, s.name, s.college, s.className, s.branch, ...values, values.reduce((a, b) => a + b, 0), 2, '否'];
    });

  const exportMs: number[] = [];
  const bareMs: number[] = [];
  const overviewMs: number[] = [];
  let rowCount = 0;
  let bytes = 0;
  for (let run = 0; run <= RUNS; run++) {
    const measured = run > 0; // the first run warms up
    let t = performance.now();
    const file = await call('exportCredits', { college: COLLEGE });
    if (measured) exportMs.push(performance.now() - t);
    rowCount = file.rowCount;
    bytes = file.size;
    t = performance.now();
    const xlsx = writeXlsx({ sheetName: '第二课堂学分', header, rows }, new Date());
    Buffer.from(xlsx).toString('base64');
    if (measured) bareMs.push(performance.now() - t);
    t = performance.now();
    await call('getCreditOverview', { groupBy: 'branch', college: COLLEGE });
    if (measured) overviewMs.push(performance.now() - t);
  }
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({
    students: STUDENTS, others: STUDENTS / 10, entries, seedMs, rowCount, xlsxBytes: bytes, runs: RUNS,
    exportMs, bareMs, overviewMs,
    export: median(exportMs), bare: median(bareMs), overview: median(overviewMs), ratio: median(exportMs) / median(bareMs), peakMb,
  }));
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
  if (rowCount !== STUDENTS) process.exit(1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { readRosterTable } from '../server/spreadsheets/read-table';
import type { CellIssue, RosterTable } from '../server/spreadsheets/table';
import { validateRoster } from '../server/features/roster/validate';
import { importRoster } from '../server/features/roster/import-roster';
import { SqliteStorage } from '../server/storage/sqlite/sqlite-storage';
import { buildCsv, buildXlsx, type CellSpec, ROSTER_HEADER, rosterRows } from '../tests/support/roster-files';

/**
 * The child process of bench/roster-import.mjs (bundled by it with esbuild). One measurement per process, so that
 * peak memory (VmHWM) belongs to that measurement alone:
 *   generate <dir>                 write the files measured
 *   measure <candidate> <file>     read + validate, print JSON { coldMs, warmMs, peakMb, dataRows, cleanRows, … }
 *   probe <candidate> <file>       read + validate once, print what came out (or the refusal)
 *   sqlite <file> <dbfile>         the chosen reader + validate + HMAC of the second factors + SqliteStorage.putStudents
 * Candidates other than `ours` are loaded from ROSTER_BENCH_DEPS (a folder with node_modules), not from the project.
 */
type Reader = (bytes: Uint8Array, name: string) => Promise<RosterTable>;

const depsRequire = createRequire(join(process.env.ROSTER_BENCH_DEPS ?? '/nonexistent', 'package.json'));

/** A third-party cell value as the text an admin typed, with formula and error values turned into issues. */
function cellText(value: unknown, row: number, column: number, issues: CellIssue[]): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value).toUpperCase();
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const v = value as { richText?: Array<{ text: string }>; formula?: string; sharedFormula?: string; result?: unknown; error?: string; text?: string };
    if (v.richText) return v.richText.map((r) => r.text).join('').trim();
    if (v.error) {
      issues.push({ row, column, kind: 'error-value', value: v.error });
      return '';
    }
    if (v.formula !== undefined || v.sharedFormula !== undefined) {
      if (v.result === undefined || v.result === null) {
        issues.push({ row, column, kind: 'formula-without-value' });
        return '';
      }
      return cellText(v.result, row, column, issues);
    }
    if (v.text !== undefined) return String(v.text).trim();
  }
  return String(value).trim();
}

function tableOf(rows: Array<{ number: number; values: unknown[] }>): RosterTable {
  const table: RosterTable = { rows: [], rowNumbers: [], cellIssues: [], format: 'xlsx' };
  for (const { number, values } of rows) {
    const cells = values.map((v, c) => cellText(v, number, c, table.cellIssues));
    if (cells.every((c) => c === '')) continue;
    table.rows.push(cells);
    table.rowNumbers.push(number);
  }
  return table;
}

/** exceljs and its fork share the API: load the whole workbook, walk the first worksheet. */
function excelLike(moduleName: string): Reader {
  return async (bytes) => {
    const mod = depsRequire(moduleName);
    const Workbook = mod.Workbook ?? mod.default?.Workbook;
    const wb = new Workbook();
    await wb.xlsx.load(Buffer.from(bytes));
    const ws = wb.worksheets[0];
    const rows: Array<{ number: number; values: unknown[] }> = [];
    ws.eachRow({ includeEmpty: false }, (row: { number: number; values: unknown[] }) => {
      rows.push({ number: row.number, values: (row.values as unknown[]).slice(1) }); // values are 1-based
    });
    return tableOf(rows);
  };
}

const readers: Record<string, Reader> = {
  ours: async (bytes, name) => readRosterTable(bytes, name),
  exceljs: excelLike('exceljs'),
  excelts: excelLike('@cj-tech-master/excelts'),
  'read-excel-file': async (bytes) => {
    const { readSheet } = depsRequire('read-excel-file/node');
    const data: unknown[][] = await readSheet(Buffer.from(bytes));
    return tableOf(data.map((values, i) => ({ number: i + 1, values })));
  },
};

function peakMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function readAndValidate(candidate: string, file: string) {
  const bytes = new Uint8Array(readFileSync(file));
  const table = await readers[candidate](bytes, file);
  return validateRoster(table);
}

async function measure(candidate: string, file: string) {
  const reader = readers[candidate];
  if (!reader) throw new Error(`unknown candidate ${candidate}`);
  if (candidate !== 'ours') depsRequire(candidate === 'excelts' ? '@cj-tech-master/excelts' : candidate === 'read-excel-file' ? 'read-excel-file/node' : candidate);
  const bytes = new Uint8Array(readFileSync(file));
  const baseline = process.memoryUsage().rss / 1048576;
  let started = performance.now();
  let result = validateRoster(await reader(bytes, file));
  const coldMs = performance.now() - started;
  const peak = peakMb() - baseline;
  let warmMs = Infinity;
  for (let i = 0; i < 3; i++) {
    started = performance.now();
    result = validateRoster(await reader(bytes, file));
    warmMs = Math.min(warmMs, performance.now() - started);
  }
  return { coldMs, warmMs, peakMb: peak, dataRows: result.dataRows, cleanRows: result.cleanRows, problems: result.problems.length };
}

async function probe(candidate: string, file: string) {
  const started = performance.now();
  const baseline = process.memoryUsage().rss / 1048576;
  try {
    const result = await readAndValidate(candidate, file);
    return {
      outcome: 'read',
      ms: performance.now() - started,
      peakMb: peakMb() - baseline,
      students: result.students.slice(0, 2).map((s) => ({ studentNo: s.studentNo, name: s.name, secondFactor: s.secondFactor })),
      problems: result.problems.slice(0, 3).map((p) => `${p.code}: ${p.message}`),
    };
  } catch (e) {
    const err = e as { code?: string; message: string };
    return { outcome: 'refused', ms: performance.now() - started, peakMb: peakMb() - baseline, error: `${err.code ?? ''} ${err.message}`.trim().slice(0, 160) };
  }
}

/** The whole import as the committee's action and the import command run it (server/features/roster/import-roster.ts). */
async function sqlite(file: string, dbFile: string) {
  const key = randomBytes(32).toString('hex');
  const bytes = new Uint8Array(readFileSync(file));
  const storage = new SqliteStorage({ file: dbFile });
  const t = performance.now();
  const report = await importRoster(storage, bytes, file, { commit: true, cleanRowsOnly: false, idHashKey: key, actor: 'bench', now: new Date() });
  const totalMs = performance.now() - t;
  await storage.close();
  return { totalMs, students: report.created + report.updated, committed: report.committed, peakMb: peakMb() };
}

/** The roster as Excel users make it: student numbers and phones as number cells, the rest as shared strings. */
function rosterXlsx(count: number): Uint8Array {
  const rows: CellSpec[][] = rosterRows(count).map((row, i) => (i === 0 ? row : row.map((v, c) => (c === 0 || c === 7 ? Number(v) : v))));
  return buildXlsx(rows);
}

function generate(dir: string) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'roster-10000.xlsx'), rosterXlsx(10_000));
  writeFileSync(join(dir, 'roster-10000.csv'), buildCsv(rosterRows(10_000), 'utf8-bom'));
  writeFileSync(join(dir, 'roster-10000-gbk.csv'), buildCsv(rosterRows(10_000), 'gbk'));
  // 150 MB of sheet XML that zips to about 150 KB: the directory tells the truth, the size is the attack.
  const head = Buffer.from('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>学号</t></is></c></row>');
  const tail = Buffer.from('</sheetData></worksheet>');
  const bomb = Buffer.concat([head, Buffer.alloc(150 * 1024 * 1024, 0x20), tail]);
  writeFileSync(join(dir, 'bomb-150mb.xlsx'), buildXlsx([['x']], { parts: [{ name: 'xl/worksheets/sheet1.xml', data: bomb }] }));
  const row = (name: CellSpec, no: CellSpec = '2024000001', last6: CellSpec = '012345'): CellSpec[] => [no, name, '信息工程学院', '计科2401班', '计科2401团支部', '是', '2024级', '', last6];
  writeFileSync(join(dir, 'formula-no-cache.xlsx'), buildXlsx([ROSTER_HEADER, row({ formula: 'CONCAT("张","三")' })]));
  writeFileSync(join(dir, 'zero-padded.xlsx'), buildXlsx([ROSTER_HEADER, row('张三', '2024000001', { raw: '12345', format: '000000' })]));
  writeFileSync(join(dir, 'proto-header.xlsx'), buildXlsx([[...ROSTER_HEADER, '__proto__', 'constructor'], [...row('张三'), '{"polluted":1}', 'x']]));
}

async function main() {
  const [mode, a, b] = process.argv.slice(2);
  let out: unknown;
  if (mode === 'generate') out = (generate(a), { ok: true });
  else if (mode === 'measure') out = await measure(a, b);
  else if (mode === 'probe') out = { ...(await probe(a, b)), polluted: ({} as Record<string, unknown>).polluted !== undefined };
  else if (mode === 'sqlite') out = await sqlite(a, b);
  else throw new Error(`unknown mode ${mode}`);
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((e) => {
  process.stdout.write(`${JSON.stringify({ failed: String((e as Error)?.message ?? e).slice(0, 200) })}\n`);
  process.exit(0);
});

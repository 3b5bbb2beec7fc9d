import { createHash } from 'node:crypto';
import type { AwardDraft, CreditModule } from '../../../core';
import { parseStudentNo } from '../roster/fields';
import { headerKey } from '../roster/headers';
import { ROSTER_LIMITS } from '../../spreadsheets/limits';
import type { RosterTable } from '../../spreadsheets/table';

/**
 * 批量手工记分: a table (xlsx or CSV, read by the roster's reader) with 学号, 模块 (name or id), 学分 and 事由, checked
 * row by row in sentences the committee can act on. Pure: which students exist is asked through `knownStudent`.
 * Each clean row becomes an award keyed `man:<file>:<row>` (the file's SHA-256, first 16 hex): the same file
 * imported twice awards nothing the second time, while two different files never collide.
 */
export type AwardColumn = 'studentNo' | 'module' | 'amount' | 'reason';

const LABELS: Record<AwardColumn, string> = { studentNo: '学号', module: '模块', amount: '学分', reason: '事由' };

const SYNONYMS: Record<AwardColumn, string[]> = {
  studentNo: ['学号', '学生学号', '学生号', 'studentno', 'studentid'],
  module: ['模块', '模块名称', '模块编号', '学分模块', '所属模块', '类别', 'module'],
  amount: ['学分', '学分数', '记分', '分值', '加分', 'credits', 'amount'],
  reason: ['事由', '原因', '理由', '说明', '记分事由', '备注', 'reason'],
};

const BY_KEY = new Map<string, AwardColumn>();
for (const [column, names] of Object.entries(SYNONYMS) as Array<[AwardColumn, string[]]>) {
  for (const name of names) BY_KEY.set(headerKey(name), column);
}

/** A manual award is at most this much (a typo of 200 for 2.00 is refused, not credited). */
export const MAX_MANUAL_AWARD = 2_000;
const MAX_REASON_CHARS = 200;

export interface AwardProblem {
  row: number;
  column?: string;
  code: 'MISSING_COLUMN' | 'NO_ROWS' | 'TOO_MANY_ROWS' | 'BAD_STUDENT_NO' | 'UNKNOWN_STUDENT' | 'UNKNOWN_MODULE' | 'BAD_AMOUNT' | 'MISSING_REASON' | 'FORMULA';
  message: string;
}

export interface AwardRow {
  /** 1-based row in the file. */
  row: number;
  studentNo: string;
  module: string;
  /** Hundredths. */
  amount: number;
  reason: string;
}

export interface AwardValidation {
  dataRows: number;
  rows: AwardRow[];
  problems: AwardProblem[];
}

/** The student numbers a table names (for looking them up in one go before validating). */
export function studentNosOf(table: RosterTable): string[] {
  const { index, columns } = findHeader(table.rows);
  const column = columns.studentNo;
  if (column === null) return [];
  const out = new Set<string>();
  for (let i = index + 1; i < table.rows.length; i++) {
    const parsed = parseStudentNo(table.rows[i][column] ?? '');
    if (parsed.ok) out.add(parsed.value);
  }
  return [...out];
}

function findHeader(rows: string[][]): { index: number; columns: Record<AwardColumn, number | null> } {
  const limit = Math.min(rows.length, ROSTER_LIMITS.maxRowsBeforeHeader + 1);
  let best = { index: 0, columns: mapHeader(rows[0] ?? []) };
  for (let i = 0; i < limit; i++) {
    const columns = mapHeader(rows[i]);
    if (columns.studentNo !== null && columns.amount !== null) return { index: i, columns };
    if (i === 0) best = { index: 0, columns };
  }
  return best;
}

function mapHeader(cells: string[]): Record<AwardColumn, number | null> {
  const columns: Record<AwardColumn, number | null> = { studentNo: null, module: null, amount: null, reason: null };
  cells.forEach((text, c) => {
    const column = text ? BY_KEY.get(headerKey(text)) : undefined;
    if (column && columns[column] === null) columns[column] = c;
  });
  return columns;
}

/** 2, 2.5, 0.25 → hundredths; null unless a positive number with at most two decimals. */
export function parseAwardAmount(raw: string): number | null {
  const text = raw.normalize('NFKC').replace(/\s+/g, '');
  if (!/^\d+(\.\d+)?$/.test(text)) return null;
  const value = Number(text);
  const hundredths = Math.round(value * 100);
  // Spreadsheets may write 0.3 as 0.30000000000000004: tolerate float noise, not a third decimal.
  if (!Number.isFinite(value) || Math.abs(value * 100 - hundredths) > 1e-6 || hundredths <= 0) return null;
  return hundredths;
}

function clip(text: string): string {
  return [...text].length > 20 ? `${[...text].slice(0, 20).join('')}…` : text;
}

export function validateAwards(
  table: RosterTable,
  modules: readonly CreditModule[],
  knownStudent: (studentNo: string) => boolean,
): AwardValidation {
  const rowNumber = (i: number) => table.rowNumbers[i] ?? i + 1;
  const { index, columns } = findHeader(table.rows);
  const problems: AwardProblem[] = [];
  const missing = (['studentNo', 'module', 'amount', 'reason'] as const).filter((c) => columns[c] === null);
  if (missing.length) {
    for (const c of missing) {
      problems.push({
        row: rowNumber(index),
        column: LABELS[c],
        code: 'MISSING_COLUMN',
        message: `缺少「${LABELS[c]}」列：表头应包含 学号、模块、学分、事由（可用「${SYNONYMS[c].filter((s) => /[\u4e00-\u9fff]/.test(s)).slice(0, 3).join('」「')}」）`,
      });
    }
    return { dataRows: 0, rows: [], problems };
  }
  const dataRows = table.rows.length - index - 1;
  if (dataRows <= 0) {
    problems.push({ row: rowNumber(index), code: 'NO_ROWS', message: '表头下面没有数据，请检查是否选错了文件' });
    return { dataRows: 0, rows: [], problems };
  }
  if (dataRows > ROSTER_LIMITS.maxDataRows) {
    problems.push({ row: rowNumber(index), code: 'TOO_MANY_ROWS', message: `共 ${dataRows} 行，超过 ${ROSTER_LIMITS.maxDataRows} 行，请分成几个文件导入` });
    return { dataRows, rows: [], problems };
  }

  const byName = new Map<string, CreditModule>();
  for (const m of modules) {
    byName.set(m.id.toLowerCase(), m);
    byName.set(m.name.normalize('NFKC').replace(/\s+/g, ''), m);
  }
  const formulaCells = new Set((table.cellIssues ?? []).map((issue) => `${issue.row}:${issue.column}`));
  const rows: AwardRow[] = [];
  for (let i = index + 1; i < table.rows.length; i++) {
    const row = rowNumber(i);
    const cells = table.rows[i];
    const cell = (c: AwardColumn) => cells[columns[c]!] ?? '';
    const rowProblems: AwardProblem[] = [];
    const add = (c: AwardColumn, code: AwardProblem['code'], message: string) =>
      rowProblems.push({ row, column: LABELS[c], code, message: `第 ${row} 行：${message}` });

    for (const c of ['studentNo', 'module', 'amount', 'reason'] as const) {
      if (formulaCells.has(`${row}:${columns[c]}`) || cell(c).startsWith('=')) {
        add(c, 'FORMULA', `「${LABELS[c]}」是公式或公式错误，请改为直接填写`);
      }
    }
    if (rowProblems.length) {
      problems.push(...rowProblems);
      continue;
    }

    const studentNo = parseStudentNo(cell('studentNo'));
    if (!studentNo.ok) add('studentNo', 'BAD_STUDENT_NO', studentNo.message);
    else if (!knownStudent(studentNo.value)) add('studentNo', 'UNKNOWN_STUDENT', `学号 ${studentNo.value} 不在学生名单中，请核对学号`);

    const moduleText = cell('module');
    const module = byName.get(moduleText.normalize('NFKC').replace(/\s+/g, '')) ?? byName.get(moduleText.trim().toLowerCase());
    if (!moduleText) add('module', 'UNKNOWN_MODULE', '模块为空，请填写模块名称（如「社会实践与志愿服务」）或编号');
    else if (!module) add('module', 'UNKNOWN_MODULE', `模块「${clip(moduleText)}」不存在，请填写现有模块的名称或编号`);
    else if (!module.active) add('module', 'UNKNOWN_MODULE', `模块「${module.name}」已停用，不能再记分`);

    const amountText = cell('amount');
    const amount = parseAwardAmount(amountText);
    if (amount === null) add('amount', 'BAD_AMOUNT', amountText ? `学分「${clip(amountText)}」应为大于 0、最多两位小数的数字` : '学分为空');
    else if (amount > MAX_MANUAL_AWARD) add('amount', 'BAD_AMOUNT', `学分 ${amount / 100} 过大，单条手工记分不能超过 ${MAX_MANUAL_AWARD / 100} 学分`);

    const reason = cell('reason').replace(/\s+/g, ' ').trim();
    if (!reason) add('reason', 'MISSING_REASON', '事由为空，请写明记分原因（如「校运会志愿者」）');
    else if ([...reason].length > MAX_REASON_CHARS) add('reason', 'MISSING_REASON', `事由超过 ${MAX_REASON_CHARS} 个字，请精简`);

    if (rowProblems.length) {
      problems.push(...rowProblems);
      continue;
    }
    rows.push({ row, studentNo: (studentNo as { value: string }).value, module: module!.id, amount: amount!, reason });
  }
  return { dataRows, rows, problems };
}

/** The first 16 hex of the file's SHA-256: the same bytes, the same keys. */
export function fileKey(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

export function awardDrafts(rows: readonly AwardRow[], file: string, fileName: string, by: string, now: Date): AwardDraft[] {
  return rows.map((r) => ({
    base: `man:${file}:${r.row}`,
    studentNo: r.studentNo,
    module: r.module,
    amount: r.amount,
    hours: 0,
    sourceType: 'manual',
    eventId: null,
    rule: `手工记分（${clip(fileName)} 第 ${r.row} 行）`,
    reason: r.reason,
    confirmedBy: by,
    at: now.toISOString(),
  }));
}

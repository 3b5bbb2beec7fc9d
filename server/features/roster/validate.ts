import type { StudentRecord } from '../../../core/records';
import { columnLetter } from '../../spreadsheets/cells';
import {
  type FieldResult,
  parseGrade,
  parseLeagueMember,
  parseName,
  parsePhone,
  parseSecondFactor,
  parseStudentNo,
  parseText,
} from './fields';
import { FIELD_LABELS, REQUIRED_FIELDS, ROSTER_FIELDS, type RosterField, fieldOfHeader, synonymsOf } from './headers';
import { ROSTER_LIMITS } from '../../spreadsheets/limits';
import type { RosterTable } from '../../spreadsheets/table';

export type RosterProblemCode =
  | 'MISSING_COLUMN'
  | 'DUPLICATE_COLUMN'
  | 'IGNORED_COLUMN'
  | 'NO_ROWS'
  | 'TOO_MANY_ROWS'
  | 'DUPLICATE_STUDENT_NO'
  | 'BAD_STUDENT_NO'
  | 'MISSING_NAME'
  | 'MISSING_VALUE'
  | 'BAD_FORMAT'
  | 'UNKNOWN_BRANCH'
  | 'FORMULA';

export interface RosterProblem {
  /** 1-based row in the file (the header's row for problems with the header). */
  row: number;
  /** The column's name as the template calls it (学号, 姓名, …), when the problem is about one column. */
  column?: string;
  code: RosterProblemCode;
  /** error: the row (or, on the header, the whole file) is not imported; warning: imported, but worth a look. */
  severity: 'error' | 'warning';
  message: string;
}

/** A roster row ready to become a StudentRecord; the caller adds the openid and hashes the second factor. */
export type RosterStudent = Omit<StudentRecord, 'openid' | 'secondFactorHash'> & {
  /** 1-based row in the file. */
  row: number;
  phone?: string;
  /** The ID number's last six characters, raw (upper-case X): to be hashed by the caller, never stored as is. */
  secondFactor?: string;
};

export interface RosterHeader {
  /** 1-based row of the header in the file (title rows above it are skipped). */
  row: number;
  /** 0-based column of each field, null when the file has no such column. */
  columns: Record<RosterField, number | null>;
  /** Header cells that name no roster column, as written. */
  ignored: string[];
}

export interface RosterValidation {
  header: RosterHeader;
  /** Rows without errors (they may have warnings), in file order. */
  students: RosterStudent[];
  problems: RosterProblem[];
  /** Data rows below the header. */
  dataRows: number;
  /** Data rows without errors: students.length. */
  cleanRows: number;
}

export interface ValidateOptions {
  /** Branch names that exist; a row naming another branch is refused. null/undefined: any branch is accepted. */
  knownBranches?: Set<string> | null;
}

/** How many rows from the top may hold the header (title rows first, as some exports do). */
const HEADER_SEARCH_ROWS = ROSTER_LIMITS.maxRowsBeforeHeader + 1;

/**
 * Checks a roster table row by row and says, in sentences an admin can act on, what is wrong where. Pure: no I/O, no
 * clock. When a required column is missing or doubled, the header problems are all that is reported and no row is
 * read, since every row would be wrong for the same reason.
 */
export function validateRoster(table: RosterTable, options: ValidateOptions = {}): RosterValidation {
  const rowNumber = (i: number) => table.rowNumbers?.[i] ?? i + 1;
  const headerIndex = findHeaderRow(table.rows);
  const header = mapHeader(table.rows[headerIndex] ?? [], rowNumber(headerIndex));
  const problems = headerProblems(header.header, header.duplicates);
  const result = (students: RosterStudent[], dataRows: number): RosterValidation => ({
    header: header.header,
    students,
    problems,
    dataRows,
    cleanRows: students.length,
  });
  if (problems.some((p) => p.severity === 'error')) return result([], 0);

  const dataRows = table.rows.length - headerIndex - 1;
  if (dataRows <= 0) {
    problems.push(fileProblem(header.header.row, 'NO_ROWS', '表头下面没有学生数据，请检查是否选错了文件'));
    return result([], 0);
  }
  if (dataRows > ROSTER_LIMITS.maxDataRows) {
    problems.push(fileProblem(header.header.row, 'TOO_MANY_ROWS', `名单有 ${dataRows} 行，超过 ${ROSTER_LIMITS.maxDataRows} 行，请按学院分成几个文件分别导入`));
    return result([], dataRows);
  }

  const issuesByRow = new Map<number, RosterTable['cellIssues']>();
  for (const issue of table.cellIssues ?? []) {
    const list = issuesByRow.get(issue.row);
    if (list) list.push(issue);
    else issuesByRow.set(issue.row, [issue]);
  }
  const fieldOfColumn = new Map<number, RosterField>();
  for (const field of ROSTER_FIELDS) {
    const column = header.header.columns[field];
    if (column !== null) fieldOfColumn.set(column, field);
  }

  const students: RosterStudent[] = [];
  const firstRowOf = new Map<string, number>();
  for (let i = headerIndex + 1; i < table.rows.length; i++) {
    const row = rowNumber(i);
    const check = new RowCheck(row);
    const cells = table.rows[i];
    const cell = (field: RosterField) => {
      const column = header.header.columns[field];
      return column === null ? '' : (cells[column] ?? '');
    };

    for (const issue of issuesByRow.get(row) ?? []) {
      const field = fieldOfColumn.get(issue.column);
      if (!field) continue; // a formula in a column the roster does not use is no concern
      const label = FIELD_LABELS[field];
      check.error(
        'FORMULA',
        field,
        issue.kind === 'error-value'
          ? `「${label}」是公式错误值${issue.value ? ` ${issue.value}` : ''}，请修正公式或改为直接填写后重新导入`
          : `「${label}」是公式且文件中没有计算结果，请在 Excel 中打开并保存，或把公式「粘贴为数值」后重新导入`,
      );
    }
    for (const field of ROSTER_FIELDS) {
      if (cell(field).startsWith('=')) check.error('FORMULA', field, `「${FIELD_LABELS[field]}」以 = 开头，看起来是公式，请直接填写内容`);
    }
    if (check.hasError) {
      problems.push(...check.problems);
      continue;
    }

    const studentNo = check.field('studentNo', parseStudentNo(cell('studentNo')), { missing: 'BAD_STUDENT_NO', bad: 'BAD_STUDENT_NO' });
    const name = check.field('name', parseName(cell('name')), { missing: 'MISSING_NAME' });
    const college = check.field('college', parseText('学院', cell('college')));
    const className = check.field('className', parseText('班级', cell('className')));
    const branch = check.field('branch', parseText('团支部', cell('branch')));
    const grade = check.field('grade', parseGrade(cell('grade')));
    const isLeagueMember = check.field('isLeagueMember', parseLeagueMember(cell('isLeagueMember')));
    const phone = check.field('phone', parsePhone(cell('phone')));
    const secondFactor = check.field('secondFactor', parseSecondFactor(cell('secondFactor')));

    if (branch !== undefined && options.knownBranches && !options.knownBranches.has(branch)) {
      check.error('UNKNOWN_BRANCH', 'branch', `团支部「${branch}」不在系统的团支部名单中，请核对名称（含全角/半角括号）或先添加该团支部`);
    }
    if (studentNo !== undefined) {
      const first = firstRowOf.get(studentNo);
      if (first !== undefined) check.error('DUPLICATE_STUDENT_NO', 'studentNo', `学号 ${studentNo} 与第 ${first} 行重复`);
      else firstRowOf.set(studentNo, row);
    }
    problems.push(...check.problems);
    if (check.hasError) continue;
    students.push({
      row,
      studentNo: studentNo!,
      name: name!,
      college: college!,
      className: className!,
      branch: branch!,
      grade: grade!,
      isLeagueMember: isLeagueMember!,
      ...(phone ? { phone } : {}),
      ...(secondFactor ? { secondFactor } : {}),
    });
  }
  return result(students, dataRows);
}

/** The problems of one row, each message prefixed 「第 N 行：」. */
class RowCheck {
  readonly problems: RosterProblem[] = [];
  hasError = false;
  constructor(private readonly row: number) {}

  error(code: RosterProblemCode, field: RosterField, message: string): void {
    this.hasError = true;
    this.problems.push({ row: this.row, column: FIELD_LABELS[field], code, severity: 'error', message: `第 ${this.row} 行：${message}` });
  }

  warning(code: RosterProblemCode, field: RosterField, message: string): void {
    this.problems.push({ row: this.row, column: FIELD_LABELS[field], code, severity: 'warning', message: `第 ${this.row} 行：${message}` });
  }

  /** The value, or undefined after recording the refusal: MISSING_VALUE when blank, BAD_FORMAT otherwise, unless named. */
  field<T>(field: RosterField, result: FieldResult<T>, codes: { missing?: RosterProblemCode; bad?: RosterProblemCode } = {}): T | undefined {
    if (!result.ok) {
      const code = result.missing ? (codes.missing ?? 'MISSING_VALUE') : (codes.bad ?? 'BAD_FORMAT');
      this.error(code, field, result.message);
      return undefined;
    }
    if (result.warning) this.warning(result.warning.missing ? 'MISSING_VALUE' : 'BAD_FORMAT', field, result.warning.message);
    return result.value;
  }
}

/** The header is the first of the top rows that names both 学号 and 姓名; failing that, the first row. */
function findHeaderRow(rows: string[][]): number {
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < limit; i++) {
    const fields = new Set(rows[i].map((h) => fieldOfHeader(h)));
    if (fields.has('studentNo') && fields.has('name')) return i;
  }
  return 0;
}

function mapHeader(cells: string[], row: number) {
  const columns = Object.fromEntries(ROSTER_FIELDS.map((f) => [f, null])) as Record<RosterField, number | null>;
  const ignored: string[] = [];
  const duplicates: Array<{ field: RosterField; columns: number[] }> = [];
  cells.forEach((text, column) => {
    if (!text) return;
    const field = fieldOfHeader(text);
    if (!field) {
      ignored.push(text);
      return;
    }
    const seen = columns[field];
    if (seen === null) {
      columns[field] = column;
      return;
    }
    const dup = duplicates.find((d) => d.field === field);
    if (dup) dup.columns.push(column);
    else duplicates.push({ field, columns: [seen, column] });
  });
  return { header: { row, columns, ignored }, duplicates };
}

function headerProblems(header: RosterHeader, duplicates: Array<{ field: RosterField; columns: number[] }>): RosterProblem[] {
  const problems: RosterProblem[] = [];
  const missing = REQUIRED_FIELDS.filter((f) => header.columns[f] === null);
  for (const field of missing) {
    problems.push({
      row: header.row,
      column: FIELD_LABELS[field],
      code: 'MISSING_COLUMN',
      severity: 'error',
      message: `第 ${header.row} 行（表头）：缺少「${FIELD_LABELS[field]}」列（可写作：${synonymsOf(field).join('、')}），请按模板修改表头后重新导入`,
    });
  }
  for (const { field, columns } of duplicates) {
    problems.push({
      row: header.row,
      column: FIELD_LABELS[field],
      code: 'DUPLICATE_COLUMN',
      severity: 'error',
      message: `第 ${header.row} 行（表头）：第 ${columns.map(columnLetter).join('、')} 列都是「${FIELD_LABELS[field]}」，请只保留一列`,
    });
  }
  if (header.ignored.length && !missing.length) {
    const names = header.ignored.slice(0, 5).map((h) => `「${h.length > 20 ? `${h.slice(0, 20)}…` : h}」`);
    problems.push({
      row: header.row,
      code: 'IGNORED_COLUMN',
      severity: 'warning',
      message: `第 ${header.row} 行（表头）：${names.join('、')}${header.ignored.length > 5 ? ` 等 ${header.ignored.length} 列` : ' 列'}不是名单需要的，已忽略`,
    });
  }
  return problems;
}

function fileProblem(row: number, code: RosterProblemCode, message: string): RosterProblem {
  return { row, code, severity: 'error', message };
}

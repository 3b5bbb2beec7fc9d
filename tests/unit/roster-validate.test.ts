import { readRosterTable } from '../../server/spreadsheets/read-table';
import type { RosterTable } from '../../server/spreadsheets/table';
import { validateRoster } from '../../server/features/roster/validate';
import { buildCsv, buildXlsx, type CellSpec, ROSTER_HEADER, rosterRow, rosterRows } from '../support/roster-files';

/** A table as a reader would give it, from plain rows (row numbers 1, 2, 3…). */
function table(rows: string[][], extra: Partial<RosterTable> = {}): RosterTable {
  return { rows, rowNumbers: rows.map((_, i) => i + 1), cellIssues: [], format: 'csv', ...extra };
}

/** The header and one clean row, with some cells replaced: { 1: '' } blanks the name. */
function withRow(changes: Record<number, string>): string[][] {
  const row = rosterRow(1);
  for (const [i, v] of Object.entries(changes)) row[Number(i)] = v;
  return [ROSTER_HEADER, row];
}

const STUDENT_NO = 0;
const NAME = 1;
const BRANCH = 4;
const MEMBER = 5;
const GRADE = 6;
const PHONE = 7;
const LAST6 = 8;

describe('validating a roster', () => {
  it('imports a clean xlsx roster as students with normalised values', () => {
    const file = buildXlsx([ROSTER_HEADER, ['2024010101', '张三', '信息工程学院', '计科2401班', '计科2401团支部', '是', '2024', '138 0013 8000', '01234x']]);
    const result = validateRoster(readRosterTable(file, '名单.xlsx'));
    expect(result.problems).toEqual([]);
    expect(result.cleanRows).toBe(1);
    expect(result.students).toEqual([
      {
        row: 2,
        studentNo: '2024010101',
        name: '张三',
        college: '信息工程学院',
        className: '计科2401班',
        branch: '计科2401团支部',
        grade: '2024级',
        isLeagueMember: true,
        phone: '13800138000',
        secondFactor: '01234X',
      },
    ]);
  });

  it.each(['utf8-bom', 'gbk'] as const)('imports a clean CSV roster (%s)', (encoding) => {
    const result = validateRoster(readRosterTable(buildCsv(rosterRows(50), encoding), '名单.csv'));
    expect(result.problems).toEqual([]);
    expect(result.cleanRows).toBe(50);
    expect(result.students[0].name).toBe(rosterRow(1)[NAME]);
  });

  it('imports a 10,000-row roster without a problem', () => {
    const result = validateRoster(readRosterTable(buildXlsx(rosterRows(10_000)), '名单.xlsx'));
    expect(result.dataRows).toBe(10_000);
    expect(result.cleanRows).toBe(10_000);
    expect(result.problems).toEqual([]);
  });

  it('keeps the digits of a student number stored as a number cell', () => {
    const row: CellSpec[] = rosterRow(1);
    row[STUDENT_NO] = 2024010101;
    row[PHONE] = 13800138000;
    const result = validateRoster(readRosterTable(buildXlsx([ROSTER_HEADER, row]), 'r.xlsx'));
    expect(result.students[0]).toMatchObject({ studentNo: '2024010101', phone: '13800138000' });
  });
});

describe('the header', () => {
  it('recognises header variants whatever their case, spacing, width or notes', () => {
    const header = [' 学 号 ', 'Student No', '学生姓名', '学院（必填）', '行政班', '所在团支部', '是否团员*', '入学年级', '联系电话', '身份证号后6位'];
    const row = ['x', ...rosterRow(1)];
    row[0] = '';
    const result = validateRoster(table([header, row]));
    expect(result.problems.filter((p) => p.code === 'DUPLICATE_COLUMN')).toHaveLength(1); // 学号 and Student No
    const single = validateRoster(table([header.slice(1), rosterRow(1)]));
    expect(single.problems).toEqual([]);
    expect(single.header.columns).toEqual({
      studentNo: 0, name: 1, college: 2, className: 3, branch: 4, isLeagueMember: 5, grade: 6, phone: 7, secondFactor: 8,
    });
  });

  it('accepts 二级学院 and 学院 for the college column', () => {
    for (const college of ['二级学院', '学院', '院系']) {
      const header = ROSTER_HEADER.map((h) => (h === '二级学院' ? college : h));
      expect(validateRoster(table([header, rosterRow(1)])).cleanRows).toBe(1);
    }
  });

  it('reports each missing required column on the header row and reads no row', () => {
    const result = validateRoster(table([['学号', '姓名', '班级', '备注'], ['2024000001', '张三', '计科2401班', '']]));
    expect(result.students).toEqual([]);
    expect(result.problems.map((p) => [p.row, p.code, p.column])).toEqual([
      [1, 'MISSING_COLUMN', '学院'],
      [1, 'MISSING_COLUMN', '团支部'],
      [1, 'MISSING_COLUMN', '年级'],
      [1, 'MISSING_COLUMN', '是否团员'],
    ]);
    expect(result.problems[0].message).toBe('第 1 行（表头）：缺少「学院」列（可写作：二级学院、学院、所在学院、所属学院），请按模板修改表头后重新导入');
  });

  it('reports wrong columns (a file of another kind) as missing columns', () => {
    const result = validateRoster(table([['活动名称', '时间', '地点'], ['讲座', '周一', '报告厅']]));
    expect(result.problems.filter((p) => p.code === 'MISSING_COLUMN')).toHaveLength(7);
    expect(result.cleanRows).toBe(0);
  });

  it('refuses two columns of the same meaning, naming their letters', () => {
    const result = validateRoster(table([[...ROSTER_HEADER, '学号'], rosterRow(1)]));
    expect(result.problems).toEqual([
      expect.objectContaining({ code: 'DUPLICATE_COLUMN', severity: 'error', message: '第 1 行（表头）：第 A、J 列都是「学号」，请只保留一列' }),
    ]);
  });

  it('finds the header below title rows and counts rows as in the file', () => {
    const nameless = rosterRow(2);
    nameless[NAME] = '';
    const file = buildXlsx([['2024级学生名单'], [], ROSTER_HEADER, rosterRow(1), nameless]);
    const result = validateRoster(readRosterTable(file, 'r.xlsx'));
    expect(result.header.row).toBe(3);
    expect(result.students.map((s) => s.row)).toEqual([4]);
    expect(result.problems).toEqual([expect.objectContaining({ row: 5, code: 'MISSING_NAME', message: '第 5 行：姓名为空' })]);
  });

  it('ignores unknown columns with one warning, and a __proto__ or constructor header pollutes nothing', () => {
    const header = [...ROSTER_HEADER, '__proto__', 'constructor', 'hasOwnProperty', '备注'];
    const row = [...rosterRow(1), '{"polluted":true}', 'x', 'y', 'z'];
    const result = validateRoster(table([header, row]));
    expect(result.cleanRows).toBe(1);
    expect(result.header.ignored).toEqual(['__proto__', 'constructor', 'hasOwnProperty', '备注']);
    expect(result.problems).toEqual([expect.objectContaining({ code: 'IGNORED_COLUMN', severity: 'warning' })]);
    expect(Object.keys(result.students[0]).sort()).toEqual(
      ['branch', 'className', 'college', 'grade', 'isLeagueMember', 'name', 'phone', 'row', 'secondFactor', 'studentNo'].sort(),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(result.header.columns)).toBe(Object.prototype);
  });

  it('reads a __proto__ header from an xlsx file as plain text', () => {
    const file = buildXlsx([[...ROSTER_HEADER, '__proto__'], [...rosterRow(1), 'x']]);
    const result = validateRoster(readRosterTable(file, 'r.xlsx'));
    expect(result.cleanRows).toBe(1);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('says so when the header has no rows below it', () => {
    const result = validateRoster(table([ROSTER_HEADER]));
    expect(result.problems).toEqual([expect.objectContaining({ code: 'NO_ROWS', severity: 'error' })]);
  });
});

describe('rows', () => {
  it('refuses a student number seen on an earlier row, naming both rows', () => {
    const rows = [ROSTER_HEADER, rosterRow(1), rosterRow(2), rosterRow(3), rosterRow(4)];
    rows[4][STUDENT_NO] = rosterRow(1)[STUDENT_NO].toLowerCase();
    const result = validateRoster(table(rows));
    expect(result.cleanRows).toBe(3);
    expect(result.problems).toEqual([
      { row: 5, column: '学号', code: 'DUPLICATE_STUDENT_NO', severity: 'error', message: '第 5 行：学号 2024000001 与第 2 行重复' },
    ]);
  });

  it('refuses a row without a name', () => {
    const result = validateRoster(table(withRow({ [NAME]: '' })));
    expect(result.problems).toEqual([{ row: 2, column: '姓名', code: 'MISSING_NAME', severity: 'error', message: '第 2 行：姓名为空' }]);
    expect(result.cleanRows).toBe(0);
  });

  it.each([['张3'], ['张三（转）'], ['=HYPERLINK("x")'], ['一'.repeat(31)]])('refuses the name %s', (name) => {
    const [problem] = validateRoster(table(withRow({ [NAME]: name }))).problems;
    expect(problem).toMatchObject({ row: 2, column: '姓名', severity: 'error' });
  });

  it.each([['买买提·艾力'], ['Anna Smith'], ["O'Neil"]])('accepts the name %s', (name) => {
    expect(validateRoster(table(withRow({ [NAME]: name }))).students[0].name).toBe(name);
  });

  it.each([['12345'], ['2024-0101'], ['2024 0101 01'.replace(/ /g, '/')], ['x'.repeat(21)], ['']])('refuses the student number "%s"', (no) => {
    const [problem] = validateRoster(table(withRow({ [STUDENT_NO]: no }))).problems;
    expect(problem).toMatchObject({ code: 'BAD_STUDENT_NO', column: '学号', severity: 'error' });
    expect(problem.message).toMatch(/^第 2 行：学号/);
  });

  it('folds full-width digits and upper-cases letters in student numbers', () => {
    expect(validateRoster(table(withRow({ [STUDENT_NO]: 'ｂ２０２４０１０１' }))).students[0].studentNo).toBe('B20240101');
  });

  it.each([
    ['2024', '2024级'],
    ['2024级', '2024级'],
    ['2024 级', '2024级'],
    ['24级', '2024级'],
    ['２０２３', '2023级'],
  ])('normalises the grade %s to %s', (raw, grade) => {
    expect(validateRoster(table(withRow({ [GRADE]: raw }))).students[0].grade).toBe(grade);
  });

  it.each([['2024届'], ['大一'], ['']])('refuses the grade "%s"', (raw) => {
    const [problem] = validateRoster(table(withRow({ [GRADE]: raw }))).problems;
    expect(problem).toMatchObject({ column: '年级', severity: 'error', code: raw ? 'BAD_FORMAT' : 'MISSING_VALUE' });
  });

  it.each([
    ['是', true], ['Y', true], ['yes', true], ['团员', true], ['共青团员', true], ['TRUE', true],
    ['否', false], ['N', false], ['群众', false], ['非团员', false], ['FALSE', false],
  ])('reads 是否团员 %s as %s', (raw, member) => {
    const result = validateRoster(table(withRow({ [MEMBER]: raw as string })));
    expect(result.problems).toEqual([]);
    expect(result.students[0].isLeagueMember).toBe(member);
  });

  it('imports a blank 是否团员 as 否 with a warning', () => {
    const result = validateRoster(table(withRow({ [MEMBER]: '' })));
    expect(result.students[0].isLeagueMember).toBe(false);
    expect(result.problems).toEqual([
      { row: 2, column: '是否团员', code: 'MISSING_VALUE', severity: 'warning', message: '第 2 行：是否团员为空，已按「否」导入' },
    ]);
  });

  it('refuses an unreadable 是否团员', () => {
    expect(validateRoster(table(withRow({ [MEMBER]: '中共党员' }))).problems[0]).toMatchObject({ code: 'BAD_FORMAT', severity: 'error' });
  });

  it('drops a bad phone number with a warning but imports the student', () => {
    const result = validateRoster(table(withRow({ [PHONE]: '1380013800' })));
    expect(result.cleanRows).toBe(1);
    expect(result.students[0].phone).toBeUndefined();
    expect(result.problems[0]).toMatchObject({ code: 'BAD_FORMAT', column: '手机号', severity: 'warning' });
  });

  it('takes the second factor upper-cased and leaves it out when blank', () => {
    expect(validateRoster(table(withRow({ [LAST6]: '12345x' }))).students[0].secondFactor).toBe('12345X');
    expect(validateRoster(table(withRow({ [LAST6]: '' }))).students[0]).not.toHaveProperty('secondFactor');
  });

  it('refuses a second factor that is not 6 characters, hinting at lost leading zeros, without quoting it', () => {
    for (const raw of ['12345', '1234567', 'X12345', '12345Y']) {
      const [problem] = validateRoster(table(withRow({ [LAST6]: raw }))).problems;
      expect(problem).toMatchObject({ code: 'BAD_FORMAT', column: '身份证后六位', severity: 'error' });
      expect(problem.message).not.toContain(raw);
    }
    expect(validateRoster(table(withRow({ [LAST6]: '12345' }))).problems[0].message).toContain('文本');
  });

  it('refuses a branch that is not known, when the known branches are given', () => {
    const rows = [ROSTER_HEADER, rosterRow(1), rosterRow(2)];
    const known = new Set([rosterRow(1)[BRANCH]]);
    const result = validateRoster(table(rows), { knownBranches: known });
    expect(result.cleanRows).toBe(1);
    expect(result.problems).toEqual([expect.objectContaining({ row: 3, code: 'UNKNOWN_BRANCH', column: '团支部' })]);
    expect(validateRoster(table(rows), { knownBranches: null }).cleanRows).toBe(2);
  });

  it('reports every problem of a row, and the row is not imported', () => {
    const result = validateRoster(table(withRow({ [STUDENT_NO]: '1', [NAME]: '', [GRADE]: 'x' })));
    expect(result.problems.map((p) => p.code)).toEqual(['BAD_STUDENT_NO', 'MISSING_NAME', 'BAD_FORMAT']);
    expect(result.students).toEqual([]);
  });
});

describe('formulas', () => {
  it('refuses a row whose used cell is a formula without a cached result', () => {
    const row: CellSpec[] = rosterRow(1);
    row[NAME] = { formula: 'CONCAT("张","三")' };
    const result = validateRoster(readRosterTable(buildXlsx([ROSTER_HEADER, row, rosterRow(2)]), 'r.xlsx'));
    expect(result.cleanRows).toBe(1);
    expect(result.problems).toEqual([
      {
        row: 2,
        column: '姓名',
        code: 'FORMULA',
        severity: 'error',
        message: '第 2 行：「姓名」是公式且文件中没有计算结果，请在 Excel 中打开并保存，或把公式「粘贴为数值」后重新导入',
      },
    ]);
  });

  it('takes the cached result of a formula', () => {
    const row: CellSpec[] = rosterRow(1);
    row[NAME] = { formula: 'CONCAT("张","三")', cached: '张三' };
    const result = validateRoster(readRosterTable(buildXlsx([ROSTER_HEADER, row]), 'r.xlsx'));
    expect(result.problems).toEqual([]);
    expect(result.students[0].name).toBe('张三');
  });

  it('refuses an error value such as #REF! in a used column', () => {
    const row: CellSpec[] = rosterRow(1);
    row[BRANCH] = { error: '#REF!' };
    const [problem] = validateRoster(readRosterTable(buildXlsx([ROSTER_HEADER, row]), 'r.xlsx')).problems;
    expect(problem).toMatchObject({ code: 'FORMULA', column: '团支部' });
    expect(problem.message).toContain('#REF!');
  });

  it('does not mind a formula in a column the roster does not use', () => {
    const row: CellSpec[] = [...rosterRow(1), { formula: 'NOW()' }];
    const result = validateRoster(readRosterTable(buildXlsx([[...ROSTER_HEADER, '备注'], row]), 'r.xlsx'));
    expect(result.cleanRows).toBe(1);
  });

  it('refuses text that starts with = in a CSV, which a spreadsheet would run as a formula', () => {
    const [problem] = validateRoster(table(withRow({ 2: '=cmd|"/c calc"!A1' }))).problems;
    expect(problem).toMatchObject({ code: 'FORMULA', column: '学院', severity: 'error' });
  });
});

describe('size', () => {
  it('refuses more than 20,000 student rows below the header', () => {
    const rows = [ROSTER_HEADER, ...Array.from({ length: 20_001 }, (_, i) => rosterRow(i + 1))];
    const result = validateRoster(table(rows));
    expect(result.students).toEqual([]);
    expect(result.problems).toEqual([expect.objectContaining({ code: 'TOO_MANY_ROWS', severity: 'error' })]);
  });
});

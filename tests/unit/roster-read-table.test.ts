import zlib from 'node:zlib';
import { readRosterTable, RosterFileError, type RosterFileErrorCode } from '../../server/spreadsheets/read-table';
import { buildCsv, buildXlsx, buildZip, encodeText, ROSTER_HEADER, rosterRow, rosterRows } from '../support/roster-files';

function refusal(run: () => unknown): RosterFileError {
  try {
    run();
  } catch (e) {
    if (e instanceof RosterFileError) return e;
    throw e;
  }
  throw new Error('expected a RosterFileError');
}

function expectRefused(run: () => unknown, code: RosterFileErrorCode): RosterFileError {
  const e = refusal(run);
  expect(e.code).toBe(code);
  expect(e.message).toMatch(/[\u4e00-\u9fff]/);
  return e;
}

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1]);

describe('reading an xlsx roster', () => {
  it('reads the first sheet as rows of trimmed text, whatever the file is called', () => {
    const file = buildXlsx([
      { name: '名单', rows: [ROSTER_HEADER, ['  2024000001 ', ' 张三 ', '信息工程学院']] },
      { name: '说明', rows: [['这张表不读']] },
    ]);
    const table = readRosterTable(file, 'upload.bin');
    expect(table.format).toBe('xlsx');
    expect(table.rows).toEqual([ROSTER_HEADER, ['2024000001', '张三', '信息工程学院']]);
    expect(table.rowNumbers).toEqual([1, 2]);
  });

  it('reads the first visible sheet when the first tab is hidden', () => {
    const file = buildXlsx([
      { name: '隐藏', hidden: true, rows: [['hidden']] },
      { name: '名单', rows: [['visible']] },
    ]);
    expect(readRosterTable(file, 'r.xlsx').rows).toEqual([['visible']]);
  });

  it('keeps the digits of student numbers stored as number cells', () => {
    const file = buildXlsx([
      [2024010101],
      [{ raw: '2.024010101E9' }],
      [{ raw: '202401010123456' }],
      [{ raw: '2024.0' }],
      [{ raw: '1.5E-3' }],
    ]);
    expect(readRosterTable(file, 'r.xlsx').rows.map((r) => r[0])).toEqual([
      '2024010101',
      '2024010101',
      '202401010123456',
      '2024',
      '0.0015',
    ]);
  });

  it('restores the leading zeros a zero-padded number format shows', () => {
    const file = buildXlsx([[{ raw: '123456', format: '0000000000' }, { raw: '12345', format: '000000' }, { raw: '42', format: '0.00' }]]);
    expect(readRosterTable(file, 'r.xlsx').rows[0]).toEqual(['0000123456', '012345', '42']);
  });

  it('reads inline strings, booleans and namespace-prefixed sheets', () => {
    const file = buildXlsx([[{ inline: ' 李四 ' }, { bool: true }, { bool: false }, 'a_x000D_b']], { prefixed: true });
    expect(readRosterTable(file, 'r.xlsx').rows[0]).toEqual(['李四', 'TRUE', 'FALSE', 'a\rb']);
  });

  it('gives a formula cell its cached result and never evaluates the formula', () => {
    const file = buildXlsx([[{ formula: '"2024"&"000001"', cached: '2024000001' }, { formula: '1+1', cached: 3 }]]);
    const table = readRosterTable(file, 'r.xlsx');
    expect(table.rows[0]).toEqual(['2024000001', '3']);
    expect(table.cellIssues).toEqual([]);
  });

  it('reports a formula without a cached result, and an error value, as issues of their row', () => {
    const file = buildXlsx([['header'], ['ok', { formula: 'A1&"x"' }], [{ error: '#REF!' }, 'x']]);
    const table = readRosterTable(file, 'r.xlsx');
    expect(table.cellIssues).toEqual([
      { row: 2, column: 1, kind: 'formula-without-value' },
      { row: 3, column: 0, kind: 'error-value', value: '#REF!' },
    ]);
  });

  it('leaves phonetic guides out of shared strings', () => {
    const sst =
      '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      '<si><r><t>张</t></r><r><t>三</t></r><rPh sb="0" eb="1"><t>ZHANG</t></rPh></si></sst>';
    const file = buildXlsx([['placeholder']], { parts: [{ name: 'xl/sharedStrings.xml', data: sst }] });
    expect(readRosterTable(file, 'r.xlsx').rows).toEqual([['张三']]);
  });

  it('drops blank rows but remembers the file row of every kept row', () => {
    const file = buildXlsx([ROSTER_HEADER, [], ['', '  '], rosterRow(1)]);
    const table = readRosterTable(file, 'r.xlsx');
    expect(table.rows.length).toBe(2);
    expect(table.rowNumbers).toEqual([1, 4]);
  });

  it('parses a 10,000-row roster', () => {
    const table = readRosterTable(buildXlsx(rosterRows(10_000)), 'r.xlsx');
    expect(table.rows.length).toBe(10_001);
    expect(table.rows[10_000][0]).toBe('2024010000');
  });
});

describe('refusing files that are not what they claim', () => {
  it('refuses a PNG renamed .xlsx with a sentence saying to save as .xlsx or .csv', () => {
    const e = expectRefused(() => readRosterTable(PNG, '名单.xlsx'), 'ROSTER_NOT_XLSX');
    expect(e.message).toBe('文件不是有效的 Excel（.xlsx）文件，请另存为 .xlsx 或 .csv 后重试');
  });

  it('refuses a text file renamed .xlsx rather than guessing it is CSV', () => {
    expectRefused(() => readRosterTable(buildCsv(rosterRows(2)), '名单.XLSX'), 'ROSTER_NOT_XLSX');
  });

  it('refuses a zip that holds no workbook', () => {
    const zip = buildZip([{ name: 'readme.txt', data: '学号,姓名' }]);
    expectRefused(() => readRosterTable(zip, '名单.xlsx'), 'ROSTER_NOT_XLSX');
  });

  it('refuses a Word document (a zip whose main part is not a workbook)', () => {
    const docx = buildZip([
      {
        name: '_rels/.rels',
        data: '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      },
      { name: 'word/document.xml', data: '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>' },
    ]);
    expectRefused(() => readRosterTable(docx, '名单.xlsx'), 'ROSTER_NOT_XLSX');
  });

  it('refuses an old .xls or password-protected workbook and says to save as .xlsx', () => {
    const ole = new Uint8Array(512);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expectRefused(() => readRosterTable(ole, '名单.xls'), 'ROSTER_XLS_UNSUPPORTED');
  });

  it('refuses a binary file named .csv', () => {
    expectRefused(() => readRosterTable(PNG, '名单.csv'), 'ROSTER_NOT_TEXT');
  });

  it('refuses an empty sheet, an empty file and a CSV of blank lines as empty', () => {
    expectRefused(() => readRosterTable(buildXlsx([[], [null, '  ']]), 'r.xlsx'), 'ROSTER_EMPTY');
    expectRefused(() => readRosterTable(new Uint8Array(0), 'r.csv'), 'ROSTER_EMPTY');
    expectRefused(() => readRosterTable(encodeText('\r\n , ,\r\n\r\n', 'utf8'), 'r.csv'), 'ROSTER_EMPTY');
  });

  it('refuses a file over 10 MB before reading it', () => {
    expectRefused(() => readRosterTable(new Uint8Array(10 * 1024 * 1024 + 1), 'r.csv'), 'ROSTER_TOO_LARGE');
  });

  it('refuses more than 20,000 student rows', () => {
    expectRefused(() => readRosterTable(buildCsv(rosterRows(20_010)), 'r.csv'), 'ROSTER_TOO_MANY_ROWS');
  });

  it('refuses a cell longer than Excel allows', () => {
    expectRefused(() => readRosterTable(buildXlsx([['x'.repeat(32_768)]]), 'r.xlsx'), 'ROSTER_CELL_TOO_LONG');
    expectRefused(() => readRosterTable(buildCsv([['学号'], ['x'.repeat(32_768)]]), 'r.csv'), 'ROSTER_CELL_TOO_LONG');
  });

  it('refuses a value in a column past the 256th', () => {
    const row: string[] = [];
    row[300] = 'far away';
    expectRefused(() => readRosterTable(buildXlsx([row]), 'r.xlsx'), 'ROSTER_TOO_MANY_COLUMNS');
  });
});

describe('zip bombs and crafted XML', () => {
  const bigSheet = (bytes: number) => {
    const head = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
    const tail = '</sheetData></worksheet>';
    const body = Buffer.alloc(bytes - head.length - tail.length, 0x20);
    return Buffer.concat([Buffer.from(head), body, Buffer.from(tail)]);
  };

  it('refuses a part that declares more than 100 MB uncompressed, without inflating it', () => {
    const sheet = bigSheet(101 * 1024 * 1024);
    const file = buildXlsx([['x']], { parts: [{ name: 'xl/worksheets/sheet1.xml', data: sheet }] });
    expect(file.length).toBeLessThan(1024 * 1024); // about 100 KB of zip for 101 MB of XML
    expectRefused(() => readRosterTable(file, 'bomb.xlsx'), 'ROSTER_ZIP_TOO_LARGE');
  });

  it('refuses a part that inflates past the size it declares (a lying zip bomb)', () => {
    const sheet = bigSheet(200 * 1024 * 1024);
    const file = buildXlsx([['x']], { parts: [{ name: 'xl/worksheets/sheet1.xml', data: sheet, declaredSize: 4096 }] });
    const inflate = jest.spyOn(zlib, 'inflateRawSync');
    try {
      expectRefused(() => readRosterTable(file, 'bomb.xlsx'), 'ROSTER_BAD_XLSX');
      // zlib is told to stop just past the declared size: it never inflates the 200 MB the part really holds.
      const limits = inflate.mock.calls.map(([, options]) => (options as { maxOutputLength?: number } | undefined)?.maxOutputLength);
      expect(limits.length).toBeGreaterThan(0);
      for (const limit of limits) expect(limit).toBeLessThanOrEqual(4096 + 1);
    } finally {
      inflate.mockRestore();
    }
  });

  it('counts the 100 MB against all the parts read together', () => {
    const big = (n: number) => bigSheet(n * 1024 * 1024);
    const sst = Buffer.concat([Buffer.from('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'), Buffer.alloc(60 * 1024 * 1024, 0x20), Buffer.from('</sst>')]);
    const file = buildXlsx([['x']], {
      parts: [
        { name: 'xl/sharedStrings.xml', data: sst },
        { name: 'xl/worksheets/sheet1.xml', data: big(60) },
      ],
    });
    expectRefused(() => readRosterTable(file, 'bomb.xlsx'), 'ROSTER_ZIP_TOO_LARGE');
  });

  it('refuses a DOCTYPE, so no entity can be declared or expanded', () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' +
      '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&b;</t></si></sst>';
    const file = buildXlsx([['x']], { parts: [{ name: 'xl/sharedStrings.xml', data: laughs }] });
    expectRefused(() => readRosterTable(file, 'r.xlsx'), 'ROSTER_BAD_XLSX');
  });

  it('refuses malformed XML and out-of-range shared string indexes as a damaged file', () => {
    const broken = buildXlsx([['x']], { parts: [{ name: 'xl/worksheets/sheet1.xml', data: '<worksheet><sheetData><row r="1"><c r="A1"><v>1</c></row>' }] });
    expectRefused(() => readRosterTable(broken, 'r.xlsx'), 'ROSTER_BAD_XLSX');
    const sheet = '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>99</v></c></row></sheetData></worksheet>';
    const badIndex = buildXlsx([['x']], { parts: [{ name: 'xl/worksheets/sheet1.xml', data: sheet }] });
    expectRefused(() => readRosterTable(badIndex, 'r.xlsx'), 'ROSTER_BAD_XLSX');
  });

  it('refuses a zip whose entries point outside the file', () => {
    const file = Buffer.from(buildXlsx([['x']]));
    // The sheet's central directory entry (its name's second occurrence) gets a local header offset past the end.
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    const central = file.indexOf(name, file.indexOf(name) + 1) - 46;
    file.writeUInt32LE(0x7fffffff, central + 42);
    expectRefused(() => readRosterTable(new Uint8Array(file), 'r.xlsx'), 'ROSTER_BAD_XLSX');
  });

  it('reads a stored (uncompressed) part as well as a deflated one', () => {
    const sheet =
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>stored</t></is></c></row></sheetData></worksheet>';
    const file = buildXlsx([['x']], { parts: [{ name: 'xl/worksheets/sheet1.xml', data: sheet, method: 0 }] });
    expect(readRosterTable(file, 'r.xlsx').rows).toEqual([['stored']]);
  });
});

describe('reading a CSV roster', () => {
  const rows = rosterRows(3);

  it.each(['utf8', 'utf8-bom', 'gbk', 'utf16le-bom'] as const)('reads a CSV encoded as %s', (encoding) => {
    const table = readRosterTable(buildCsv(rows, encoding), '名单.csv');
    expect(table.format).toBe('csv');
    expect(table.rows).toEqual(rows);
  });

  it('decodes a GBK export from Chinese Excel as GB18030', () => {
    expect(readRosterTable(buildCsv(rows, 'gbk'), 'r.csv').encoding).toBe('gb18030');
    expect(readRosterTable(buildCsv(rows, 'utf8'), 'r.csv').encoding).toBe('utf-8');
  });

  it('reads quoted fields with commas, quotes and line breaks, and counts records as Excel shows rows', () => {
    const text = '学号,姓名,备注\r\n2024000001,"张,三","他说""好""\n第二行"\r\n\r\n2024000002,李四,=1+1\n';
    const table = readRosterTable(encodeText(text, 'utf8'), 'r.csv');
    expect(table.rows).toEqual([
      ['学号', '姓名', '备注'],
      ['2024000001', '张,三', '他说"好"\n第二行'],
      ['2024000002', '李四', '=1+1'],
    ]);
    expect(table.rowNumbers).toEqual([1, 2, 4]);
  });

  it('reads tab- and semicolon-separated exports', () => {
    expect(readRosterTable(buildCsv(rows, 'utf8', '\t'), 'r.txt').rows).toEqual(rows);
    expect(readRosterTable(buildCsv(rows, 'utf8', ';'), 'r.csv').rows).toEqual(rows);
  });

  it('refuses a quote that is never closed, naming the line', () => {
    const e = expectRefused(() => readRosterTable(encodeText('学号,姓名\n2024000001,"张三\n2024000002,李四\n', 'utf8'), 'r.csv'), 'ROSTER_BAD_CSV');
    expect(e.message).toContain('第 2 行');
  });

  it('parses a 10,000-row CSV', () => {
    expect(readRosterTable(buildCsv(rosterRows(10_000), 'gbk'), 'r.csv').rows.length).toBe(10_001);
  });
});

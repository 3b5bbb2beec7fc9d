import { readRosterTable } from '../../server/spreadsheets/read-table';
import { ZipArchive } from '../../server/spreadsheets/zip';
import { columnName, writeXlsx } from '../../server/spreadsheets/xlsx-writer';
import { crc32, writeZip } from '../../server/spreadsheets/zip-writer';

/** The export writer is checked by reading its files back with the roster reader the committee imports with. */
describe('xlsx writer', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });

  it('writes a zip whose entries our reader inflates back byte for byte', () => {
    const big = new TextEncoder().encode('签到'.repeat(5000));
    const zip = writeZip([
      { name: 'a.txt', data: new TextEncoder().encode('hello') },
      { name: 'dir/b.bin', data: big },
    ]);
    const archive = new ZipArchive(zip);
    expect(new TextDecoder().decode(archive.read('a.txt')!)).toBe('hello');
    expect(new Uint8Array(archive.read('dir/b.bin')!)).toEqual(big);
    // Deflated: far smaller than the repetitive input.
    expect(zip.length).toBeLessThan(big.length / 10);
  });

  it('names columns as Excel does', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('reads back header and rows, with text kept as text and numbers as numbers', () => {
    const bytes = writeXlsx({
      sheetName: '签到名单',
      header: ['学号', '姓名', '时长(小时)', '备注'],
      rows: [
        ['2024000001', '张三', 2.5, '<b>&"引号"\'</b>'],
        ['0012', '李四', 0, null],
        ['=1+1', '王五', null, '换行\n第二行'],
      ],
    });
    const table = readRosterTable(bytes, 'export.xlsx');
    expect(table.format).toBe('xlsx');
    expect(table.rows).toEqual([
      ['学号', '姓名', '时长(小时)', '备注'],
      ['2024000001', '张三', '2.5', '<b>&"引号"\'</b>'],
      ['0012', '李四', '0'],
      ['=1+1', '王五', '', '换行\n第二行'],
    ]);
    expect(table.cellIssues).toEqual([]);
  });

  it('drops characters XML cannot carry instead of writing a file Excel refuses', () => {
    const bytes = writeXlsx({ sheetName: 'x', header: ['a'], rows: [['ok\u0001\u0008\ud800!']] });
    expect(readRosterTable(bytes, 'x.xlsx').rows).toEqual([['a'], ['ok!']]);
  });

  it('makes the header bold, freezes it, and writes no formula', () => {
    const bytes = writeXlsx({ sheetName: 'a/b:c', header: ['h'], rows: [['=SUM(A1:A2)']] });
    const archive = new ZipArchive(bytes);
    const sheet = new TextDecoder().decode(archive.read('xl/worksheets/sheet1.xml')!);
    expect(sheet).toContain('<c r="A1" s="1" t="inlineStr">');
    expect(sheet).toContain('state="frozen"');
    expect(sheet).not.toContain('<f>');
    const workbook = new TextDecoder().decode(archive.read('xl/workbook.xml')!);
    expect(workbook).toContain('name="a b c"');
    expect(new TextDecoder().decode(archive.read('xl/styles.xml')!)).toContain('<b/>');
  });

  it('handles a thousand rows', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => [String(20240000 + i), `学生${i}`, i / 10]);
    const table = readRosterTable(writeXlsx({ sheetName: 's', header: ['学号', '姓名', '时长'], rows }), 's.xlsx');
    expect(table.rows).toHaveLength(1001);
    expect(table.rows[1000]).toEqual(['20240999', '学生999', '99.9']);
  });
});

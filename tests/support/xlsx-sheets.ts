import { ZipArchive } from '../../server/spreadsheets/zip';

/**
 * Every sheet of an xlsx our writer made, as text rows (inline strings and numbers), by tab name: enough for a test to
 * read back a workbook of several sheets (the roster reader reads only the first).
 */
export function readSheets(bytes: Uint8Array): Map<string, string[][]> {
  const zip = new ZipArchive(bytes);
  const text = (name: string) => Buffer.from(zip.read(name) ?? new Uint8Array()).toString('utf8');
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  const names = [...text('xl/workbook.xml').matchAll(/<sheet name="([^"]*)" sheetId="(\d+)"/g)].map((m) => [unescape(m[1]), Number(m[2])] as const);
  const sheets = new Map<string, string[][]>();
  for (const [name, id] of names) {
    const rows = [...text(`xl/worksheets/sheet${id}.xml`).matchAll(/<row r="\d+">(.*?)<\/row>/g)].map((row) =>
      [...row[1].matchAll(/<c r="[A-Z]+\d+"[^>]*>(?:<is><t xml:space="preserve">(.*?)<\/t><\/is>|<v>(.*?)<\/v>)<\/c>/g)].map((c) => unescape(c[1] ?? c[2] ?? '')),
    );
    sheets.set(name, rows);
  }
  return sheets;
}

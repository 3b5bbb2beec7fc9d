import { writeZip } from './zip-writer';

/**
 * A one-sheet xlsx, written by hand: text as inline strings (no shared-string table to keep in step), numbers as
 * numbers, the header row bold and frozen. Nothing is ever a formula: a cell that starts with "=" is text, so a name
 * typed as a formula cannot run when the file is opened.
 */
export type XlsxCell = string | number | null;

export interface XlsxSheet {
  /** The tab's name; Excel allows 31 characters and none of \ / ? * [ ] : */
  sheetName: string;
  header: readonly string[];
  rows: readonly (readonly XlsxCell[])[];
  /** Column widths in characters; defaults fit the header. */
  widths?: readonly number[];
}

// Characters XML 1.0 forbids (control characters other than tab and newlines, lone surrogates, U+FFFE/U+FFFF).
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** "A", "B", … "Z", "AA" … for a 0-based column. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function safeSheetName(name: string): string {
  const cleaned = name.replace(/[\\/?*[\]:]/g, ' ').trim().slice(0, 31);
  return cleaned || 'Sheet1';
}

function cellXml(ref: string, value: XlsxCell, style: number): string {
  const s = style ? ` s="${style}"` : '';
  if (value === null || value === '') return '';
  if (typeof value === 'number') {
    return Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : '';
  }
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXml(value)}</t></is></c>`;
}

function rowXml(index: number, cells: readonly XlsxCell[], style: number): string {
  const r = index + 1;
  return `<row r="${r}">${cells.map((v, c) => cellXml(`${columnName(c)}${r}`, v, style)).join('')}</row>`;
}

/** Display width of a text: CJK characters take two columns. */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\uffff]/.test(ch) ? 2 : 1;
  return w;
}

function sheetXml(sheet: XlsxSheet): string {
  const columns = sheet.rows.reduce((n, r) => Math.max(n, r.length), sheet.header.length);
  const widths = Array.from({ length: columns }, (_, c) => sheet.widths?.[c] ?? Math.max(8, displayWidth(sheet.header[c] ?? '') + 2));
  const cols = widths.map((w, c) => `<col min="${c + 1}" max="${c + 1}" width="${w}" customWidth="1"/>`).join('');
  const rows = [rowXml(0, sheet.header, 1), ...sheet.rows.map((r, i) => rowXml(i + 1, r, 0))].join('');
  const last = `${columnName(Math.max(0, columns - 1))}${sheet.rows.length + 1}`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<dimension ref="A1:${last}"/>` +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    `<cols>${cols}</cols>` +
    `<sheetData>${rows}</sheetData>` +
    '</worksheet>'
  );
}

function contentTypes(sheets: number): string {
  const overrides = Array.from({ length: sheets }, (_, i) =>
    `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    overrides +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    '</Types>'
  );
}

const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  '</Relationships>';

/** Sheets are rId1…rIdN, the styles the one after. */
function workbookRels(sheets: number): string {
  const rels = Array.from({ length: sheets }, (_, i) =>
    `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    rels +
    `<Relationship Id="rId${sheets + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
    '</Relationships>'
  );
}

/** Two cell formats: 0 plain, 1 bold (the header). Excel needs the two default fills and one border to open it. */
const STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="2"><font><sz val="11"/><name val="等线"/></font><font><b/><sz val="11"/><name val="等线"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

function workbookXml(sheetNames: readonly string[]): string {
  const used = new Set<string>();
  const sheets = sheetNames.map((name, i) => {
    // Excel refuses two tabs of one name (case-insensitively): number a repeated one.
    let safe = safeSheetName(name);
    for (let n = 2; used.has(safe.toLowerCase()); n++) safe = `${safeSheetName(name).slice(0, 28)} ${n}`;
    used.add(safe.toLowerCase());
    return `<sheet name="${escapeXml(safe)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`;
  });
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<sheets>${sheets.join('')}</sheets>` +
    '</workbook>'
  );
}

export function writeXlsx(sheet: XlsxSheet, modified?: Date): Uint8Array {
  return writeXlsxBook([sheet], modified);
}

/** Several sheets in one workbook, in the order given (the first is the one that opens). */
export function writeXlsxBook(sheets: readonly XlsxSheet[], modified?: Date): Uint8Array {
  if (!sheets.length) throw new Error('a workbook needs a sheet');
  const text = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
  return writeZip(
    [
      { name: '[Content_Types].xml', data: text(contentTypes(sheets.length)) },
      { name: '_rels/.rels', data: text(ROOT_RELS) },
      { name: 'xl/workbook.xml', data: text(workbookXml(sheets.map((s) => s.sheetName))) },
      { name: 'xl/_rels/workbook.xml.rels', data: text(workbookRels(sheets.length)) },
      { name: 'xl/styles.xml', data: text(STYLES) },
      ...sheets.map((sheet, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: text(sheetXml(sheet)) })),
    ],
    modified,
  );
}

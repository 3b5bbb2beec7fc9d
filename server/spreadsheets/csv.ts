import { RosterFileError } from './errors';
import { type RosterTable, TableBuilder } from './table';

type Encoding = NonNullable<RosterTable['encoding']>;

/**
 * Reads a CSV export as text. Encodings: UTF-8 with or without a BOM, UTF-16 with a BOM (Excel's 「Unicode 文本」),
 * and otherwise GB18030 — what Excel on a Chinese Windows writes as 「CSV（逗号分隔）」 — chosen when the bytes are not
 * valid UTF-8. The delimiter is the comma, or the tab or semicolon when the first line has more of those. Quoted
 * fields follow RFC 4180; a cell starting with `=` is text here (nothing is ever evaluated).
 */
export function readCsv(bytes: Uint8Array): RosterTable {
  const { text, encoding } = decodeText(bytes);
  if (text.indexOf('\u0000') !== -1) throw new RosterFileError('ROSTER_NOT_TEXT', 'NUL character');
  const table = new TableBuilder();
  const delimiter = detectDelimiter(text);
  const delimiterCode = delimiter.charCodeAt(0);
  let record = 1;
  let cells: string[] = [];
  let field = '';
  let i = 0;
  const n = text.length;
  const endField = () => {
    cells.push(field.trim());
    field = '';
  };
  const endRecord = () => {
    endField();
    table.addRow(record, cells);
    cells = [];
    record++;
  };
  while (i < n) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22 /* " */ && field.trim() === '') {
      // A quoted field: up to the closing quote, "" being a quote inside it.
      const start = i;
      field = '';
      i++;
      for (;;) {
        const close = text.indexOf('"', i);
        if (close === -1) {
          const line = 1 + countLines(text, start);
          throw new RosterFileError('ROSTER_BAD_CSV', `record ${record}`, `CSV 文件第 ${line} 行附近有一个引号没有闭合，请在 Excel 中打开检查后重新保存`);
        }
        field += text.slice(i, close);
        if (text.charCodeAt(close + 1) === 0x22) {
          field += '"';
          i = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
      // Anything between the closing quote and the delimiter is kept, as Excel does.
      let j = i;
      while (j < n && !isBreak(text.charCodeAt(j), delimiterCode)) j++;
      field += text.slice(i, j);
      i = j;
      continue;
    }
    if (ch === delimiterCode) {
      endField();
      i++;
    } else if (ch === 0x0a || ch === 0x0d) {
      endRecord();
      i += ch === 0x0d && text.charCodeAt(i + 1) === 0x0a ? 2 : 1;
    } else {
      // Plain run up to the next delimiter or line end.
      let j = i + 1;
      while (j < n && !isBreak(text.charCodeAt(j), delimiterCode)) j++;
      field += text.slice(i, j);
      i = j;
    }
  }
  if (field !== '' || cells.length) endRecord();
  return table.build('csv', encoding);
}

export function decodeText(bytes: Uint8Array): { text: string; encoding: Encoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

function detectDelimiter(text: string): string {
  const end = text.search(/[\r\n]/);
  const line = (end === -1 ? text : text.slice(0, end)).replace(/"[^"]*"/g, '');
  const count = (ch: string) => line.split(ch).length - 1;
  const comma = count(',');
  const tab = count('\t');
  const semicolon = count(';');
  if (tab > comma && tab >= semicolon) return '\t';
  if (semicolon > comma) return ';';
  return ',';
}

function isBreak(code: number, delimiterCode: number): boolean {
  return code === delimiterCode || code === 0x0a || code === 0x0d;
}

function countLines(text: string, upTo: number): number {
  let lines = 0;
  for (let k = text.indexOf('\n'); k !== -1 && k < upTo; k = text.indexOf('\n', k + 1)) lines++;
  return lines;
}

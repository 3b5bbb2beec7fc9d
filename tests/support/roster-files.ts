import { deflateRawSync } from 'node:zlib';

/**
 * Roster files made in memory for tests and the benchmark: xlsx built as a zip by hand (so a test can put in exactly
 * the oddity it is about — a formula without a cached value, a lying size, a `__proto__` header), and CSV in UTF-8 or
 * GBK. Nothing here is committed as a binary fixture.
 */

export const ROSTER_HEADER = ['学号', '姓名', '二级学院', '班级', '团支部', '是否团员', '年级', '手机号', '身份证后六位'];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜敏静丽强磊洋艳勇军杰娟涛明超秀霞平刚桂英华玉兰';

/** A clean roster row for student i: unique 10-digit student number, name of letters only, a valid last-six. */
export function rosterRow(i: number): string[] {
  const klass = 2401 + (i % 40);
  return [
    `2024${String(i).padStart(6, '0')}`,
    SURNAMES[i % SURNAMES.length] + GIVEN[i % GIVEN.length] + GIVEN[(i * 7) % GIVEN.length],
    i % 2 ? '信息工程学院' : '经济管理学院',
    `计科${klass}班`,
    `计科${klass}团支部`,
    i % 3 ? '是' : '否',
    '2024级',
    `138${String(i).padStart(8, '0')}`,
    `${String(i % 100000).padStart(5, '0')}${i % 11 === 0 ? 'X' : i % 10}`,
  ];
}

export function rosterRows(count: number, from = 1): string[][] {
  return [ROSTER_HEADER, ...Array.from({ length: count }, (_, k) => rosterRow(from + k))];
}

// ---- zip ----------------------------------------------------------------------------------------------------------

export interface ZipInput {
  name: string;
  data: Uint8Array | string;
  /** 8 (deflate, default) or 0 (stored). */
  method?: 0 | 8;
  /** What the directory claims the uncompressed size is (a lie, for zip-bomb tests). */
  declaredSize?: number;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function buildZip(inputs: ZipInput[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const input of inputs) {
    const raw = typeof input.data === 'string' ? Buffer.from(input.data, 'utf8') : Buffer.from(input.data);
    const method = input.method ?? 8;
    const body = method === 8 ? deflateRawSync(raw) : raw;
    const name = Buffer.from(input.name, 'utf8');
    const size = input.declaredSize ?? raw.length;
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(inputs.length, 8);
  end.writeUInt16LE(inputs.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

// ---- xlsx ---------------------------------------------------------------------------------------------------------

/** A cell as a test wants it written. Plain strings go to the shared string table, numbers are number cells. */
export type CellSpec =
  | string
  | number
  | null
  | { formula: string; cached?: string | number }
  | { error: string }
  | { inline: string }
  | { raw: string; format?: string }
  | { bool: boolean };

export interface SheetSpec {
  name?: string;
  rows: CellSpec[][];
  hidden?: boolean;
}

export interface XlsxOptions {
  /** Extra parts, or replacements for the generated ones (by name). */
  parts?: ZipInput[];
  /** Declared size of the first sheet's part (to build a lying zip). */
  sheetDeclaredSize?: number;
  /** Write `x:`-prefixed element names, as some generators do. */
  prefixed?: boolean;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function colName(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** An xlsx workbook of one or more sheets, as Excel lays it out (shared strings, styles, relationships). */
export function buildXlsx(sheets: SheetSpec[] | CellSpec[][], options: XlsxOptions = {}): Uint8Array {
  const specs: SheetSpec[] = isSheetList(sheets) ? sheets : [{ rows: sheets }];
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const formats: string[] = [];
  const share = (s: string) => {
    let i = stringIndex.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      stringIndex.set(s, i);
    }
    return i;
  };
  const styleOf = (format: string) => {
    let i = formats.indexOf(format);
    if (i === -1) i = formats.push(format) - 1;
    return i + 1; // xf 0 is the default style
  };
  const p = options.prefixed ? 'x:' : '';
  const ns = options.prefixed
    ? 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    : 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

  const sheetXml = (spec: SheetSpec) => {
    const out: string[] = [`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}worksheet ${ns}><${p}sheetData>`];
    spec.rows.forEach((row, r) => {
      out.push(`<${p}row r="${r + 1}">`);
      row.forEach((cell, c) => {
        if (cell === null || cell === undefined) return;
        const ref = `${colName(c)}${r + 1}`;
        if (typeof cell === 'string') out.push(`<${p}c r="${ref}" t="s"><${p}v>${share(cell)}</${p}v></${p}c>`);
        else if (typeof cell === 'number') out.push(`<${p}c r="${ref}"><${p}v>${cell}</${p}v></${p}c>`);
        else if ('formula' in cell) {
          const f = `<${p}f>${esc(cell.formula)}</${p}f>`;
          if (cell.cached === undefined) out.push(`<${p}c r="${ref}">${f}</${p}c>`);
          else if (typeof cell.cached === 'number') out.push(`<${p}c r="${ref}">${f}<${p}v>${cell.cached}</${p}v></${p}c>`);
          else out.push(`<${p}c r="${ref}" t="str">${f}<${p}v>${esc(cell.cached)}</${p}v></${p}c>`);
        } else if ('error' in cell) out.push(`<${p}c r="${ref}" t="e"><${p}f>1/0</${p}f><${p}v>${esc(cell.error)}</${p}v></${p}c>`);
        else if ('inline' in cell) out.push(`<${p}c r="${ref}" t="inlineStr"><${p}is><${p}t>${esc(cell.inline)}</${p}t></${p}is></${p}c>`);
        else if ('bool' in cell) out.push(`<${p}c r="${ref}" t="b"><${p}v>${cell.bool ? 1 : 0}</${p}v></${p}c>`);
        else {
          const s = cell.format ? ` s="${styleOf(cell.format)}"` : '';
          out.push(`<${p}c r="${ref}"${s}><${p}v>${esc(cell.raw)}</${p}v></${p}c>`);
        }
      });
      out.push(`</${p}row>`);
    });
    out.push(`</${p}sheetData></${p}worksheet>`);
    return out.join('');
  };

  const sheetParts = specs.map((spec, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: sheetXml(spec) }));
  const sst =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">` +
    strings.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join('') +
    '</sst>';
  const styles =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    (formats.length ? `<numFmts count="${formats.length}">${formats.map((f, i) => `<numFmt numFmtId="${164 + i}" formatCode="${esc(f)}"/>`).join('')}</numFmts>` : '') +
    '<fonts count="1"><font><sz val="11"/><name val="等线"/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${formats.length + 1}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
    formats.map((_, i) => `<xf numFmtId="${164 + i}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`).join('') +
    '</cellXfs><cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>';
  const workbook =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
    specs.map((s, i) => `<sheet name="${esc(s.name ?? `Sheet${i + 1}`)}" sheetId="${i + 1}"${s.hidden ? ' state="hidden"' : ''} r:id="rId${i + 1}"/>`).join('') +
    '</sheets></workbook>';
  const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const workbookRels =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    specs.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
    `<Relationship Id="rId${specs.length + 1}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` +
    `<Relationship Id="rId${specs.length + 2}" Type="${REL}/styles" Target="styles.xml"/>` +
    '</Relationships>';
  const contentTypes =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    specs.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>';
  const rootRels =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

  const parts: ZipInput[] = [
    { name: '[Content_Types].xml', data: contentTypes },
    { name: '_rels/.rels', data: rootRels },
    { name: 'xl/workbook.xml', data: workbook },
    { name: 'xl/_rels/workbook.xml.rels', data: workbookRels },
    ...sheetParts.map((s, i) => (i === 0 && options.sheetDeclaredSize !== undefined ? { ...s, declaredSize: options.sheetDeclaredSize } : s)),
    { name: 'xl/sharedStrings.xml', data: sst },
    { name: 'xl/styles.xml', data: styles },
  ];
  for (const extra of options.parts ?? []) {
    const i = parts.findIndex((q) => q.name === extra.name);
    if (i === -1) parts.push(extra);
    else parts[i] = extra;
  }
  return buildZip(parts);
}

function isSheetList(x: SheetSpec[] | CellSpec[][]): x is SheetSpec[] {
  return x.length > 0 && !Array.isArray(x[0]);
}

// ---- CSV ----------------------------------------------------------------------------------------------------------

export type CsvEncoding = 'utf8' | 'utf8-bom' | 'gbk' | 'utf16le-bom';

export function csvText(rows: string[][], delimiter = ','): string {
  const quote = (s: string) => (/[",\r\n\t;]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s);
  return rows.map((r) => r.map(quote).join(delimiter)).join('\r\n') + '\r\n';
}

export function buildCsv(rows: string[][], encoding: CsvEncoding = 'utf8', delimiter = ','): Uint8Array {
  return encodeText(csvText(rows, delimiter), encoding);
}

export function encodeText(text: string, encoding: CsvEncoding): Uint8Array {
  switch (encoding) {
    case 'utf8':
      return new Uint8Array(Buffer.from(text, 'utf8'));
    case 'utf8-bom':
      return new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
    case 'utf16le-bom':
      return new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    case 'gbk':
      return gbkEncode(text);
  }
}

let gbkTable: Map<string, number> | null = null;

/** GBK bytes for a text, from the reverse of Node's own GBK decoder (Node has no GBK encoder; no dependency needed). */
export function gbkEncode(text: string): Uint8Array {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gbk');
    const pair = new Uint8Array(2);
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        pair[0] = lead;
        pair[1] = trail;
        const ch = decoder.decode(pair);
        if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, (lead << 8) | trail);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) out.push(code);
    else {
      const bytes = gbkTable.get(ch);
      if (bytes === undefined) throw new Error(`not in GBK: ${ch}`);
      out.push(bytes >> 8, bytes & 0xff);
    }
  }
  return new Uint8Array(out);
}

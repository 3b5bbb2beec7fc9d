import { applyZeroPadding, parseCellRef, plainNumber, unescapeOoxml } from './cells';
import { RosterFileError } from './errors';
import { ROSTER_LIMITS } from './limits';
import { type CellIssue, type RosterTable, TableBuilder } from './table';
import { attribute, parseXmlPart } from './xml';
import { ZipArchive, partKey } from './zip';

/**
 * Reads the first sheet of an xlsx as text. Only these parts are opened: the package relationships, the workbook and
 * its relationships, the first sheet, the shared strings and the styles (for zero-padded number formats). Formulas
 * are never evaluated: a formula cell gives the result cached in the file, or a cell issue when there is none.
 */
export function readXlsx(bytes: Uint8Array): RosterTable {
  const zip = new ZipArchive(bytes);
  const workbookPath = findWorkbook(zip);
  const workbookRels = readRelationships(zip, workbookPath);
  const sheetPath = firstSheetPath(zip, workbookPath, workbookRels);
  const sharedStrings = readSharedStrings(zip, relatedPart(workbookRels, 'sharedStrings') ?? resolveTarget(workbookPath, 'sharedStrings.xml'));
  const formats = readZeroPaddedFormats(zip, relatedPart(workbookRels, 'styles') ?? resolveTarget(workbookPath, 'styles.xml'));
  const sheet = zip.read(sheetPath);
  if (!sheet) throw new RosterFileError('ROSTER_BAD_XLSX', `missing ${sheetPath}`);
  return readSheet(sheetPath, sheet, sharedStrings, formats);
}

interface Relationship {
  type: string;
  /** Resolved part name. */
  target: string;
  external: boolean;
}

function findWorkbook(zip: ZipArchive): string {
  const rels = readRelationships(zip, '');
  for (const rel of rels.values()) {
    if (!rel.external && rel.type.endsWith('/officeDocument') && zip.has(rel.target)) return rel.target;
  }
  // A zip without the package relationships, or whose main document is not a workbook (a .docx), is not an xlsx.
  if (zip.has('xl/workbook.xml')) return 'xl/workbook.xml';
  throw new RosterFileError('ROSTER_NOT_XLSX', 'no workbook in the zip');
}

/** The relationships of a part (`xl/workbook.xml` → `xl/_rels/workbook.xml.rels`; '' → the package's `_rels/.rels`). */
function readRelationships(zip: ZipArchive, source: string): Map<string, Relationship> {
  const slash = source.lastIndexOf('/');
  const relsPath = `${source.slice(0, slash + 1)}_rels/${source.slice(slash + 1)}.rels`;
  const rels = new Map<string, Relationship>();
  const bytes = zip.read(relsPath);
  if (!bytes) return rels;
  parseXmlPart(relsPath, bytes, {
    open(name, attrs) {
      if (name !== 'Relationship') return;
      const id = attrs.Id;
      const target = attrs.Target;
      if (!id || !target) return;
      const external = attrs.TargetMode === 'External';
      rels.set(id, { type: attrs.Type ?? '', target: external ? target : resolveTarget(source, target), external });
    },
  });
  return rels;
}

function relatedPart(rels: Map<string, Relationship>, typeSuffix: string): string | undefined {
  for (const rel of rels.values()) if (!rel.external && rel.type.endsWith(`/${typeSuffix}`)) return rel.target;
  return undefined;
}

/** A relationship target relative to its source part (`worksheets/sheet1.xml` from `xl/workbook.xml`), or absolute. */
function resolveTarget(source: string, target: string): string {
  const parts = target.startsWith('/') ? [] : source.split('/').slice(0, -1);
  for (const segment of target.replace(/\\/g, '/').split('/')) {
    if (segment === '..') parts.pop();
    else if (segment && segment !== '.') parts.push(segment);
  }
  return partKey(parts.join('/'));
}

/** The first sheet as Excel shows it: the first tab not hidden (or the first of all when every one is hidden). */
function firstSheetPath(zip: ZipArchive, workbookPath: string, rels: Map<string, Relationship>): string {
  const bytes = zip.read(workbookPath);
  if (!bytes) throw new RosterFileError('ROSTER_NOT_XLSX', 'workbook missing');
  let root = '';
  const sheets: Array<{ id: string; hidden: boolean }> = [];
  parseXmlPart(workbookPath, bytes, {
    open(name, attrs) {
      root ||= name;
      if (name === 'sheet') sheets.push({ id: attribute(attrs, 'id') ?? '', hidden: !!attrs.state && attrs.state !== 'visible' });
    },
  });
  if (root !== 'workbook') throw new RosterFileError('ROSTER_NOT_XLSX', `main part is <${root}>`);
  const first = sheets.find((s) => !s.hidden) ?? sheets[0];
  if (!first) throw new RosterFileError('ROSTER_EMPTY', 'no sheet');
  const rel = rels.get(first.id);
  if (!rel || rel.external) throw new RosterFileError('ROSTER_BAD_XLSX', `sheet relationship ${first.id}`);
  if (!rel.type.endsWith('/worksheet')) {
    throw new RosterFileError('ROSTER_BAD_XLSX', rel.type, '第一个工作表不是数据表（可能是图表），请把名单放在第一个工作表后重试');
  }
  return rel.target;
}

/** The shared string table: the text of each `<si>`, its runs joined, phonetic guides (`<rPh>`, 拼音) left out. */
function readSharedStrings(zip: ZipArchive, path: string): string[] {
  const strings: string[] = [];
  const bytes = zip.read(path);
  if (!bytes) return strings;
  let current: string[] | null = null;
  let inText = false;
  let inPhonetic = false;
  parseXmlPart(path, bytes, {
    open(name) {
      if (name === 'si') current = [];
      else if (name === 'rPh') inPhonetic = true;
      else if (name === 't' && current && !inPhonetic) inText = true;
    },
    close(name) {
      if (name === 'si' && current) {
        strings.push(unescapeOoxml(current.join('')));
        current = null;
      } else if (name === 'rPh') inPhonetic = false;
      else if (name === 't') inText = false;
    },
    text(text) {
      if (inText && current) current.push(text);
    },
  });
  return strings;
}

/** Style index → a number format made of zeros only (`000000`), for the styles that have one. */
function readZeroPaddedFormats(zip: ZipArchive, path: string): Map<number, string> {
  const padded = new Map<number, string>();
  const bytes = zip.read(path);
  if (!bytes) return padded;
  const codes = new Map<string, string>();
  let inCellXfs = false;
  let xfIndex = 0;
  parseXmlPart(path, bytes, {
    open(name, attrs) {
      if (name === 'numFmt' && attrs.numFmtId && attrs.formatCode) codes.set(attrs.numFmtId, attrs.formatCode);
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const code = attrs.numFmtId ? codes.get(attrs.numFmtId) : undefined;
        if (code && /^0+$/.test(code)) padded.set(xfIndex, code);
        xfIndex++;
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return padded;
}

function readSheet(path: string, bytes: Uint8Array, sharedStrings: string[], formats: Map<number, string>): RosterTable {
  const table = new TableBuilder();
  const bad = (detail: string) => new RosterFileError('ROSTER_BAD_XLSX', `${path}: ${detail}`);

  let rowNumber = 0;
  let cells: string[] = [];
  let issues: CellIssue[] = [];
  let inRow = false;
  let column = -1;
  // The cell being read.
  let type = '';
  let style = -1;
  let hasFormula = false;
  let value: string[] | null = null;
  let inline: string[] | null = null;
  let collect: string[] | null = null;
  let inPhonetic = false;

  const finishCell = () => {
    let text: string | null = null;
    const v = value?.join('');
    if (type === 'inlineStr') text = inline ? unescapeOoxml(inline.join('')) : null;
    else if (v === undefined) text = null;
    else if (type === 's') {
      const index = Number(v);
      if (!Number.isInteger(index) || index < 0 || index >= sharedStrings.length) throw bad(`shared string ${v}`);
      text = sharedStrings[index];
    } else if (type === 'b') text = v.trim() === '1' ? 'TRUE' : 'FALSE';
    else if (type === 'e') {
      issues.push({ row: rowNumber, column, kind: 'error-value', value: v.trim() });
      return;
    } else if (type === 'str' || type === 'd') text = unescapeOoxml(v);
    else text = applyZeroPadding(plainNumber(v.trim()), formats.get(style));
    if (text === null) {
      if (hasFormula) issues.push({ row: rowNumber, column, kind: 'formula-without-value' });
      return;
    }
    text = text.trim();
    if (text === '') return;
    if (column >= ROSTER_LIMITS.maxColumns) throw new RosterFileError('ROSTER_TOO_MANY_COLUMNS', `row ${rowNumber}`);
    if (text.length > ROSTER_LIMITS.maxCellChars) throw new RosterFileError('ROSTER_CELL_TOO_LONG', `row ${rowNumber}`);
    cells[column] = text;
  };

  parseXmlPart(path, bytes, {
    open(name, attrs) {
      switch (name) {
        case 'row': {
          const r = attrs.r === undefined ? rowNumber + 1 : Number(attrs.r);
          if (!Number.isInteger(r) || r < 1 || r > 1_048_576) throw bad(`row r="${attrs.r}"`);
          rowNumber = r;
          inRow = true;
          cells = [];
          issues = [];
          column = -1;
          break;
        }
        case 'c': {
          if (!inRow) throw bad('cell outside a row');
          if (attrs.r !== undefined) {
            const ref = parseCellRef(attrs.r);
            if (!ref || ref.column > 16_383) throw bad(`cell r="${attrs.r}"`);
            column = ref.column;
          } else column++;
          type = attrs.t ?? 'n';
          style = attrs.s === undefined ? -1 : Number(attrs.s);
          hasFormula = false;
          value = null;
          inline = null;
          collect = null;
          break;
        }
        case 'v':
          value = [];
          collect = value;
          break;
        case 'f':
          hasFormula = true;
          break;
        case 'is':
          inline = [];
          break;
        case 'rPh':
          inPhonetic = true;
          break;
        case 't':
          if (inline && !inPhonetic) collect = inline;
          break;
      }
    },
    close(name) {
      switch (name) {
        case 'v':
        case 't':
          collect = null;
          break;
        case 'rPh':
          inPhonetic = false;
          break;
        case 'c':
          if (inRow) finishCell();
          break;
        case 'row':
          table.addRow(rowNumber, cells, issues);
          inRow = false;
          break;
      }
    },
    text(text) {
      if (collect) collect.push(text);
    },
  });
  return table.build('xlsx');
}

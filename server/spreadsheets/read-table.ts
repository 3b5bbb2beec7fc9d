import { readCsv } from './csv';
import { RosterFileError } from './errors';
import { ROSTER_LIMITS } from './limits';
import type { RosterTable } from './table';
import { readXlsx } from './xlsx';
import { looksLikeZip } from './zip';

export { RosterFileError, type RosterFileErrorCode } from './errors';
export type { CellIssue, RosterTable } from './table';

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * Reads an uploaded roster — xlsx (first sheet) or CSV — into rows of trimmed text, or throws a RosterFileError whose
 * message an admin can act on. The kind is told by the content: a zip is read as xlsx whatever its name; a file named
 * .xlsx/.xls that is not one is refused rather than guessed at; anything else is read as CSV text.
 */
export function readRosterTable(bytes: Uint8Array, fileName: string): RosterTable {
  if (bytes.length === 0) throw new RosterFileError('ROSTER_EMPTY', 'zero bytes');
  if (bytes.length > ROSTER_LIMITS.maxFileBytes) throw new RosterFileError('ROSTER_TOO_LARGE', `${bytes.length} bytes`);
  if (looksLikeZip(bytes)) return readXlsx(bytes);
  // Old .xls and password-protected .xlsx are both OLE compound files.
  if (OLE_MAGIC.every((b, i) => bytes[i] === b)) throw new RosterFileError('ROSTER_XLS_UNSUPPORTED');
  if (/\.xls[xmb]?$/i.test(fileName.trim())) throw new RosterFileError('ROSTER_NOT_XLSX', `not a zip: ${fileName}`);
  return readCsv(bytes);
}

import { RosterFileError } from './errors';
import { MAX_TABLE_ROWS, ROSTER_LIMITS } from './limits';

/** A cell whose value cannot be used: a formula the file carries no result for, or an error value such as #REF!. */
export interface CellIssue {
  /** 1-based row in the file. */
  row: number;
  /** 0-based column. */
  column: number;
  kind: 'formula-without-value' | 'error-value';
  /** The error value (`#REF!`), for error-value. */
  value?: string;
}

/** What a roster file holds, as text: blank rows dropped, every cell trimmed. */
export interface RosterTable {
  rows: string[][];
  /** rowNumbers[i] is the 1-based row (xlsx) or record (CSV) in the file that rows[i] came from. */
  rowNumbers: number[];
  cellIssues: CellIssue[];
  format: 'xlsx' | 'csv';
  /** For CSV: how the bytes were decoded. */
  encoding?: 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';
}

/** Collects rows while a reader goes through a file, and refuses as soon as a limit is passed. */
export class TableBuilder {
  private readonly rows: string[][] = [];
  private readonly rowNumbers: number[] = [];
  private readonly issues: CellIssue[] = [];

  /** `cells` may be sparse (and is kept, not copied); missing cells become ''. Rows with no value and no issue are dropped. */
  addRow(rowNumber: number, cells: string[], issues: CellIssue[] = []): void {
    let last = -1;
    for (let c = 0; c < cells.length; c++) {
      const value = cells[c];
      if (value === undefined || value === '') continue;
      if (value.length > ROSTER_LIMITS.maxCellChars) throw new RosterFileError('ROSTER_CELL_TOO_LONG', `row ${rowNumber}`);
      last = c;
    }
    for (const issue of issues) last = Math.max(last, issue.column);
    if (last === -1) return;
    if (last >= ROSTER_LIMITS.maxColumns) throw new RosterFileError('ROSTER_TOO_MANY_COLUMNS', `row ${rowNumber}`);
    if (this.rows.length >= MAX_TABLE_ROWS) throw new RosterFileError('ROSTER_TOO_MANY_ROWS', `row ${rowNumber}`);
    const row = cells.length === last + 1 ? cells : cells.slice(0, last + 1);
    for (let c = 0; c <= last; c++) if (row[c] === undefined) row[c] = '';
    this.rows.push(row);
    this.rowNumbers.push(rowNumber);
    this.issues.push(...issues);
  }

  build(format: RosterTable['format'], encoding?: RosterTable['encoding']): RosterTable {
    if (!this.rows.length) throw new RosterFileError('ROSTER_EMPTY');
    return { rows: this.rows, rowNumbers: this.rowNumbers, cellIssues: this.issues, format, ...(encoding ? { encoding } : {}) };
  }
}

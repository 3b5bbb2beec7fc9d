import type { AuditDraft, RosterEntry } from '../../../core';
import { hashSecondFactor } from '../../security/second-factor';
import type { StoragePort } from '../../storage/ports';
import { readRosterTable } from '../../spreadsheets/read-table';
import { validateRoster, type RosterProblem } from './validate';

export interface RosterImportOptions {
  /** false: a preview, nothing written. */
  commit: boolean;
  /** Import the clean rows even when other rows have errors (the admin chose so explicitly). */
  cleanRowsOnly: boolean;
  idHashKey: string | undefined;
  actor: string;
  now: Date;
}

export interface RosterImportReport {
  format: 'xlsx' | 'csv';
  dataRows: number;
  cleanRows: number;
  problems: RosterProblem[];
  committed: boolean;
  created: number;
  updated: number;
}

/**
 * The roster import, shared by the committee's action and the bulk-load command: read the file (RosterFileError if
 * it cannot be read at all), validate every row, and — only when asked, and only when the file is clean or the admin
 * chose to import the clean rows — write them in one step with one audit entry. Second factors are hashed here and
 * never stored or logged as entered.
 */
export async function importRoster(
  storage: StoragePort,
  bytes: Uint8Array,
  fileName: string,
  options: RosterImportOptions,
): Promise<RosterImportReport> {
  const table = readRosterTable(bytes, fileName);
  const result = validateRoster(table);
  const hasErrors = result.problems.some((p) => p.severity === 'error');
  const report: RosterImportReport = {
    format: table.format,
    dataRows: result.dataRows,
    cleanRows: result.cleanRows,
    problems: result.problems,
    committed: false,
    created: 0,
    updated: 0,
  };
  if (!options.commit || result.cleanRows === 0 || (hasErrors && !options.cleanRowsOnly)) return report;
  if (result.students.some((s) => s.secondFactor) && !options.idHashKey) {
    throw new Error('ID_HASH_KEY is not configured, so second factors cannot be stored');
  }
  const entries: RosterEntry[] = result.students.map(({ row: _row, phone: _phone, secondFactor, ...s }) => ({
    ...s,
    secondFactorHash: secondFactor ? hashSecondFactor(options.idHashKey!, secondFactor) : null,
  }));
  const audit: AuditDraft = {
    at: options.now.toISOString(),
    actor: options.actor,
    action: 'importRoster',
    target: fileName,
    detail: JSON.stringify({ dataRows: result.dataRows, imported: entries.length, skippedRows: result.dataRows - entries.length }),
  };
  const { created, updated } = await storage.importStudents(entries, audit);
  return { ...report, committed: true, created, updated };
}

import type { AuditDraft, RosterEntry } from '../../../core';
import { hashSecondFactor } from '../../security/second-factor';
import type { StoragePort } from '../../storage/ports';
import { readRosterTable } from '../../spreadsheets/read-table';
import { validateRoster, type RosterProblem } from './validate';

export interface RosterValidationOptions {
  /** Import the clean rows even when other rows have errors (the admin chose so explicitly). */
  cleanRowsOnly: boolean;
  idHashKey: string | undefined;
}

export interface RosterImportOptions extends RosterValidationOptions {
  /** false: a preview, nothing written. */
  commit: boolean;
  actor: string;
  now: Date;
}

export interface RosterValidation {
  format: 'xlsx' | 'csv';
  dataRows: number;
  cleanRows: number;
  problems: RosterProblem[];
  /** What may be imported (second factors hashed), or null when nothing may: no clean row, or errors not waived. */
  entries: RosterEntry[] | null;
}

export interface RosterImportReport extends Omit<RosterValidation, 'entries'> {
  committed: boolean;
  created: number;
  updated: number;
}

/**
 * Reads the file (RosterFileError if it cannot be read at all) and validates every row, in one pass of CPU: shared
 * by the committee's action (which stores the entries as a job, server/features/roster/import-action.ts) and the
 * bulk-load command. Second factors are hashed here and never stored or logged as entered.
 */
export function validateRosterFile(bytes: Uint8Array, fileName: string, options: RosterValidationOptions): RosterValidation {
  const table = readRosterTable(bytes, fileName);
  const result = validateRoster(table);
  const hasErrors = result.problems.some((p) => p.severity === 'error');
  const base = { format: table.format, dataRows: result.dataRows, cleanRows: result.cleanRows, problems: result.problems };
  if (result.cleanRows === 0 || (hasErrors && !options.cleanRowsOnly)) return { ...base, entries: null };
  if (result.students.some((s) => s.secondFactor) && !options.idHashKey) {
    throw new Error('ID_HASH_KEY is not configured, so second factors cannot be stored');
  }
  const entries: RosterEntry[] = result.students.map(({ row: _row, phone: _phone, secondFactor, ...s }) => ({
    ...s,
    secondFactorHash: secondFactor ? hashSecondFactor(options.idHashKey!, secondFactor) : null,
  }));
  return { ...base, entries };
}

/** The audit entry of an import: counts only, never a row's content. */
export function rosterImportAudit(actor: string, now: Date, fileName: string, validation: RosterValidation, extra: Record<string, unknown> = {}): AuditDraft {
  const imported = validation.entries?.length ?? 0;
  return {
    at: now.toISOString(),
    actor,
    action: 'importRoster',
    target: fileName,
    detail: JSON.stringify({ dataRows: validation.dataRows, imported, skippedRows: validation.dataRows - imported, ...extra }),
  };
}

/**
 * The bulk-load command's import (scripts/import-roster.mjs, the benchmark): validate, and when asked write every
 * entry in one step with one audit entry. The committee's action goes through a job instead.
 */
export async function importRoster(
  storage: StoragePort,
  bytes: Uint8Array,
  fileName: string,
  options: RosterImportOptions,
): Promise<RosterImportReport> {
  const { entries, ...validation } = validateRosterFile(bytes, fileName, options);
  const report: RosterImportReport = { ...validation, committed: false, created: 0, updated: 0 };
  if (!options.commit || !entries) return report;
  const { created, updated } = await storage.importStudents(entries, rosterImportAudit(options.actor, options.now, fileName, { ...validation, entries }));
  return { ...report, committed: true, created, updated };
}

import { ApiError, type ActionOutput, type ActionParsedInput } from '../../../types';
import { awardDrafts, fileKey, studentNosOf, validateAwards } from './award-file';
import { readRosterTable, RosterFileError } from '../../spreadsheets/read-table';
import type { HandlerContext } from '../shared/context';
import { WHOLE_ROSTER } from '../shared/lookups';
import { requireOpenid } from '../shared/caller';

/** Up to this many distinct students are looked up one by one; more, and the roster is read once instead. */
const LOOKUPS_ONE_BY_ONE = 200;

/**
 * 批量手工记分 (committee): reads the xlsx/CSV with the roster's reader, reports every row's problems in Chinese, and
 * — when asked to commit — awards the clean rows. Keys are the file's hash and the row, so importing the same file
 * again (a double click, a retry after a timeout) awards nothing twice: those rows are counted as alreadyAwarded.
 */
export async function importCreditAwards(
  input: ActionParsedInput<'importCreditAwards'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'importCreditAwards'>> {
  const actor = await requireOpenid(ctx);
  const now = ctx.now();
  const bytes = Buffer.from(input.contentBase64, 'base64');
  let table;
  try {
    table = readRosterTable(bytes, input.fileName);
  } catch (error) {
    if (error instanceof RosterFileError) throw new ApiError('FILE_UNREADABLE', error.message);
    throw error;
  }
  const wanted = studentNosOf(table);
  const [settings, known] = await Promise.all([ctx.storage.creditSettings(), knownStudents(ctx, wanted)]);
  const result = validateAwards(table, settings.modules, (no) => known.has(no));
  const report = {
    dataRows: result.dataRows,
    cleanRows: result.rows.length,
    problems: result.problems,
    committed: false,
    awarded: 0,
    alreadyAwarded: 0,
  };
  if (!input.commit || result.rows.length === 0) return report;
  const written = await ctx.storage.awardMany(awardDrafts(result.rows, fileKey(bytes), input.fileName, actor, now));
  return { ...report, committed: true, awarded: written.length, alreadyAwarded: result.rows.length - written.length };
}

async function knownStudents(ctx: HandlerContext, studentNos: readonly string[]): Promise<Set<string>> {
  if (studentNos.length > LOOKUPS_ONE_BY_ONE) {
    const wanted = new Set(studentNos);
    return new Set((await ctx.storage.listStudents(WHOLE_ROSTER)).map((s) => s.studentNo).filter((no) => wanted.has(no)));
  }
  const found = await Promise.all(studentNos.map(async (no) => ((await ctx.storage.hasStudent(no)) ? no : null)));
  return new Set(found.filter((no): no is string => no !== null));
}

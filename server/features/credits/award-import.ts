import { ApiError, type ActionOutput, type ActionParsedInput } from '../../../types';
import { awardDrafts, fileKey, studentNosOf, validateAwards } from './award-file';
import { readRosterTable, RosterFileError } from '../../spreadsheets/read-table';
import { uploadedFile } from '../files/file-answers';
import { listedProblems } from '../files/problem-report';
import { advanceJob, createJob } from '../jobs/run-job';
import { elapsedClock, type HandlerContext } from '../shared/context';
import { requireOpenid } from '../shared/caller';

/**
 * 批量手工记分 (committee), of an uploaded file (finishUpload, purpose 'creditAwards'): reads the xlsx/CSV with the
 * roster's reader, looks up every student it names in bulk, and reports every row's problems in Chinese. A commit
 * stores the clean rows' awards as a job and starts writing it while this call's time budget lasts; the page calls
 * continueJob until it is done. Keys are the file's hash and the row, so importing the same file again (a double
 * click, a retry after a timeout, a second upload of the same bytes) awards nothing twice: the job counts those rows
 * as alreadyAwarded.
 */
export async function importCreditAwards(
  input: ActionParsedInput<'importCreditAwards'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'importCreditAwards'>> {
  const started = elapsedClock(ctx)();
  const actor = await requireOpenid(ctx);
  const { file, bytes } = await uploadedFile(ctx, input.fileId, 'creditAwards', actor);
  const now = ctx.now();
  let table;
  try {
    table = readRosterTable(bytes, file.name);
  } catch (error) {
    if (error instanceof RosterFileError) throw new ApiError('FILE_UNREADABLE', error.message);
    throw error;
  }
  const [settings, found] = await Promise.all([ctx.storage.creditSettings(), ctx.storage.findStudentsByNos(studentNosOf(table))]);
  const known = new Set(found.map((s) => s.studentNo));
  const result = validateAwards(table, settings.modules, (no) => known.has(no));
  const listed = await listedProblems(ctx, actor, file.name, result.problems);
  const answer = { dataRows: result.dataRows, cleanRows: result.rows.length, ...listed };
  if (!input.commit || result.rows.length === 0) return { ...answer, committed: false, job: null };
  const drafts = awardDrafts(result.rows, fileKey(bytes), file.name, actor, now);
  const job = await createJob(ctx, 'creditAwards', { fileId: file.fileId, fileName: file.name }, actor, drafts, (jobId) => ({
    at: now.toISOString(),
    actor,
    action: 'importCreditAwards',
    target: file.name,
    detail: JSON.stringify({ dataRows: result.dataRows, rows: drafts.length, jobId }),
  }));
  return { ...answer, committed: true, job: await advanceJob(ctx, job.jobId, started) };
}

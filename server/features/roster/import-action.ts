import { ApiError, type ActionOutput, type ActionParsedInput } from '../../../types';
import { rosterImportAudit, validateRosterFile } from './import-roster';
import { RosterFileError } from '../../spreadsheets/read-table';
import { uploadedFile } from '../files/file-answers';
import { listedProblems } from '../files/problem-report';
import { advanceJob, createJob } from '../jobs/run-job';
import { elapsedClock, type HandlerContext } from '../shared/context';
import { requireOpenid } from '../shared/caller';

/**
 * The committee's roster import of an uploaded file (finishUpload, purpose 'roster'): the whole file is read and
 * validated in this call (CPU only); a preview answers the row-by-row report. A commit stores the entries as a job
 * and starts writing it while this call's time budget lasts; the page calls continueJob until the job is done.
 */
export async function importRosterFile(
  input: ActionParsedInput<'importRoster'>,
  ctx: HandlerContext,
): Promise<ActionOutput<'importRoster'>> {
  const started = elapsedClock(ctx)();
  const actor = await requireOpenid(ctx);
  const { file, bytes } = await uploadedFile(ctx, input.fileId, 'roster', actor);
  let validation;
  try {
    validation = validateRosterFile(bytes, file.name, { cleanRowsOnly: input.cleanRowsOnly ?? false, idHashKey: ctx.idHashKey });
  } catch (error) {
    if (error instanceof RosterFileError) throw new ApiError('ROSTER_UNREADABLE', error.message);
    throw error;
  }
  const { entries } = validation;
  const listed = await listedProblems(ctx, actor, file.name, validation.problems);
  const answer = { format: validation.format, dataRows: validation.dataRows, cleanRows: validation.cleanRows, ...listed };
  if (!input.commit || !entries) return { ...answer, committed: false, job: null };
  const job = await createJob(ctx, 'roster', { fileId: file.fileId, fileName: file.name }, actor, entries, (jobId) =>
    rosterImportAudit(actor, ctx.now(), file.name, validation, { jobId }),
  );
  return { ...answer, committed: true, job: await advanceJob(ctx, job.jobId, started) };
}

import type { ActionOutput } from '../../../../types/actions';
import { call } from '../../../services/api';

// Files go up in parts through the main package's one uploader (services/upload.ts).
export { uploadInParts as uploadFile } from '../../../services/upload';

export type JobProgress = NonNullable<ActionOutput<'importRoster'>['job']> | NonNullable<ActionOutput<'importCreditAwards'>['job']>;

/**
 * A committed import's job, worked through to the end: continueJob until done or failed, reporting progress after
 * each call. Another call at work (retryAfterMs) is waited for, not raced.
 */
export async function followJob<J extends JobProgress>(job: J, onProgress: (job: J) => void): Promise<J> {
  let current = job;
  onProgress(current);
  while (current.status === 'running') {
    if (current.retryAfterMs) await new Promise((resolve) => setTimeout(resolve, current.retryAfterMs!));
    current = (await call('continueJob', { jobId: current.jobId })) as J;
    onProgress(current);
  }
  return current;
}

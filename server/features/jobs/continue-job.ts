import type { ActionOutput, ActionParsedInput } from '../../../types';
import type { HandlerContext } from '../shared/context';
import { advanceJob } from './run-job';

/**
 * 继续执行批量任务: the page calls this until the job is done, showing `done / total` in between. A job that is done
 * or failed answers its final progress and writes nothing; one that another call is working on answers its progress
 * with `retryAfterMs`.
 */
export async function continueJob(input: ActionParsedInput<'continueJob'>, ctx: HandlerContext): Promise<ActionOutput<'continueJob'>> {
  return advanceJob(ctx, input.jobId);
}

/**
 * The `timer` cloud function: CloudBase's timer trigger (config.json, every 5 minutes) runs the scheduled jobs —
 * close sign-ups whose window has ended, queue reminders for events starting within 24 hours, send what is due as
 * WeChat subscribe messages and retry failures with backoff (server/features/notifications/scheduled-jobs.ts). The same job runs in the
 * local server every minute and behind the committee's runScheduledJobs action.
 *
 * It acts for no one and reads nothing from `event`. A mini program can call any function of its environment by name,
 * so a call that carries a user's OPENID (someone calling it from the app rather than the trigger) is refused without
 * running anything: the committee's button goes through the `api` function and its access table.
 */
import * as cloud from 'wx-server-sdk';
import { runScheduledJobs, type JobReport } from '../../../server/features/notifications/scheduled-jobs';
import { cloudbaseSender, templatesFromEnv, type OpenApi } from '../../../server/features/notifications/cloudbase-sender';
import { CloudbaseStorage } from '../../../server/storage/cloudbase/cloudbase-storage';
import type { WxDatabase } from '../../../server/storage/cloudbase/wx-db';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

// Once per container, reused by warm invocations (see cloudfunctions/api/src/index.ts for the casts).
const storage = new CloudbaseStorage(cloud.database({ throwOnNotFound: false } as { env?: string }) as unknown as WxDatabase);

// Template ids and field mapping from the function's environment variable SUBSCRIBE_TEMPLATES (JSON; see
// server/features/notifications/cloudbase-sender.ts and docs/cloudbase.md), set in 云开发控制台 → 云函数 → timer → 配置.
const sender = cloudbaseSender(cloud.openapi as unknown as OpenApi, templatesFromEnv(process.env.SUBSCRIBE_TEMPLATES));

export async function main(_event: unknown, _context: unknown): Promise<JobReport | { ok: false; code: 'FORBIDDEN' }> {
  if (cloud.getWXContext().OPENID) return { ok: false, code: 'FORBIDDEN' };
  const report = await runScheduledJobs(storage, sender, new Date());
  // The function's log is where an operator looks: one line per run, failures named by scheduled-jobs.ts itself.
  console.log(`[timer] ${JSON.stringify(report)}`);
  return report;
}

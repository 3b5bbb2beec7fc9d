import { runScheduledJobs, type JobReport } from '../features/notifications/scheduled-jobs';
import type { NotificationSender } from '../features/notifications/sender';
import type { FileStore, StoragePort } from '../storage/ports';
import { sweepExpired } from '../features/files/sweep';

export interface JobScheduler {
  /** Stops the timer and resolves once a run in progress (if any) has finished, so storage can be closed after. */
  stop(): Promise<void>;
}

/**
 * The local stand-in for CloudBase's timer trigger: runs the scheduled jobs (close sign-ups, queue reminders, send
 * and retry the outbox) every `intervalMs`. A tick that finds the previous run still going is skipped, so runs never
 * overlap; an error is logged and the next tick tries again. The timer is unref'd: it never keeps the process alive.
 */
export function startJobScheduler(options: {
  storage: StoragePort;
  sender: NotificationSender;
  intervalMs: number;
  now?: () => Date;
  log?: (line: string) => void;
  /** With it, each run also removes expired files, uploads and abandoned jobs (sweepExpired). */
  files?: FileStore;
}): JobScheduler {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((line: string) => console.log(line));
  let running: Promise<void> | null = null;
  let stopped = false;

  const tick = () => {
    if (running || stopped) return;
    running = runScheduledJobs(options.storage, options.sender, now())
      .then(async (report) => {
        if (worthLogging(report)) log(`[jobs] ${describe(report)}`);
        if (options.files) {
          const swept = await sweepExpired(options.storage, options.files, now());
          if (swept.files + swept.uploads + swept.jobs > 0) log(`[jobs] 清理过期文件 ${swept.files}，未完成的上传 ${swept.uploads}，过期任务 ${swept.jobs}`);
        }
      })
      .catch((error) => console.error('[jobs] scheduled run failed', error))
      .finally(() => {
        running = null;
      });
  };

  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

function worthLogging(r: JobReport): boolean {
  return r.queued + r.sent + r.retried + r.failed + r.skipped + r.closed + r.left + r.placed > 0;
}

function describe(r: JobReport): string {
  return `关闭报名 ${r.closed}，新提醒 ${r.queued}，已发送 ${r.sent}，重试 ${r.retried}，失败 ${r.failed}，跳过 ${r.skipped}，留待下次 ${r.left}`;
}

/**
 * A separate process using the real SQLite adapter, for the durability tests (bundled with esbuild, since a child
 * process cannot load TypeScript). Argument: a JSON job. It signs the students up in rounds of `round` concurrent
 * calls, then either reports and exits, or reports and kills itself with SIGKILL before anything else can run
 * (no close, no checkpoint): what was answered must already be on disk.
 */
import { writeSync } from 'node:fs';
import { SqliteStorage } from '../../../server/storage/sqlite/sqlite-storage';

export interface ChildJob {
  file: string;
  eventId: string;
  students: string[];
  now: string;
  round: number;
  /** Wait for a 'go' message from the parent (after answering 'ready'), carrying the instant to start at. */
  waitForGo?: boolean;
  /** Pause between rounds, so that another process gets the write lock in between. */
  pauseMs?: number;
  killAfter?: boolean;
}

export type ChildReport = Array<{ studentNo: string; status?: string; error?: string }>;

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2]) as ChildJob;
  const storage = new SqliteStorage({ file: job.file });
  if (job.waitForGo && process.send) {
    const go = new Promise<number>((resolve) => process.once('message', (m: { startAt: number }) => resolve(m.startAt)));
    process.send('ready');
    const startAt = await go;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
  }
  const report: ChildReport = [];
  for (let i = 0; i < job.students.length; i += job.round) {
    const chunk = job.students.slice(i, i + job.round);
    const results = await Promise.allSettled(chunk.map((s) => storage.signUp(job.eventId, s, new Date(job.now))));
    results.forEach((r, k) =>
      report.push(
        r.status === 'fulfilled'
          ? { studentNo: chunk[k], status: r.value.registration.status }
          : { studentNo: chunk[k], error: String((r.reason as { code?: string })?.code ?? r.reason) },
      ),
    );
    if (job.pauseMs) await new Promise((resolve) => setTimeout(resolve, job.pauseMs));
  }
  writeSync(1, `${JSON.stringify(report)}\n`);
  if (job.killAfter) process.kill(process.pid, 'SIGKILL');
  await storage.close();
  process.exit(0);
}

main().catch((error) => {
  writeSync(2, `${String(error?.stack ?? error)}\n`);
  process.exit(1);
});

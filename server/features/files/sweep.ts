import type { FileStore, StoragePort } from '../../storage/ports';

/** A running job not finished within this long is given up (its stored rows hold personal data). */
export const JOB_LIFETIME_MS = 7 * 24 * 3_600_000;
/** At most this often per process, the opportunistic sweep (startUpload) runs. */
const SWEEP_EVERY_MS = 10 * 60_000;
/** Most of each kind one sweep removes: a sweep is a few requests, never a long call. */
const PER_SWEEP = 50;

export interface SweepReport {
  files: number;
  uploads: number;
  jobs: number;
}

/**
 * Removes what has outlived its purpose: files past their time (exports after 30 minutes, uploads after a day),
 * uploads never finished, and jobs left running for a week (their rows). Bounded, so it can ride along with an
 * ordinary call; what is left waits for the next sweep.
 */
export async function sweepExpired(storage: StoragePort, files: FileStore | undefined, now: Date): Promise<SweepReport> {
  const [uploads, jobs, removed] = await Promise.all([
    storage.expireUploads(now, PER_SWEEP),
    storage.expireJobs(new Date(now.getTime() - JOB_LIFETIME_MS), now, PER_SWEEP),
    files ? files.expire(now, PER_SWEEP) : Promise.resolve(0),
  ]);
  return { files: removed, uploads, jobs };
}

let lastSweep = Number.NEGATIVE_INFINITY;

/**
 * The sweep at most every 10 minutes per process (a warm container, the local server): CloudBase's timer function
 * does not need to know about files, and an environment where nobody uploads makes nothing to sweep. Failures are
 * logged and never fail the call that carried the sweep.
 */
export async function sweepNowAndThen(storage: StoragePort, files: FileStore | undefined, now: Date): Promise<void> {
  if (now.getTime() - lastSweep < SWEEP_EVERY_MS) return;
  lastSweep = now.getTime();
  try {
    await sweepExpired(storage, files, now);
  } catch (error) {
    console.warn('[sweep] expired files and uploads not removed this time', error);
  }
}

import type Database from 'better-sqlite3';

type Job = { work: () => unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void };

/**
 * Group commit: writes that arrive in the same event-loop turn run in one transaction, each inside its own SAVEPOINT,
 * and are answered only after COMMIT returns. With synchronous=FULL one fsync then covers a whole batch instead of
 * one per request (measured in bench/: this is what lets durable sign-ups keep up with a bare HTTP server).
 *
 * A job that throws is rolled back to its savepoint alone; the others in the batch still commit. If COMMIT itself
 * fails, every job of the batch is rejected and nothing of it is written.
 */
export class GroupCommitter {
  private queue: Job[] = [];
  private scheduled = false;
  private closed = false;

  constructor(
    private readonly db: Database.Database,
    private readonly maxBatch = 1000,
  ) {}

  run<T>(work: () => T): Promise<T> {
    if (this.closed) return Promise.reject(new Error('storage is closed'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Runs everything queued so far; used at close so no accepted write is dropped. */
  drain(): void {
    while (this.queue.length) this.flushBatch(this.queue.splice(0, this.maxBatch));
  }

  close(): void {
    this.drain();
    this.closed = true;
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue.splice(0, this.maxBatch);
    if (this.queue.length) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    if (batch.length) this.flushBatch(batch);
  }

  private flushBatch(batch: Job[]): void {
    const results: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      this.db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      for (const job of batch) job.reject(error);
      return;
    }
    for (const job of batch) {
      this.db.exec('SAVEPOINT job');
      try {
        const value = job.work();
        this.db.exec('RELEASE job');
        results.push({ ok: true, value });
      } catch (error) {
        this.db.exec('ROLLBACK TO job');
        this.db.exec('RELEASE job');
        results.push({ ok: false, error });
      }
    }
    try {
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      for (const job of batch) job.reject(error);
      return;
    }
    batch.forEach((job, i) => {
      const r = results[i];
      if (r.ok) job.resolve(r.value);
      else job.reject(r.error);
    });
  }
}

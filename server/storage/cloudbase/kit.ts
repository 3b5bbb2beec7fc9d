import { ApiError } from '../../../types';
import { registrationId, type AuditDraft, type EventRecord, type RegistrationRecord } from '../../../core';
import { auditToDoc, COLLECTIONS, eventFromDoc, registrationFromDoc } from './documents';
import { isDocumentMissing, isTransactionConflict, StaleReadError } from './errors';
import type { WxAggregate, WxCollection, WxCommand, WxDatabase, WxDoc, WxDocumentRef, WxQuery, WxTransaction } from './wx-db';

/**
 * The kit every area of the CloudBase adapter shares: the database, the retry policy and the per-container state
 * (lanes, audit ids, the identity cache). One kit per CloudbaseStorage, so the areas of one adapter queue in the same
 * lanes and number their audit entries from the same sequence.
 */

export interface CloudbaseStorageOptions {
  /**
   * Attempts of one sign-up or cancel before answering BUSY (each attempt is one runTransaction). Default 12.
   * Defaults: no immediate re-runs by the SDK and a patient jittered backoff (CloudBase reports a conflict at the
   * write with errCode -501001, which the SDK's own runTransaction does not re-run anyway). On the real SDK at 20 ms a
   * request (bench/cloudbase-contention.mjs) the direct path answered a burst of 200 on one event with 64 BUSY and its
   * slowest after 11 s, where a short backoff gave 181 BUSY; which is why a conflict sends a sign-up to the intake
   * queue (signup-queue.ts: 0 BUSY, 6.7 operations each, 2.2 s). Hence also the function's 20 s timeout
   * (cloudfunctions/api/config.json).
   */
  maxAttempts?: number;
  /** `retries` handed to db.runTransaction, which re-runs the callback at once on a conflict. Default 0 (SDK: 3). */
  transactionRetries?: number;
  /** Full-jitter backoff between attempts: random(0, min(maxDelayMs, baseDelayMs · 2^(attempt-1))). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Documents per query page (CloudBase returns at most 100 per get by default). */
  pageSize?: number;
  /**
   * The fewest documents the server answers a `get()` page while more remain, whatever cap it applies: 100, the
   * smallest cap ever documented for server-side queries (the docs now say 1000). A page shorter than
   * min(asked, this) is the end; a page at or above it is not, whatever was asked. Default 100.
   */
  serverPageFloor?: number;
  /** Results per aggregation request; without a limit the server answers 20. Default 1000. */
  aggregatePageSize?: number;
  /**
   * Documents per page when a whole collection (or a large part of it) is read: the roster, the credit totals.
   * Default 1000, the largest page the server answers; a page of these documents stays far below the 1 MB result limit.
   */
  bulkPageSize?: number;
  /** Independent reads in flight at once (batches of `fetchByIds`, a college export's queries). Default 8. */
  readConcurrency?: number;
  /**
   * Independent writes in flight at once in bulk work (a roster chunk's students, a chunk of awards, a batch of
   * scans' groups of members). Default 20: enough to hide the latency of each request, few enough to stay within
   * an environment's concurrent-request quota.
   */
  bulkConcurrency?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /**
   * How long a warm container remembers which student an openid is bound to. Default 60 s. Every call resolves its
   * caller, and CloudBase bills that look-up like any operation: remembering it keeps a sign-up at 3 operations.
   * Bindings change rarely and only by an explicit act, so a short memory bounds staleness; 0 turns it off.
   */
  identityCacheMs?: number;
  nowMs?: () => number;
  /**
   * The intake queue for sign-up rushes (signup-queue.ts: batch size, writers, slice, lease, views, settle). `{ enabled:
   * false }` makes every sign-up a direct transaction retried on conflict, as before the queue (benches compare).
   */
  signupQueue?: Partial<import('./signup-queue').SignupQueueOptions>;
}

/** The database or a transaction: both hand out collections (only `doc(id)` and `add` of a transaction are in it). */
export interface WxScope {
  collection(name: string): WxCollection;
}

/** `doc(id).get()` as a document or null, whatever the database's `throwOnNotFound` setting. */
export async function readDoc(ref: WxDocumentRef): Promise<WxDoc | null> {
  try {
    const { data } = await ref.get();
    if (Array.isArray(data)) return (data[0] as WxDoc | undefined) ?? null;
    return data ?? null;
  } catch (error) {
    if (isDocumentMissing(error)) return null;
    throw error;
  }
}

/** The event by id (in a transaction or not); NOT_FOUND when there is none. */
export async function readEventIn(scope: WxScope, eventId: string): Promise<EventRecord> {
  const doc = await readDoc(scope.collection(COLLECTIONS.events).doc(eventId));
  if (!doc) throw new ApiError('NOT_FOUND', '没有找到这个活动，可能已被删除');
  return eventFromDoc(doc);
}

/** The student's registration for the event by its deterministic id, or null. */
export async function readRegistrationIn(scope: WxScope, eventId: string, studentNo: string): Promise<RegistrationRecord | null> {
  const doc = await readDoc(scope.collection(COLLECTIONS.registrations).doc(registrationId(eventId, studentNo)));
  return doc ? registrationFromDoc(doc) : null;
}

/**
 * An `add` inside a transaction failed for another reason than a conflict (usually: its `_id` exists). What that
 * means is for the caller to decide after the transaction, reading the document (see `transact`'s `addExists`).
 */
export class AddFailed extends Error {
  constructor(
    readonly original: unknown,
    readonly collection: string,
    readonly id: string,
  ) {
    super(`add ${collection}/${id} failed`);
    this.name = 'AddFailed';
  }
}

/** `add` of a document whose `_id` is `id`, in the transaction; a failure other than a conflict is AddFailed. */
export async function addIn(t: WxTransaction, collection: string, id: string, doc: Record<string, unknown>): Promise<void> {
  try {
    await t.collection(collection).add({ data: { ...doc, _id: id } });
  } catch (error) {
    if (isTransactionConflict(error)) throw error;
    throw new AddFailed(error, collection, id);
  }
}

export interface TransactOptions {
  /** What BUSY says once the attempts are used up (BUSY's own text speaks of sign-ups). */
  busy?: string;
  /**
   * When an `addIn` of the transaction failed, the document is read (outside, rare path). Missing: the failure was
   * real and is rethrown. There: 'retry' (what the attempt read was stale: run it again with fresh reads), or the
   * refusal to throw. Without this option an AddFailed reaches the caller as it is.
   */
  addExists?: 'retry' | (() => Error);
}

export class CloudbaseKit {
  readonly pageSize: number;
  private readonly serverPageFloor: number;
  /** Groups per aggregation request. */
  readonly aggregatePageSize: number;
  readonly bulkPageSize: number;
  readonly readConcurrency: number;
  readonly bulkConcurrency: number;
  readonly random: () => number;
  readonly identities: IdentityCache;
  /** This container's clock in milliseconds (how long a drain slice has run; the identity cache's freshness). */
  readonly nowMs: () => number;
  private readonly maxAttempts: number;
  private readonly transactionRetries: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  /**
   * Per lane (an event's check-in writes, a credit source's settlements, a rate-limit bucket, a consent): the tail
   * of this container's writes to it, which run one after another (see inLane).
   */
  private readonly lanes = new Map<string, Promise<void>>();
  /** The millisecond of the last audit entry this container wrote, and the next sequence number within it. */
  private auditSeq = { ms: Number.NEGATIVE_INFINITY, next: 0 };

  constructor(
    readonly db: WxDatabase,
    options: CloudbaseStorageOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 12;
    this.transactionRetries = options.transactionRetries ?? 0;
    this.baseDelayMs = options.baseDelayMs ?? 50;
    this.maxDelayMs = options.maxDelayMs ?? 2000;
    this.pageSize = options.pageSize ?? 100;
    this.serverPageFloor = options.serverPageFloor ?? 100;
    this.aggregatePageSize = options.aggregatePageSize ?? 1000;
    this.bulkPageSize = options.bulkPageSize ?? 1000;
    this.readConcurrency = options.readConcurrency ?? 8;
    this.bulkConcurrency = options.bulkConcurrency ?? 20;
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.nowMs = options.nowMs ?? Date.now;
    this.identities = new IdentityCache(options.identityCacheMs ?? 60_000, this.nowMs);
  }

  /** Waits (the retry policy's sleep, which tests and benches may replace). */
  pause(ms: number): Promise<void> {
    return this.sleep(ms);
  }

  get command(): WxCommand {
    return this.db.command;
  }

  /** One attempt: `runTransaction` with the SDK's own immediate re-runs (`transactionRetries`). */
  transaction<T>(callback: (t: WxTransaction) => Promise<T>): Promise<T> {
    return this.db.runTransaction(callback, this.transactionRetries);
  }

  /**
   * A transaction under the retry policy: the callback is re-run (it must keep no state outside) after a conflict or
   * a stale read, with backoff, until the attempts run out (BUSY).
   */
  transact<T>(callback: (t: WxTransaction) => Promise<T>, options: TransactOptions = {}): Promise<T> {
    const attempt = () => this.transaction(callback);
    return this.withRetries(options.addExists ? this.recoveringAdd(attempt, options.addExists) : attempt, options.busy);
  }

  /**
   * The retry policy around an attempt that is more than one transaction (a query before it, a second transaction
   * on a rare path): conflicted or stale attempts are retried with full-jitter backoff, then BUSY. Refusals and
   * other errors are not retried.
   */
  async withRetries<T>(attempt: () => Promise<T>, busyMessage?: string): Promise<T> {
    for (let n = 1; ; n++) {
      try {
        return await attempt();
      } catch (error) {
        if (!isTransactionConflict(error) && !(error instanceof StaleReadError)) throw error;
        if (n >= this.maxAttempts) throw new ApiError('BUSY', busyMessage);
        const cap = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (n - 1));
        await this.sleep(Math.floor(this.random() * cap));
      }
    }
  }

  /**
   * An attempt whose `add` failed: if the document exists now, what the attempt read was stale (on CloudBase a
   * concurrent insert may surface as a duplicate key rather than a conflict) — retry, or answer `exists`' refusal;
   * if it does not, the failure was real and is rethrown.
   */
  private recoveringAdd<T>(attempt: () => Promise<T>, exists: 'retry' | (() => Error)): () => Promise<T> {
    return async () => {
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof AddFailed)) throw error;
        if (await readDoc(this.db.collection(error.collection).doc(error.id))) {
          throw exists === 'retry' ? new StaleReadError(`${error.collection}/${error.id} appeared`) : exists();
        }
        throw error.original;
      }
    };
  }

  /**
   * A page of `query` in the order `sortBy` then `_id`, `limit` asked (at most 1000), optionally projected to
   * `fields`; `more` says whether documents may follow the last one: a page as long as min(limit, serverPageFloor)
   * may have been capped by the server (see fetchAll), a shorter one is the end.
   */
  async fetchPage(
    query: WxQuery,
    sortBy: readonly SortKey[],
    limit: number,
    fields?: readonly string[],
  ): Promise<{ docs: WxDoc[]; more: boolean }> {
    const want = Math.max(1, Math.min(limit, 1000));
    const ordered = inOrder(query, sortBy).limit(want);
    const { data } = await (fields ? ordered.field(projectionOf(fields)) : ordered).get();
    return { docs: data, more: data.length > 0 && data.length >= Math.min(want, this.serverPageFloor) };
  }

  /**
   * Every document of a query, page by page (`pageSize` asked, at most 1000), in the order `sortBy` and then `_id`,
   * up to `max`. A page shorter than asked is not by itself the end: the server may cap a page below the `limit`
   * asked (the docs say 1000, older docs and community tests 100; with a cap of 100 and 1000 asked, the dashboard once
   * counted 100 of 150 events). No server answers fewer than `serverPageFloor` (100) while more remain, so a page
   * shorter than min(asked, floor) is the end, and so is an empty one: a listing of up to 100 costs one operation, and
   * a longer one asked 1000 a page never stops at a cap of 100. `_id` last makes the order total: pages are taken by `skip`, and
   * documents whose sort keys tie may come back in any order from one request to the next (MongoDB's rule), so
   * without it pages could overlap and miss documents.
   */
  async fetchAll(
    query: WxQuery,
    sortBy: readonly SortKey[],
    options: { max?: number; pageSize?: number; fields?: readonly string[] } = {},
  ): Promise<WxDoc[]> {
    const { max = Number.POSITIVE_INFINITY, pageSize = this.pageSize } = options;
    const ordered = inOrder(query, sortBy);
    const sorted = options.fields ? ordered.field(projectionOf(options.fields)) : ordered;
    const out: WxDoc[] = [];
    while (out.length < max) {
      const want = Math.min(pageSize, max - out.length);
      const { data } = await (out.length ? sorted.skip(out.length) : sorted).limit(want).get();
      out.push(...data);
      if (data.length < Math.min(want, this.serverPageFloor)) break;
    }
    return out;
  }

  /**
   * Documents by `_id`, a batch of ids per query (`_.in`); missing ones are simply absent. A batch answered short
   * because the server capped its page (as many answered as `serverPageFloor` or more) is asked again for the ids
   * not found yet; answered fewer, the rest do not exist. One operation per batch of up to `batch` ids (default
   * `pageSize`, 100), `readConcurrency` batches in flight at once; answered in no particular order.
   */
  async fetchByIds(collection: string, ids: readonly string[], batch = this.pageSize): Promise<WxDoc[]> {
    const _ = this.db.command;
    const unique = [...new Set(ids)];
    const batches: string[][] = [];
    for (let i = 0; i < unique.length; i += batch) batches.push(unique.slice(i, i + batch));
    const out: WxDoc[] = [];
    await inPool(batches, this.readConcurrency, async (wanted) => {
      let missing = wanted;
      while (missing.length) {
        const asked = missing.length;
        const { data } = await this.db.collection(collection).where({ _id: _.in(missing) }).limit(asked).get();
        if (!data.length) break;
        out.push(...data);
        const found = new Set(data.map((d) => String(d._id)));
        missing = missing.filter((id) => !found.has(id));
        if (data.length < Math.min(asked, this.serverPageFloor)) break;
      }
    });
    return out;
  }

  /**
   * Every result of an aggregation, `aggregatePageSize` a page (a fresh pipeline per page: the SDK's stage methods
   * append to one shared pipeline), sorted by `sortBy` so that pages are stable (group keys are unique). The adapter
   * always sets the limit: without one the server answers 20. As with queries, a short page is the end only when
   * shorter than min(asked, serverPageFloor), or empty.
   */
  async aggregateAll(collection: string, build: (pipeline: WxAggregate) => WxAggregate, sortBy: string[]): Promise<WxDoc[]> {
    const size = this.aggregatePageSize;
    const out: WxDoc[] = [];
    for (;;) {
      let pipeline = build(this.db.collection(collection).aggregate()).sort(Object.fromEntries(sortBy.map((f) => [f, 1 as const])));
      if (out.length > 0) pipeline = pipeline.skip(out.length);
      const { list } = await pipeline.limit(size).end();
      out.push(...list);
      if (list.length < Math.min(size, this.serverPageFloor)) return out;
    }
  }

  /**
   * The audit entry, added in the caller's transaction (or on its own, given the database). CloudBase has no
   * autoincrement (and a shared counter document would make every audited change conflict with every other), so the
   * numeric id is the entry's millisecond times 1000 plus a sequence: within a container it grows with each entry of
   * the same millisecond (newest first holds); it starts at a random 0..499 for each new millisecond, so two
   * containers writing in the same millisecond rarely (≈1/500) pick the same id. The `_id` is the database's own,
   * always unique.
   */
  async addAudit(scope: WxScope, audit: AuditDraft): Promise<void> {
    await scope.collection(COLLECTIONS.auditLog).add({ data: auditToDoc(this.nextAuditId(audit.at), audit) });
  }

  private nextAuditId(at: string): number {
    const ms = Date.parse(at);
    if (!Number.isFinite(ms)) throw new Error(`audit entry with an invalid time: ${at}`);
    if (ms > this.auditSeq.ms) this.auditSeq = { ms, next: Math.floor(this.random() * 500) };
    const k = Math.min(this.auditSeq.next++, 999);
    return ms * 1000 + k;
  }

  /**
   * Runs `run` after this container's earlier work in the same lane has settled (succeeded or failed). Writes that
   * all write one document (an event's counters, a source's head, a bucket) conflict whenever two are in flight, and
   * one re-runs after a backoff; queued, they cost their operations once. Containers still race each other; the
   * retries handle that.
   */
  inLane<T>(lane: string, run: () => Promise<T>): Promise<T> {
    const previous = this.lanes.get(lane) ?? Promise.resolve();
    const result = previous.then(run);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.lanes.set(lane, tail);
    void tail.then(() => {
      if (this.lanes.get(lane) === tail) this.lanes.delete(lane);
    });
    return result;
  }
}

/** `field()`'s projection of these fields (record names; `id` is the document's `_id`, which always comes). */
export function projectionOf(fields: readonly string[]): Record<string, boolean> {
  return Object.fromEntries(fields.filter((f) => f !== 'id' && f !== '_id').map((f) => [f, true]));
}

/** A field and its direction, as `orderBy` takes them. */
export type SortKey = readonly [field: string, direction: 'asc' | 'desc'];

/** `query` ordered by `sortBy`, then by `_id` (unique, so the order is total) unless `sortBy` ends with it already. */
export function inOrder(query: WxQuery, sortBy: readonly SortKey[]): WxQuery {
  const keys = sortBy.length && sortBy[sortBy.length - 1][0] === '_id' ? sortBy : [...sortBy, ['_id', 'asc'] as const];
  return keys.reduce((q, [field, direction]) => q.orderBy(field, direction), query);
}

/** Most openids a container remembers; the oldest is forgotten first. */
const IDENTITY_CACHE_LIMIT = 10_000;

/**
 * Which student an openid is bound to, remembered per warm container for `ttlMs` (see CloudbaseStorageOptions'
 * identityCacheMs): the roster answers from it, binding and unbinding keep it right in this container.
 */
export class IdentityCache {
  private readonly bound = new Map<string, { studentNo: string; until: number }>();

  constructor(
    private readonly ttlMs: number,
    readonly nowMs: () => number,
  ) {}

  /** The remembered student number, if still fresh at `now`. */
  get(openid: string, now = this.nowMs()): string | null {
    const known = this.bound.get(openid);
    return known && known.until > now ? known.studentNo : null;
  }

  remember(openid: string, studentNo: string, now = this.nowMs()): void {
    if (this.ttlMs <= 0) return;
    this.bound.delete(openid);
    this.bound.set(openid, { studentNo, until: now + this.ttlMs });
    if (this.bound.size > IDENTITY_CACHE_LIMIT) this.bound.delete(this.bound.keys().next().value!);
  }

  forget(openid: string): void {
    this.bound.delete(openid);
  }

  /** A roster change here must not be hidden by this container's memory. */
  clear(): void {
    this.bound.clear();
  }
}

/**
 * Operations of one transaction sent side by side (a round trip for all of them instead of one each). All are
 * awaited; if any failed, the error that explains it is thrown: a conflict first (the attempt is retried), then a
 * failed `add` (the caller's recovery reads the document), then any other. The others may have failed only because
 * the server aborted the transaction after the first failure.
 */
export async function allInTransaction<T>(operations: ReadonlyArray<Promise<T>>): Promise<T[]> {
  const settled = await Promise.allSettled(operations);
  const errors = settled.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as unknown);
  if (errors.length) throw errors.find(isTransactionConflict) ?? errors.find((e) => e instanceof AddFailed) ?? errors[0];
  return settled.map((r) => (r as PromiseFulfilledResult<T>).value);
}

/** Writes `items` 20 (`width`) at a time, each on its own (no transaction). */
export async function inBatches<T>(items: readonly T[], write: (item: T) => Promise<unknown>, width = 20): Promise<void> {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(write));
}

/** Runs `work` over `items` with at most `width` in flight. */
export async function inPool<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The in-process CloudBase database server: one `handle(action, params)` per wire request (see protocol.ts), with
 * latency, per-action request counts, page and size limits, transactions (store.ts) and fault injection.
 * The transport (transport.ts) hands it what the real @cloudbase/database 1.4.3 sends; it answers in the shapes the
 * SDK parses. Create one per test: `new CloudbaseBackend({ latencyMs: 0 })`, then `createRealSdkDatabase(backend)`.
 */
import type { LatencyClock } from './clock';
import {
  countRequest,
  emptyCounters,
  networkDelay,
  resultBytes,
  TRANSACTION_ACTIONS,
  withDefaults,
  type BackendOptions,
  type RequestCounters,
} from './limits';
import {
  injectedError,
  invalidParam,
  resultTooLargeError,
  ServerError,
  type WireAnswer,
  type WireParams,
} from './protocol';
import { logEntryOf, type RequestLogEntry } from './request-log';
import { ejson } from './sdk-modules';
import { Store, type Doc, type Transaction } from './store';

let backendCounter = 0;

interface Fault {
  actions: Set<string>;
  collection?: string;
}

const fullAction = (action: string) => (action.startsWith('database.') ? action : `database.${action}`);

export class CloudbaseBackend {
  readonly options: BackendOptions;
  /** Requests reach this backend through the env id of the database the factory made. */
  readonly envId: string;
  private readonly store: Store;
  private stats: RequestCounters = emptyCounters();
  private log: RequestLogEntry[] = [];
  private readonly faults: Fault[] = [];
  private requestSeq = 0;
  /** The random source of `unorderedTies` (mulberry32, fixed seed: a failing order can be replayed). */
  private tieState = 0x9e3779b9;

  constructor(options: Partial<BackendOptions> = {}) {
    this.options = withDefaults(options);
    this.envId = this.options.envId ?? `inproc-${process.pid}-${++backendCounter}`;
    this.store = new Store(
      {
        onLockWait: () => this.stats.lockWaits++,
        onConflict: () => this.stats.transactions.conflicts++,
        onExpire: () => this.stats.transactions.expired++,
      },
      this.options.transactionTimeoutMs,
    );
  }

  // ------------------------------------------------------------------ test controls

  /**
   * The next request of one of these actions (`'insertDocument'` or `'database.insertDocument'`), on `collection`
   * if given, fails with a system error (wx-server-sdk: errCode -501001). A transaction it was part of is aborted.
   */
  failNext(actions: string | string[], collection?: string): void {
    this.faults.push({ actions: new Set((Array.isArray(actions) ? actions : [actions]).map(fullAction)), collection });
  }

  counters(): RequestCounters {
    return JSON.parse(JSON.stringify(this.stats)) as RequestCounters;
  }

  /** Counters and the request log start again from nothing. */
  resetCounters(): void {
    this.stats = emptyCounters();
    this.log = [];
  }

  /**
   * Every request since the last `resetCounters`, in the order it reached the server (request-log.ts: the wire
   * action, collection, whether it was part of a transaction, the document or query fields it named, a refusal).
   */
  requestLog(): RequestLogEntry[] {
    return this.log.map((entry) => ({ ...entry }));
  }

  /**
   * Changes the latency model from the next request on: e.g. seed at 0, then measure at 20 ms on a SimulatedClock.
   * `clock` undefined: real time.
   */
  useLatency(latencyMs: number, clock?: LatencyClock): void {
    if (!(latencyMs >= 0)) throw new Error('cloudbase backend: latencyMs must be a number ≥ 0');
    this.options.latencyMs = latencyMs;
    this.options.clock = clock;
  }

  /** Billable document requests (everything but starting and ending transactions). */
  opCount(): number {
    return this.stats.documentOps;
  }

  resetOpCount(): void {
    this.resetCounters();
  }

  openTransactions(): number {
    return this.store.openTransactions();
  }

  /** The committed documents of a collection, copied (no request, not counted). */
  dump(collection: string): Doc[] {
    return this.store.dump(collection);
  }

  /** Puts documents directly (no request, not counted). */
  seed(collection: string, docs: Doc[]): void {
    this.store.seed(collection, docs);
  }

  // ------------------------------------------------------------------ the server

  async handle(action: string, params: WireParams = {}): Promise<WireAnswer> {
    const requestId = `inproc-req-${++this.requestSeq}`;
    const collection = typeof params.collectionName === 'string' ? params.collectionName : undefined;
    countRequest(this.stats, action, collection);
    const half = this.options.latencyMs / 2;
    const clock = this.options.clock;
    await networkDelay(half, clock);
    let answer: WireAnswer;
    let entry: RequestLogEntry | undefined;
    try {
      // The server's own work is the synchronous part of `execute` (an await inside it only waits for a lock).
      const started = performance.now();
      entry = logEntryOf(action, params);
      this.log.push(entry);
      const fault = this.injectFault(action, collection, params);
      const executing = this.execute(action, params);
      this.stats.serverMs += performance.now() - started;
      answer = { requestId, ...fault, ...(await executing) };
    } catch (error) {
      if (params.transactionId && !TRANSACTION_ACTIONS.has(action)) this.abortQuietly(params.transactionId);
      if (entry) entry.failed = error instanceof ServerError ? error.code : 'SYS_ERR';
      answer =
        error instanceof ServerError
          ? { requestId, code: error.code, message: error.message }
          : { requestId, code: 'SYS_ERR', message: `[InternalError] ${(error as Error)?.message ?? String(error)}` };
    }
    if (half > 0) await networkDelay(half, clock);
    return answer;
  }

  private injectFault(action: string, collection: string | undefined, params: WireParams): Record<string, never> {
    const i = this.faults.findIndex((f) => f.actions.has(action) && (!f.collection || f.collection === collection));
    if (i >= 0) {
      this.faults.splice(i, 1);
      this.stats.injectedFailures++;
      if (params.transactionId) this.abortQuietly(params.transactionId);
      throw injectedError(action, collection);
    }
    return {};
  }

  private abortQuietly(transactionId: string): void {
    try {
      const tx = this.store.open(transactionId);
      this.store.abort(tx);
      this.stats.transactions.aborted++;
    } catch {
      // already gone
    }
  }

  private decode(value: unknown, what: string): unknown {
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value === 'string') {
      try {
        return ejson().parse(value);
      } catch (error) {
        throw invalidParam(`${what} is not valid EJSON: ${(error as Error).message}`);
      }
    }
    // Objects are accepted too (other SDK versions send some parameters unserialised).
    return ejson().parse(JSON.stringify(value));
  }

  private decodeDoc(value: unknown, what: string): Doc {
    const doc = this.decode(value, what);
    if (doc === undefined) return {};
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw invalidParam(`${what} must be an object`);
    return doc as Doc;
  }

  private nextTieRandom(): number {
    let t = (this.tieState = (this.tieState + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  private transactionOf(params: WireParams): Transaction | undefined {
    return params.transactionId ? this.store.open(params.transactionId) : undefined;
  }

  private collectionOf(params: WireParams): string {
    if (typeof params.collectionName !== 'string' || !params.collectionName) throw invalidParam('collectionName is required');
    return params.collectionName;
  }

  /** EJSON text of each document (canonical, so numbers and dates survive exactly), checked against the size limit. */
  private encodeList(docs: Doc[]): string[] {
    const list = docs.map((d) => ejson().stringify(d, { relaxed: false }));
    const bytes = resultBytes(list);
    if (bytes > this.options.maxResultBytes) {
      this.stats.oversizedResults++;
      throw resultTooLargeError(bytes, this.options.maxResultBytes);
    }
    return list;
  }

  private async execute(action: string, params: WireParams): Promise<Record<string, unknown>> {
    switch (action) {
      case 'database.getDocument': {
        const collection = this.collectionOf(params);
        const tx = this.transactionOf(params);
        if (tx && params.queryType !== 'DOC') this.stats.queriesInTransaction++;
        const requested = typeof params.limit === 'number' && params.limit > 0 ? params.limit : this.options.defaultPageSize;
        const docs = this.store.find(
          collection,
          this.decodeDoc(params.query, 'query'),
          {
            sort: this.decodeDoc(params.order, 'order') as Record<string, 1 | -1>,
            skip: typeof params.offset === 'number' ? params.offset : 0,
            limit: Math.min(requested, this.options.maxPageSize),
            projection: this.decodeDoc(params.projection, 'projection'),
            shuffle: this.options.unorderedTies ? () => this.nextTieRandom() : undefined,
          },
          tx,
        );
        return { data: { list: this.encodeList(docs) } };
      }
      case 'database.insertDocument': {
        const collection = this.collectionOf(params);
        const tx = this.transactionOf(params);
        const raw = Array.isArray(params.data) ? params.data : [params.data];
        const docs = raw.map((d, i) => this.decodeDoc(d, `data[${i}]`));
        const insertedIds = await this.store.insert(collection, docs, tx);
        return { data: { insertedIds } };
      }
      case 'database.modifyDocument':
      case 'database.modifyAndReturnDoc': {
        const collection = this.collectionOf(params);
        const tx = this.transactionOf(params);
        const andReturn = action === 'database.modifyAndReturnDoc';
        const result = await this.store.modify(
          collection,
          {
            filter: this.decodeDoc(params.query, 'query'),
            data: this.decodeDoc(params.data, 'data'),
            merge: andReturn ? true : params.merge !== false,
            multi: andReturn ? false : params.multi !== false,
            upsert: andReturn ? false : params.upsert === true,
          },
          tx,
        );
        if (andReturn) {
          return { data: { updated: result.updated, doc: result.doc ? ejson().stringify(result.doc, { relaxed: false }) : null } };
        }
        // `upsert_id` is the name @cloudbase/database 1.4.3 reads.
        return { data: { updated: result.updated, matched: result.matched, upsert_id: result.upsertId } };
      }
      case 'database.removeDocument': {
        const collection = this.collectionOf(params);
        const tx = this.transactionOf(params);
        const deleted = await this.store.remove(collection, this.decodeDoc(params.query, 'query'), params.multi !== false, tx);
        return { data: { deleted } };
      }
      case 'database.calculateDocument': {
        const collection = this.collectionOf(params);
        const tx = this.transactionOf(params);
        return { data: { total: this.store.count(collection, this.decodeDoc(params.query, 'query'), tx) } };
      }
      case 'database.aggregateDocuments': {
        const collection = this.collectionOf(params);
        const stages = Array.isArray(params.stages) ? params.stages : [];
        const pipeline = stages.map((s, i) => ({ [s.stageKey]: this.decode(s.stageValue, `stages[${i}]`) }) as Doc);
        let docs: Doc[];
        try {
          docs = this.store.aggregate(collection, pipeline);
        } catch (error) {
          throw invalidParam(`aggregate failed: ${(error as Error).message}`);
        }
        // Without a $limit stage the server answers 20 results at most.
        if (!pipeline.some((stage) => '$limit' in stage)) docs = docs.slice(0, this.options.aggregateDefaultLimit);
        return { data: { list: this.encodeList(docs) } };
      }
      case 'database.startTransaction': {
        const tx = this.store.begin();
        this.stats.transactions.started++;
        return { transactionId: tx.id };
      }
      case 'database.commitTransaction': {
        const tx = this.store.open(String(params.transactionId ?? ''));
        this.store.commit(tx);
        this.stats.transactions.committed++;
        return {};
      }
      case 'database.abortTransaction': {
        const tx = this.store.open(String(params.transactionId ?? ''));
        this.store.abort(tx);
        this.stats.transactions.aborted++;
        return {};
      }
      case 'database.addCollection':
        this.collectionOf(params);
        return {};
      default:
        throw invalidParam(`action ${action} is not supported by the in-process backend`);
    }
  }
}

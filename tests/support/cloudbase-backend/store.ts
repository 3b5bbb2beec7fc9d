/**
 * The server's data: collections of documents with a version history, and MongoDB-style transactions over them.
 * Queries, update operators and aggregation pipelines are evaluated by `mingo` (no hand-written query evaluator).
 *
 * Transaction semantics, modelled on what CloudBase (MongoDB underneath) does, as Tencent's own tests show
 * (TencentCloudBase/node-sdk test/database/unit/transaction.test.ts: 冲突检测, 读快照, 读偏) and MongoDB documents:
 * - Snapshot reads: a transaction reads the committed state as of its first operation (MongoDB starts the
 *   transaction lazily), plus its own writes. Reads outside transactions see the latest committed state.
 * - Write-write conflicts are detected AT THE WRITE: a transaction writing a document that another open transaction
 *   has written (holds the lock of), or that was committed by anyone after its snapshot, fails that write with
 *   DATABASE_TRANSACTION_CONFLICT. MongoDB then aborts the transaction itself, so later requests on it (and the
 *   SDK's fallback rollback) fail with TransactionNotExist. Any other failed write in a transaction (a duplicate
 *   `_id`, an injected fault) aborts it too. Snapshot isolation allows write skew: documents only read never conflict.
 * - A NON-transactional write to a document locked by an open transaction WAITS until that transaction commits,
 *   aborts or expires, then runs (MongoDB's documented behaviour: "when a write outside the transaction tries to
 *   modify the same document, the write waits until the transaction ends"; CloudBase documents nothing else).
 *   Reads never wait.
 * - Inserts: an `_id` visible to the writer fails with a duplicate key; an `_id` locked by another open transaction
 *   or committed after the writer's snapshot is a conflict (MongoDB reports WriteConflict there, not E11000).
 * - Commit applies all buffered writes under one sequence number, atomically; abort discards them.
 * Stored documents are deep-copied on the way in and out, so no caller ever aliases them.
 */
import { Aggregator, Query, update as applyUpdateOperators } from 'mingo';
import { conflictError, duplicateKeyError, invalidParam, transactionGoneError } from './protocol';

export type DocId = string | number;
export type Doc = Record<string, unknown>;

interface Version {
  seq: number;
  doc: Doc | null; // null: removed
}

interface Entry {
  id: DocId;
  versions: Version[]; // ascending seq
  /** Position in the collection's natural order (set when the document is (re)inserted). */
  ord: number;
}

type TxState = 'open' | 'committed' | 'aborted';

export interface Transaction {
  readonly id: string;
  state: TxState;
  /** Sequence number of the committed state this transaction reads; fixed at its first operation. */
  snapshot: number | null;
  /** Final state of every document it wrote, by `collection\0key`. */
  writes: Map<string, { collection: string; id: DocId; doc: Doc | null }>;
  ended: Promise<void>;
  end: () => void;
  timer: ReturnType<typeof setTimeout> | null;
}

export interface FindOptions {
  sort?: Record<string, 1 | -1>;
  /**
   * A random source: the matching documents are shuffled before the (stable) sort, so documents whose sort keys are
   * equal come back in any order, which may differ from one request to the next (what MongoDB promises for ties).
   */
  shuffle?: () => number;
  skip?: number;
  limit?: number;
  projection?: Record<string, unknown>;
}

export interface ModifySpec {
  filter: Doc;
  /** Update operators (`merge: true`) or a whole replacement document (`merge: false`). */
  data: Doc;
  merge: boolean;
  multi: boolean;
  upsert: boolean;
}

export interface StoreHooks {
  onLockWait(): void;
  onConflict(): void;
  onExpire(): void;
}

const keyOf = (id: unknown): string => (typeof id === 'number' ? `n:${id}` : `s:${String(id)}`);
const slot = (collection: string, key: string) => `${collection}\u0000${key}`;

/** A deep copy of plain data (objects, arrays, Dates); other values (BSON wrappers) are immutable and shared. */
export function deepCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => deepCopy(v)) as unknown as T;
  if (value instanceof Date) return new Date(value.getTime()) as unknown as T;
  if (value && typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = deepCopy(v);
      return out as T;
    }
  }
  return value;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a as object);
    const kb = Object.keys(b as object);
    return ka.length === kb.length && ka.every((k) => deepEqual((a as Doc)[k], (b as Doc)[k]));
  }
  return false;
}

/** BSON values that mingo does not know, turned into their JavaScript equivalents (a BSONRegExp into a RegExp). */
export function toMingo(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toMingo);
  if (value && typeof value === 'object') {
    const bsonType = (value as { _bsontype?: string })._bsontype;
    if (bsonType === 'BSONRegExp') {
      const { pattern, options } = value as { pattern: string; options: string };
      return new RegExp(pattern, options.replace(/[^gimsuy]/g, ''));
    }
    if (value instanceof Date || value instanceof RegExp || bsonType) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toMingo(v);
    return out;
  }
  return value;
}

const hasOperators = (data: Doc) => Object.keys(data).some((k) => k.startsWith('$'));

/**
 * A query's test of one document, as mingo answers it — with one speed-up: a top-level `{ field: { $in: [text, …] } }`
 * of many values is tested against a Set (mingo hashes the whole list again for every document it tests: a
 * dashboard's `eventId in <2,000 events>` over 200,000 registrations took minutes). The answers are the same: a text
 * field matches when it is in the list, an array field when one of its elements is; anything else (missing, null,
 * numbers) matches no list of texts. Dotted paths and every other condition stay with mingo.
 */
function compileFilter(filter: Doc): (doc: Doc) => boolean {
  const sets: Array<[string, Set<string>]> = [];
  const rest: Doc = {};
  for (const [field, condition] of Object.entries(filter)) {
    const list = (condition as { $in?: unknown } | null)?.$in;
    const onlyIn = !!condition && typeof condition === 'object' && !Array.isArray(condition) && Object.keys(condition).length === 1;
    if (!field.startsWith('$') && !field.includes('.') && onlyIn && Array.isArray(list) && list.length > 8 && list.every((v) => typeof v === 'string')) {
      sets.push([field, new Set(list as string[])]);
    } else {
      rest[field] = condition;
    }
  }
  const query = new Query(toMingo(rest) as Doc);
  if (!sets.length) return (doc) => query.test(doc);
  const inSet = (value: unknown, set: Set<string>) =>
    Array.isArray(value) ? value.some((v) => typeof v === 'string' && set.has(v)) : typeof value === 'string' && set.has(value);
  return (doc) => sets.every(([field, set]) => inSet(doc[field], set)) && query.test(doc);
}

let idCounter = 0;
/** A new document id shaped like CloudBase's (32 hex characters). */
function newDocId(): string {
  idCounter = (idCounter + 1) % 0xffffff;
  const random = Math.floor(Math.random() * 0xffffffff).toString(16).padStart(8, '0');
  return `${Date.now().toString(16).padStart(12, '0')}${random}${idCounter.toString(16).padStart(6, '0')}000000`.slice(0, 32);
}

export class Store {
  private readonly collections = new Map<string, Map<string, Entry>>();
  private readonly locks = new Map<string, Transaction>();
  private readonly transactions = new Map<string, Transaction>();
  private seq = 0;
  private txCounter = 0;
  private ordCounter = 0;
  /** collection → field → text value → keys of documents that have had it (see `candidates`). */
  private readonly indexes = new Map<string, Map<string, Map<string, Set<string>>>>();

  constructor(
    private readonly hooks: StoreHooks,
    private readonly transactionTimeoutMs: number,
  ) {}

  // ---------------------------------------------------------------- reading

  private entries(collection: string): Map<string, Entry> {
    let c = this.collections.get(collection);
    if (!c) {
      c = new Map();
      this.collections.set(collection, c);
    }
    return c;
  }

  private static versionAt(entry: Entry | undefined, seq: number): Doc | null {
    if (!entry) return null;
    for (let i = entry.versions.length - 1; i >= 0; i--) if (entry.versions[i].seq <= seq) return entry.versions[i].doc;
    return null;
  }

  private static latest(entry: Entry | undefined): Version | null {
    return entry ? entry.versions[entry.versions.length - 1] : null;
  }

  private ensureSnapshot(tx: Transaction): number {
    if (tx.snapshot === null) tx.snapshot = this.seq;
    return tx.snapshot;
  }

  /** One document as `tx` (or, without one, a reader of the latest committed state) sees it. */
  private visible(collection: string, key: string, tx?: Transaction): Doc | null {
    if (tx) {
      const own = tx.writes.get(slot(collection, key));
      if (own) return own.doc;
      return Store.versionAt(this.collections.get(collection)?.get(key), this.ensureSnapshot(tx));
    }
    return Store.latest(this.collections.get(collection)?.get(key))?.doc ?? null;
  }

  /** Every document of a collection as `tx` (or a non-transactional reader) sees it, in natural (insertion) order. */
  private visibleAll(collection: string, tx?: Transaction): Array<{ key: string; doc: Doc }> {
    const out: Array<{ key: string; doc: Doc }> = [];
    const entries = this.collections.get(collection);
    const seen = new Set<string>();
    if (entries) {
      for (const [key] of entries) {
        seen.add(key);
        const doc = this.visible(collection, key, tx);
        if (doc) out.push({ key, doc });
      }
    }
    if (tx) {
      for (const w of tx.writes.values()) {
        const key = keyOf(w.id);
        if (w.collection === collection && !seen.has(key) && w.doc) out.push({ key, doc: w.doc });
      }
    }
    return out;
  }

  private matching(collection: string, filter: Doc, tx?: Transaction): Array<{ key: string; doc: Doc }> {
    const test = compileFilter(filter);
    const candidates = this.candidates(collection, filter, tx);
    if (candidates) return candidates.filter(({ doc }) => test(doc));
    return this.visibleAll(collection, tx).filter(({ doc }) => test(doc));
  }

  // ---------------------------------------------------------------- finding candidates fast

  /**
   * Speed only, never semantics: a filter with a top-level equality (or `$in`) on `_id` or on a field holding text
   * narrows the documents mingo tests to those that could match — found by key, or through an index of every text
   * value any retained version of a document had in that field (a superset: it only grows; each candidate is then
   * read as the reader sees it and tested by mingo in full). Answered in natural order, like the full scan. Without
   * it every by-id read of a 200,000-document collection would scan it all (bench/cloudbase-actions.ts).
   */
  private candidates(collection: string, filter: Doc, tx?: Transaction): Array<{ key: string; doc: Doc }> | null {
    let best: Set<string> | null = null;
    for (const [field, value] of Object.entries(filter)) {
      if (field.startsWith('$') || field.includes('.')) continue;
      const values = Store.equalityValues(value, field === '_id');
      if (!values) continue;
      const keys = new Set<string>();
      if (field === '_id') {
        for (const v of values) keys.add(keyOf(v));
      } else {
        const index = this.indexOf(collection, field);
        for (const v of values) for (const k of index.get(v as string) ?? []) keys.add(k);
      }
      if (!best || keys.size < best.size) best = keys;
    }
    if (!best) return null;
    const entries = this.collections.get(collection);
    // The transaction's own writes are not in the index (it holds committed versions): they are candidates too.
    const keys = new Set(best);
    if (tx) for (const w of tx.writes.values()) if (w.collection === collection) keys.add(keyOf(w.id));
    const found: Array<{ key: string; doc: Doc; ord: number }> = [];
    for (const key of keys) {
      const entry = entries?.get(key);
      if (!entry) continue;
      const doc = this.visible(collection, key, tx);
      if (doc) found.push({ key, doc, ord: entry.ord });
    }
    found.sort((a, b) => a.ord - b.ord);
    const out = found.map(({ key, doc }) => ({ key, doc }));
    if (tx) {
      // Documents this transaction inserted that no one has committed yet come last, as in visibleAll.
      for (const w of tx.writes.values()) {
        const key = keyOf(w.id);
        if (w.collection === collection && w.doc && !entries?.has(key)) out.push({ key, doc: w.doc });
      }
    }
    return out;
  }

  /** The values an equality term accepts: `v`, `{ $eq: v }` or `{ $in: [...] }`, text only (ids: text or numbers). */
  private static equalityValues(value: unknown, isId: boolean): unknown[] | null {
    const usable = (v: unknown) => typeof v === 'string' || (isId && typeof v === 'number');
    if (usable(value)) return [value];
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const ops = Object.keys(value as Doc);
      if (ops.length !== 1) return null;
      const operand = (value as Doc)[ops[0]];
      if (ops[0] === '$eq' && usable(operand)) return [operand];
      if (ops[0] === '$in' && Array.isArray(operand) && operand.every(usable)) return operand;
    }
    return null;
  }

  /** The index of `field` in `collection` (text value → keys), built on first use from every retained version. */
  private indexOf(collection: string, field: string): Map<string, Set<string>> {
    let byField = this.indexes.get(collection);
    if (!byField) {
      byField = new Map();
      this.indexes.set(collection, byField);
    }
    let index = byField.get(field);
    if (!index) {
      index = new Map();
      byField.set(field, index);
      for (const [key, entry] of this.collections.get(collection) ?? []) {
        for (const version of entry.versions) if (version.doc) Store.addToIndex(index, key, version.doc[field]);
      }
    }
    return index;
  }

  private indexDoc(collection: string, key: string, doc: Doc): void {
    const byField = this.indexes.get(collection);
    if (!byField) return;
    for (const [field, index] of byField) Store.addToIndex(index, key, doc[field]);
  }

  private static addToIndex(index: Map<string, Set<string>>, key: string, value: unknown): void {
    // An equality on an array field matches any of its elements (MongoDB), so each text element is indexed.
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v !== 'string') continue;
      let keys = index.get(v);
      if (!keys) {
        keys = new Set();
        index.set(v, keys);
      }
      keys.add(key);
    }
  }

  find(collection: string, filter: Doc, options: FindOptions, tx?: Transaction): Doc[] {
    const docs = this.matching(collection, filter, tx).map(({ doc }) => doc);
    if (options.shuffle) {
      for (let i = docs.length - 1; i > 0; i--) {
        const j = Math.floor(options.shuffle() * (i + 1));
        [docs[i], docs[j]] = [docs[j], docs[i]];
      }
    }
    let cursor = new Query({}).find(docs, options.projection && Object.keys(options.projection).length ? (toMingo(options.projection) as Doc) : undefined);
    if (options.sort && Object.keys(options.sort).length) cursor = cursor.sort(options.sort);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit !== undefined) cursor = cursor.limit(options.limit);
    return cursor.all().map((d) => deepCopy(d as Doc));
  }

  count(collection: string, filter: Doc, tx?: Transaction): number {
    return this.matching(collection, filter, tx).length;
  }

  /**
   * Aggregations read the latest committed state (the SDK never sends them a transaction id). A leading `$match` is
   * applied as a query is (`matching`: the same test, with its speed-ups), then mingo runs the rest of the pipeline.
   */
  aggregate(collection: string, pipeline: Doc[]): Doc[] {
    const first = pipeline[0];
    const leadingMatch = first && Object.keys(first).length === 1 && first.$match && typeof first.$match === 'object' ? (first.$match as Doc) : null;
    const source = leadingMatch ? this.matching(collection, leadingMatch) : this.visibleAll(collection);
    const docs = source.map(({ doc }) => deepCopy(doc));
    const aggregator = new Aggregator(toMingo(leadingMatch ? pipeline.slice(1) : pipeline) as Doc[], {
      collectionResolver: (name: string) => this.visibleAll(name).map(({ doc }) => deepCopy(doc)),
    });
    return aggregator.run(docs) as Doc[];
  }

  // ---------------------------------------------------------------- writing

  /** Commits one non-transactional change set: one sequence number, then old versions pruned. */
  private applyCommitted(changes: Array<{ collection: string; id: DocId; doc: Doc | null }>): void {
    if (!changes.length) return;
    const seq = ++this.seq;
    for (const { collection, id, doc } of changes) {
      const entries = this.entries(collection);
      const key = keyOf(id);
      let entry = entries.get(key);
      if (!entry) {
        entry = { id, versions: [], ord: ++this.ordCounter };
        entries.set(key, entry);
      } else if (doc && !Store.latest(entry)?.doc) {
        // A re-inserted document goes to the end of the natural order, as a new MongoDB record would.
        entries.delete(key);
        entry.ord = ++this.ordCounter;
        entries.set(key, entry);
      }
      entry.versions.push({ seq, doc: doc ? deepCopy(doc) : null });
      if (doc) this.indexDoc(collection, key, doc);
      this.prune(collection, key, entry);
    }
  }

  /** Keeps only the versions an open transaction's snapshot may still read. */
  private prune(collection: string, key: string, entry: Entry): void {
    let oldest = Infinity;
    for (const tx of this.transactions.values()) if (tx.state === 'open' && tx.snapshot !== null) oldest = Math.min(oldest, tx.snapshot);
    let keepFrom = entry.versions.length - 1;
    while (keepFrom > 0 && entry.versions[keepFrom].seq > oldest) keepFrom--;
    if (keepFrom > 0) entry.versions.splice(0, keepFrom);
    if (entry.versions.length === 1 && entry.versions[0].doc === null && oldest === Infinity && !this.locks.has(slot(collection, key))) {
      this.collections.get(collection)?.delete(key);
    }
  }

  /**
   * Runs a non-transactional write once none of the documents it targets is locked by an open transaction
   * (waiting for each such transaction to end, then looking again).
   */
  private async whenUnlocked<T>(collection: string, targetKeys: () => string[], run: () => T): Promise<T> {
    for (;;) {
      const blocker = targetKeys()
        .map((key) => this.locks.get(slot(collection, key)))
        .find((tx): tx is Transaction => !!tx && tx.state === 'open');
      if (!blocker) return run();
      this.hooks.onLockWait();
      await blocker.ended;
    }
  }

  /** A write by `tx` to one document: conflicts are detected here, at the write. */
  private txWrite(tx: Transaction, collection: string, id: DocId, doc: Doc | null): void {
    const key = keyOf(id);
    const s = slot(collection, key);
    const holder = this.locks.get(s);
    const snapshot = this.ensureSnapshot(tx);
    const latest = Store.latest(this.collections.get(collection)?.get(key));
    if ((holder && holder !== tx && holder.state === 'open') || (holder !== tx && latest && latest.seq > snapshot)) {
      this.hooks.onConflict();
      this.abort(tx);
      throw conflictError();
    }
    this.locks.set(s, tx);
    tx.writes.set(s, { collection, id, doc: doc ? deepCopy(doc) : null });
  }

  /** Fails the transaction (MongoDB aborts a transaction whose write failed), then rethrows. */
  private failIn(tx: Transaction | undefined, error: Error): never {
    if (tx && tx.state === 'open') this.abort(tx);
    throw error;
  }

  async insert(collection: string, docs: Doc[], tx?: Transaction): Promise<DocId[]> {
    const prepared = docs.map((d) => {
      const doc = deepCopy(d);
      if (doc._id === undefined || doc._id === null) doc._id = newDocId();
      if (typeof doc._id !== 'string' && typeof doc._id !== 'number') throw invalidParam('_id must be a string or a number');
      return doc;
    });
    if (tx) {
      const ids: DocId[] = [];
      for (const doc of prepared) {
        const id = doc._id as DocId;
        if (this.visible(collection, keyOf(id), tx)) this.failIn(tx, duplicateKeyError(collection, id));
        this.txWrite(tx, collection, id, doc);
        ids.push(id);
      }
      return ids;
    }
    return this.whenUnlocked(
      collection,
      () => prepared.map((d) => keyOf(d._id)),
      () => {
        // Ordered insert: documents before a duplicate are kept, as MongoDB's insertMany does.
        const ids: DocId[] = [];
        for (const doc of prepared) {
          if (this.visible(collection, keyOf(doc._id))) {
            this.applyCommitted(ids.map((id, i) => ({ collection, id, doc: prepared[i] })));
            throw duplicateKeyError(collection, doc._id);
          }
          if (ids.some((id) => keyOf(id) === keyOf(doc._id))) throw duplicateKeyError(collection, doc._id);
          ids.push(doc._id as DocId);
        }
        this.applyCommitted(prepared.map((doc) => ({ collection, id: doc._id as DocId, doc })));
        return ids;
      },
    );
  }

  /** The new state of `doc` under `spec`, or an error text for an invalid update. */
  private static modified(doc: Doc, spec: ModifySpec): Doc {
    if (!spec.merge) {
      if (hasOperators(spec.data)) throw invalidParam('a replacement document cannot contain update operators');
      const { _id: _ignored, ...rest } = spec.data;
      return { _id: doc._id, ...deepCopy(rest) };
    }
    const next = deepCopy(doc);
    // The SDK always sends operators for merge: true; plain fields would be a `$set` on the server.
    const operators = hasOperators(spec.data) ? spec.data : { $set: spec.data };
    for (const op of Object.values(operators)) {
      if (op && typeof op === 'object' && Object.keys(op).some((path) => path === '_id' || path.startsWith('_id.'))) {
        throw invalidParam('不能更新_id的值');
      }
    }
    try {
      applyUpdateOperators(next, toMingo(operators) as Doc, undefined, undefined, { cloneMode: 'deep' });
    } catch (error) {
      throw invalidParam(`invalid update: ${(error as Error).message}`);
    }
    return next;
  }

  /** `{ matched, updated, upsertId }`; `updated` counts documents actually changed, as MongoDB's nModified. */
  async modify(collection: string, spec: ModifySpec, tx?: Transaction): Promise<{ matched: number; updated: number; upsertId?: DocId; doc?: Doc }> {
    const plan = () => {
      const matches = this.matching(collection, spec.filter, tx);
      return spec.multi ? matches : matches.slice(0, 1);
    };
    const upsertId = () => {
      const id = spec.filter._id;
      return typeof id === 'string' || typeof id === 'number' ? id : newDocId();
    };
    const execute = (targets: Array<{ key: string; doc: Doc }>) => {
      const changes: Array<{ collection: string; id: DocId; doc: Doc }> = [];
      let updated = 0;
      let lastDoc: Doc | undefined;
      for (const { doc } of targets) {
        let next: Doc;
        try {
          next = Store.modified(doc, spec);
        } catch (error) {
          this.failIn(tx, error as Error);
        }
        lastDoc = next;
        if (deepEqual(next, doc)) continue;
        updated++;
        changes.push({ collection, id: doc._id as DocId, doc: next });
      }
      if (!targets.length && spec.upsert) {
        const id = upsertId();
        const base: Doc = { _id: id };
        let created: Doc;
        try {
          created = Store.modified(base, spec);
        } catch (error) {
          this.failIn(tx, error as Error);
        }
        return { matched: 0, updated: 0, upsertId: id, changes: [{ collection, id, doc: created }], doc: created };
      }
      return { matched: targets.length, updated, changes, doc: lastDoc };
    };
    if (tx) {
      const result = execute(plan());
      for (const c of result.changes) this.txWrite(tx, collection, c.id, c.doc);
      return { matched: result.matched, updated: result.updated, upsertId: result.upsertId, doc: result.doc };
    }
    return this.whenUnlocked(
      collection,
      () => {
        const keys = plan().map((m) => m.key);
        if (spec.upsert && !keys.length) keys.push(keyOf(spec.filter._id));
        return keys;
      },
      () => {
        const result = execute(plan());
        this.applyCommitted(result.changes);
        return { matched: result.matched, updated: result.updated, upsertId: result.upsertId, doc: result.doc };
      },
    );
  }

  async remove(collection: string, filter: Doc, multi: boolean, tx?: Transaction): Promise<number> {
    const plan = () => {
      const matches = this.matching(collection, filter, tx);
      return multi ? matches : matches.slice(0, 1);
    };
    if (tx) {
      const targets = plan();
      for (const { doc } of targets) this.txWrite(tx, collection, doc._id as DocId, null);
      return targets.length;
    }
    return this.whenUnlocked(
      collection,
      () => plan().map((m) => m.key),
      () => {
        const targets = plan();
        this.applyCommitted(targets.map(({ doc }) => ({ collection, id: doc._id as DocId, doc: null })));
        return targets.length;
      },
    );
  }

  // ---------------------------------------------------------------- transactions

  begin(): Transaction {
    let end!: () => void;
    const ended = new Promise<void>((resolve) => (end = resolve));
    const tx: Transaction = {
      id: `tx-${++this.txCounter}-${Math.floor(Math.random() * 1e9).toString(36)}`,
      state: 'open',
      snapshot: null,
      writes: new Map(),
      ended,
      end,
      timer: null,
    };
    if (this.transactionTimeoutMs > 0) {
      tx.timer = setTimeout(() => {
        if (tx.state === 'open') {
          this.hooks.onExpire();
          this.abort(tx);
        }
      }, this.transactionTimeoutMs);
      // A forgotten transaction must not keep a test process alive.
      tx.timer.unref?.();
    }
    this.transactions.set(tx.id, tx);
    return tx;
  }

  /** The open transaction of that id; a committed, aborted, expired or unknown one fails like the server. */
  open(id: string): Transaction {
    const tx = this.transactions.get(id);
    if (!tx || tx.state !== 'open') throw transactionGoneError();
    return tx;
  }

  private finish(tx: Transaction, state: TxState): void {
    tx.state = state;
    if (tx.timer) clearTimeout(tx.timer);
    for (const s of tx.writes.keys()) if (this.locks.get(s) === tx) this.locks.delete(s);
    this.transactions.delete(tx.id);
    tx.end();
  }

  commit(tx: Transaction): void {
    const changes = [...tx.writes.values()];
    this.finish(tx, 'committed');
    this.applyCommitted(changes);
  }

  abort(tx: Transaction): void {
    if (tx.state !== 'open') return;
    const touched = [...tx.writes.values()];
    this.finish(tx, 'aborted');
    // Versions kept only for this transaction's snapshot can go now.
    for (const { collection, id } of touched) {
      const entry = this.collections.get(collection)?.get(keyOf(id));
      if (entry) this.prune(collection, keyOf(id), entry);
    }
  }

  /** Open transactions (for tests and diagnostics). */
  openTransactions(): number {
    return this.transactions.size;
  }

  /** Latest committed copy of every document of a collection (test helper; not a request). */
  dump(collection: string): Doc[] {
    return this.visibleAll(collection).map(({ doc }) => deepCopy(doc));
  }

  /** Replaces a collection's content directly (seeding in tests; not a request). */
  seed(collection: string, docs: Doc[]): void {
    const prepared = docs.map((doc) => ({ ...doc, _id: (doc._id as DocId | undefined) ?? newDocId() }));
    this.applyCommitted(prepared.map((doc) => ({ collection, id: doc._id, doc })));
  }
}

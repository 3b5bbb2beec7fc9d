/**
 * THE STAND-IN: an in-memory model of the part of wx-server-sdk 4.0.2's database that CloudbaseStorage calls. It is
 * the project's only test double (executing a real SDK call here rejects and crashes Node 20, see
 * /work/shared/TOOLCHAIN.md), used by the contract suite, the operation counts and the cloud function bundle test.
 * docs/cloudbase.md lists what it models and what it does not; keep the two in step.
 *
 * Modelled, with wx-server-sdk's result shapes:
 * - `collection(name).doc(id).get/set/update/remove`, `collection(name).add({ data })` (a duplicate `_id` rejects
 *   with -502001 and MongoDB's "E11000 duplicate key" text: an ASSUMPTION about CloudBase, documented);
 *   `get` of a missing doc rejects "document with _id … does not exist" unless `throwOnNotFound: false`.
 * - `where(cond)` (plain values, nested objects as dotted paths, and the REAL `db.command` objects: eq, neq, lt,
 *   lte, gt, gte, in, nin, exists, and/or/nor/not) `.orderBy().skip().limit().get()`, `.count()`, `.update()`
 *   (`{ stats: { updated } }`, update commands inc/set/remove/mul/min/max), `.remove()`. `limit` defaults to 100 and
 *   refuses more than 1000, as the server does.
 * - `runTransaction(callback, retries = 3)` with optimistic concurrency: every document the transaction reads or
 *   writes records its version when first touched; writes are buffered (the transaction reads its own writes) and
 *   applied at commit only if none of those documents changed meanwhile, else the commit throws
 *   `{ code: 'DATABASE_TRANSACTION_CONFLICT' }` and runTransaction re-runs the callback, like @cloudbase/database
 *   1.4.3 (4 runs in all with the default 3). Only `doc(id)` operations and `add` made through the transaction
 *   object belong to it; `where(…)` queries made through it run outside, at once. (In 1.4.3 `where().update/
 *   remove/count` do not send the transaction id; `where().get()` does, with undocumented server semantics. The
 *   adapter uses none of them inside a transaction, and `queriesThroughTransaction` lets tests assert that.)
 *   Stricter than CloudBase (MongoDB snapshot isolation, which detects write-write conflicts only): a document that
 *   was only read also conflicts. The adapter writes every document it reads in a transaction, so this changes no
 *   outcome. Conflicts surface at commit here, at the conflicting write on the server; the adapter handles both.
 * - Every operation first yields to the event loop (setImmediate, or `latencyMs` of timer for estimates), so
 *   concurrent calls really interleave, and counts itself (CloudBase bills per operation); transaction
 *   start/commit/rollback requests are counted apart.
 * - `collection(name).aggregate()` with the stages `match` (conditions as in where), `group` (`_id` a field path,
 *   an object of field paths, or null; accumulators `$.sum(path | number)` only), `lookup` (the equality form
 *   `{ from, localField, foreignField, as }`: a left outer join on committed documents), `unwind` (`'$path'` or
 *   `{ path, preserveNullAndEmptyArrays }`), `sort`, `skip`, `limit`, and `end()` → `{ list }` (wx-server-sdk's shape). Stages append to one mutable pipeline, as in the SDK; without a
 *   `limit` stage the result is cut to 20 (the server's default in cloud functions). One operation per `end()`.
 * - `failNext(op, collection?)` makes the next matching operation reject (a -501001 error), for failure tests.
 * Not modelled: permissions, indexes and their limits, other aggregation stages and operators, watch, geo, RegExp,
 * field projections, server dates, latency, document size limits.
 */
import type { WxAggregate, WxCollection, WxCommand, WxDatabase, WxDoc, WxDocumentRef, WxQuery, WxTransaction } from './wx-db';

export type FakeOp =
  | 'get'
  | 'set'
  | 'update'
  | 'remove'
  | 'add'
  | 'query'
  | 'count'
  | 'queryUpdate'
  | 'queryRemove'
  | 'aggregate'
  | 'commit';

export interface FakeWxDbOptions {
  /** The `db.command` to expose and interpret; defaults to the real one built by wx-server-sdk (works offline). */
  command?: WxCommand;
  /** Like `cloud.database({ throwOnNotFound })`; the SDK's default is true. */
  throwOnNotFound?: boolean;
  /** Milliseconds each operation takes (a round trip); default 0: just a turn of the event loop. For estimates. */
  latencyMs?: number;
}

export interface FakeStats {
  /** Document and query operations: what CloudBase bills. */
  ops: number;
  byOp: Partial<Record<FakeOp, number>>;
  transactions: { started: number; committed: number; rolledBack: number; conflicts: number };
  /** Queries built through a transaction object: they ran outside it (never what an adapter should rely on). */
  queriesThroughTransaction: number;
}

type Order = { field: string; direction: 'asc' | 'desc' };
interface QuerySpec {
  condition: Record<string, unknown> | null;
  orders: Order[];
  offset: number;
  max: number | null;
}

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

let cachedCommand: WxCommand | null = null;

/** wx-server-sdk's own `db.command`: building commands needs `cloud.init` but no network. */
export function realCommand(): WxCommand {
  if (!cachedCommand) {
    // Required lazily: a test that mocks wx-server-sdk passes `command` itself.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazily, so a mocked SDK is never loaded twice
    const cloud = require('wx-server-sdk');
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
    cachedCommand = cloud.database().command as WxCommand;
  }
  return cachedCommand;
}

function sdkError(apiName: string, errCode: number, detail: string): Error & { errCode: number; errMsg: string } {
  const error = new Error(`${apiName}:fail ${errCode} ${detail}`) as Error & { errCode: number; errMsg: string };
  error.errCode = errCode;
  error.errMsg = error.message;
  return error;
}

function conflictError(): Error & { code: string; errCode: string } {
  const error = new Error('[ResourceUnavailable.TransactionConflict] database transaction conflict') as Error & {
    code: string;
    errCode: string;
  };
  error.code = 'DATABASE_TRANSACTION_CONFLICT';
  error.errCode = 'DATABASE_TRANSACTION_CONFLICT';
  return error;
}

const yieldTurn = (latencyMs = 0) =>
  new Promise<void>((resolve) => (latencyMs > 0 ? setTimeout(resolve, latencyMs) : setImmediate(resolve)));
const clone = <T>(value: T): T => structuredClone(value);
const keyOf = (collection: string, id: string) => `${collection}\u0000${id}`;

export class FakeWxDb implements WxDatabase {
  readonly command: WxCommand;
  readonly config: { throwOnNotFound: boolean };
  private readonly latencyMs: number;
  private readonly collections = new Map<string, Map<string, WxDoc>>();
  private readonly versions = new Map<string, number>();
  private clock = 0;
  private stats: FakeStats = emptyStats();
  private log: string[] = [];
  private injections: Array<{ ops: FakeOp[]; collection?: string }> = [];

  constructor(options: FakeWxDbOptions = {}) {
    this.command = options.command ?? realCommand();
    this.config = { throwOnNotFound: options.throwOnNotFound ?? true };
    this.latencyMs = options.latencyMs ?? 0;
  }

  collection(name: string): WxCollection {
    return new FakeCollection(this, name, null);
  }

  async runTransaction<T>(callback: (transaction: WxTransaction) => Promise<T>, retries = 3): Promise<T> {
    const tx = new FakeTx();
    this.stats.transactions.started++;
    await yieldTurn(this.latencyMs);
    try {
      const result = await callback({ collection: (name: string) => new FakeCollection(this, name, tx) });
      await this.commit(tx);
      return result;
    } catch (error) {
      if (tx.state === 'open') {
        tx.state = 'aborted';
        this.stats.transactions.rolledBack++;
      }
      // Exactly @cloudbase/database 1.4.3's rule: re-run only on this code, until the retries are used up.
      if (retries > 0 && (error as { code?: unknown } | null)?.code === 'DATABASE_TRANSACTION_CONFLICT') {
        return this.runTransaction(callback, retries - 1);
      }
      throw error;
    }
  }

  // ---- test controls ----

  /** The next operation of one of these kinds (on this collection, if given) rejects with a -501001 error. */
  failNext(op: FakeOp | FakeOp[], collection?: string): void {
    this.injections.push({ ops: Array.isArray(op) ? op : [op], collection });
  }

  opCount(): number {
    return this.stats.ops;
  }

  resetOpCount(): void {
    this.stats = emptyStats();
    this.log = [];
  }

  counters(): FakeStats {
    return clone(this.stats);
  }

  /** One line per operation since the last reset, e.g. "tx update events/e1". */
  operations(): string[] {
    return [...this.log];
  }

  /** The committed documents of a collection, as stored (copies). */
  dump(collection: string): WxDoc[] {
    return [...this.store(collection).values()].map(clone);
  }

  // ---- engine, used by the collection, query and document classes below ----

  /** @internal `throughTx`: a query built through a transaction object, which nevertheless runs outside it. */
  async begin(op: FakeOp, collection: string, detail: string, tx: FakeTx | null, throughTx = false): Promise<void> {
    if (tx && tx.state !== 'open') throw new Error(`fake-wx-db: ${op} on a finished transaction`);
    this.stats.ops++;
    this.stats.byOp[op] = (this.stats.byOp[op] ?? 0) + 1;
    if (throughTx) this.stats.queriesThroughTransaction++;
    this.log.push(`${tx ? 'tx ' : throughTx ? '(outside tx) ' : ''}${op} ${collection}${detail}`);
    await yieldTurn(this.latencyMs);
    this.injected(op, collection);
  }

  /** @internal */
  store(collection: string): Map<string, WxDoc> {
    let docs = this.collections.get(collection);
    if (!docs) this.collections.set(collection, (docs = new Map()));
    return docs;
  }

  /** @internal Reads a document as `tx` sees it (its own writes first), recording the version it depends on. */
  read(collection: string, id: string, tx: FakeTx | null): WxDoc | null {
    const key = keyOf(collection, id);
    if (tx) {
      if (!tx.seen.has(key)) tx.seen.set(key, this.versionOf(key));
      if (tx.writes.has(key)) return clone(tx.writes.get(key)!.doc);
    }
    const doc = this.store(collection).get(id);
    return doc ? clone(doc) : null;
  }

  /** @internal Writes a document (null deletes): at once outside a transaction, at commit inside one. */
  write(collection: string, id: string, doc: WxDoc | null, tx: FakeTx | null): void {
    const key = keyOf(collection, id);
    if (tx) {
      if (!tx.seen.has(key)) tx.seen.set(key, this.versionOf(key));
      tx.writes.set(key, { collection, id, doc: doc && clone(doc) });
      return;
    }
    this.apply(collection, id, doc);
  }

  private apply(collection: string, id: string, doc: WxDoc | null): void {
    const docs = this.store(collection);
    if (doc) docs.set(id, clone({ ...doc, _id: id }));
    else docs.delete(id);
    this.versions.set(keyOf(collection, id), ++this.clock);
  }

  private versionOf(key: string): number {
    return this.versions.get(key) ?? 0;
  }

  private async commit(tx: FakeTx): Promise<void> {
    await yieldTurn(this.latencyMs);
    this.injected('commit', '');
    if (tx.doomed) throw sdkError('transaction.commit', -502001, 'transaction aborted after a failed operation');
    for (const [key, version] of tx.seen) {
      if (this.versionOf(key) !== version) {
        this.stats.transactions.conflicts++;
        throw conflictError();
      }
    }
    for (const w of tx.writes.values()) this.apply(w.collection, w.id, w.doc);
    tx.state = 'committed';
    this.stats.transactions.committed++;
  }

  private injected(op: FakeOp, collection: string): void {
    const i = this.injections.findIndex((j) => j.ops.includes(op) && (!j.collection || j.collection === collection));
    if (i < 0) return;
    this.injections.splice(i, 1);
    throw sdkError(op === 'commit' ? 'transaction.commit' : `collection.${op}`, -501001, 'injected failure (fake-wx-db)');
  }
}

class FakeTx {
  state: 'open' | 'committed' | 'aborted' = 'open';
  /** Set when an operation inside failed: the server aborts such a transaction, so its commit fails. */
  doomed = false;
  readonly seen = new Map<string, number>();
  readonly writes = new Map<string, { collection: string; id: string; doc: WxDoc | null }>();
}

function emptyStats(): FakeStats {
  return {
    ops: 0,
    byOp: {},
    transactions: { started: 0, committed: 0, rolledBack: 0, conflicts: 0 },
    queriesThroughTransaction: 0,
  };
}

class FakeQuery implements WxQuery {
  constructor(
    protected readonly db: FakeWxDb,
    protected readonly name: string,
    protected readonly spec: QuerySpec = { condition: null, orders: [], offset: 0, max: null },
    protected readonly throughTx = false,
  ) {}

  where(condition: Record<string, unknown>): WxQuery {
    if (!condition || typeof condition !== 'object') throw new Error('fake-wx-db: where() wants an object');
    return this.with({ condition });
  }

  orderBy(field: string, order: 'asc' | 'desc'): WxQuery {
    if (order !== 'asc' && order !== 'desc') throw new Error(`fake-wx-db: orderBy direction "${String(order)}"`);
    return this.with({ orders: [...this.spec.orders, { field, direction: order }] });
  }

  skip(offset: number): WxQuery {
    return this.with({ offset });
  }

  limit(max: number): WxQuery {
    if (!Number.isInteger(max) || max < 1 || max > MAX_LIMIT) {
      throw sdkError('collection.get', -501007, `limit must be an integer in 1..${MAX_LIMIT}`);
    }
    return this.with({ max });
  }

  private with(change: Partial<QuerySpec>): WxQuery {
    return new FakeQuery(this.db, this.name, { ...this.spec, ...change }, this.throughTx);
  }

  // Queries never take part in a transaction, even when built through one (as in @cloudbase/database 1.4.3).
  async get(): Promise<{ data: WxDoc[]; errMsg: string }> {
    await this.db.begin('query', this.name, this.describe(), null, this.throughTx);
    const docs = this.matching();
    docs.sort((a, b) => compareBy(this.spec.orders, a, b));
    const page = docs.slice(this.spec.offset, this.spec.offset + (this.spec.max ?? DEFAULT_LIMIT));
    return { data: page.map(clone), errMsg: 'collection.get:ok' };
  }

  async count(): Promise<{ total: number; errMsg: string }> {
    await this.db.begin('count', this.name, this.describe(), null, this.throughTx);
    return { total: this.matching().length, errMsg: 'collection.count:ok' };
  }

  async update(options: { data: Record<string, unknown> }): Promise<{ stats: { updated: number }; errMsg: string }> {
    await this.db.begin('queryUpdate', this.name, this.describe(), null, this.throughTx);
    checkUpdate(options?.data, 'collection.update');
    const docs = this.matching();
    for (const doc of docs) this.db.write(this.name, String(doc._id), applyUpdate(doc, options.data), null);
    return { stats: { updated: docs.length }, errMsg: 'collection.update:ok' };
  }

  async remove(): Promise<{ stats: { removed: number }; errMsg: string }> {
    await this.db.begin('queryRemove', this.name, this.describe(), null, this.throughTx);
    const docs = this.matching();
    for (const doc of docs) this.db.write(this.name, String(doc._id), null, null);
    return { stats: { removed: docs.length }, errMsg: 'collection.remove:ok' };
  }

  private matching(): WxDoc[] {
    const condition = this.spec.condition;
    return [...this.db.store(this.name).values()].filter((doc) => !condition || matchesCondition(doc, condition));
  }

  private describe(): string {
    return this.spec.condition ? ` where ${Object.keys(this.spec.condition).join(',')}` : '';
  }
}

class FakeCollection extends FakeQuery implements WxCollection {
  constructor(
    db: FakeWxDb,
    name: string,
    private readonly tx: FakeTx | null,
  ) {
    super(db, name, undefined, tx !== null);
  }

  aggregate(): WxAggregate {
    if (this.tx) throw new Error('fake-wx-db: aggregate() through a transaction is not modelled (it would run outside it)');
    return new FakeAggregate(this.db, this.name);
  }

  doc(id: string): WxDocumentRef {
    if (typeof id !== 'string' && typeof id !== 'number') throw new Error('docId必须为字符串或数字');
    return new FakeDocument(this.db, this.name, String(id), this.tx);
  }

  async add(options: { data: WxDoc }): Promise<{ _id: string | number; errMsg: string }> {
    const data = options?.data;
    if (!data || typeof data !== 'object') throw sdkError('collection.add', -501007, 'options.data must be an object');
    const id = data._id === undefined ? randomId() : String(data._id);
    await this.db.begin('add', this.name, `/${id}`, this.tx);
    if (this.db.read(this.name, id, this.tx)) {
      if (this.tx) this.tx.doomed = true;
      throw sdkError(
        'collection.add',
        -502001,
        `database request fail. [FailedOperation] E11000 duplicate key error collection: ${this.name} index: _id_ dup key: { _id: "${id}" }`,
      );
    }
    this.db.write(this.name, id, { ...data, _id: id }, this.tx);
    return { _id: id, errMsg: 'collection.add:ok' };
  }
}

class FakeDocument implements WxDocumentRef {
  constructor(
    private readonly db: FakeWxDb,
    private readonly name: string,
    private readonly id: string,
    private readonly tx: FakeTx | null,
  ) {}

  async get(): Promise<{ data: WxDoc | null; errMsg: string }> {
    await this.db.begin('get', this.name, `/${this.id}`, this.tx);
    const doc = this.db.read(this.name, this.id, this.tx);
    if (!doc && this.db.config.throwOnNotFound) {
      const error = new Error(`document.get:fail document with _id ${this.id} does not exist`) as Error & {
        errCode: number;
        errMsg: string;
      };
      error.errCode = -1;
      error.errMsg = error.message;
      throw error;
    }
    return { data: doc, errMsg: 'document.get:ok' };
  }

  async set(options: { data: Record<string, unknown> }) {
    await this.db.begin('set', this.name, `/${this.id}`, this.tx);
    const data = options?.data;
    if (!data || typeof data !== 'object' || !Object.keys(data).length) {
      throw sdkError('document.set', -501007, 'options.data must be a non-empty object');
    }
    if ('_id' in data) throw sdkError('document.set', -501007, '不能更新_id的值');
    if (containsCommand(data)) throw sdkError('document.set', -502001, 'update operator complicit');
    const existed = this.db.read(this.name, this.id, this.tx) !== null;
    this.db.write(this.name, this.id, { ...clone(data), _id: this.id }, this.tx);
    return { _id: this.id, stats: { updated: existed ? 1 : 0, created: existed ? 0 : 1 }, errMsg: 'document.set:ok' };
  }

  async update(options: { data: Record<string, unknown> }) {
    await this.db.begin('update', this.name, `/${this.id}`, this.tx);
    checkUpdate(options?.data, 'document.update');
    const doc = this.db.read(this.name, this.id, this.tx);
    if (!doc) return { stats: { updated: 0 }, errMsg: 'document.update:ok' };
    this.db.write(this.name, this.id, applyUpdate(doc, options.data), this.tx);
    return { stats: { updated: 1 }, errMsg: 'document.update:ok' };
  }

  async remove() {
    await this.db.begin('remove', this.name, `/${this.id}`, this.tx);
    const existed = this.db.read(this.name, this.id, this.tx) !== null;
    if (existed) this.db.write(this.name, this.id, null, this.tx);
    return { stats: { removed: existed ? 1 : 0 }, errMsg: 'document.remove:ok' };
  }
}

/** Without a `limit` stage the server answers this many aggregation results (observed in cloud functions). */
const AGGREGATE_DEFAULT_LIMIT = 20;

type Stage = { name: 'match' | 'group' | 'lookup' | 'unwind' | 'sort' | 'skip' | 'limit'; value: unknown };
type LookupSpec = { from: string; localField: string; foreignField: string; as: string };
type UnwindSpec = { path: string; preserveNullAndEmptyArrays: boolean };

/** One mutable pipeline, like @cloudbase/database's Aggregation that wx-server-sdk's wrapper shares between stages. */
class FakeAggregate implements WxAggregate {
  private readonly stages: Stage[] = [];

  constructor(
    private readonly db: FakeWxDb,
    private readonly name: string,
  ) {}

  match(condition: Record<string, unknown>): WxAggregate {
    if (!condition || typeof condition !== 'object') throw new Error('fake-wx-db: match() wants an object');
    return this.push('match', condition);
  }

  group(spec: Record<string, unknown>): WxAggregate {
    if (!spec || typeof spec !== 'object' || !('_id' in spec)) throw new Error('fake-wx-db: group() wants an _id');
    return this.push('group', spec);
  }

  /** The equality form of `$lookup` only (the pipeline form with `let`/`pipeline` is not modelled). */
  lookup(spec: LookupSpec): WxAggregate {
    const keys = spec && typeof spec === 'object' ? Object.keys(spec).sort().join(',') : '';
    if (keys !== 'as,foreignField,from,localField' || Object.values(spec).some((v) => typeof v !== 'string' || !v)) {
      throw new Error(`fake-wx-db: lookup() is modelled with { from, localField, foreignField, as } only: ${JSON.stringify(spec)}`);
    }
    return this.push('lookup', { ...spec });
  }

  unwind(spec: string | { path: string; preserveNullAndEmptyArrays?: boolean }): WxAggregate {
    const path = typeof spec === 'string' ? spec : spec?.path;
    if (typeof path !== 'string' || !path.startsWith('$')) throw new Error(`fake-wx-db: unwind() wants a '$path': ${JSON.stringify(spec)}`);
    const preserve = typeof spec === 'object' && spec.preserveNullAndEmptyArrays === true;
    return this.push('unwind', { path: path.slice(1), preserveNullAndEmptyArrays: preserve } satisfies UnwindSpec);
  }

  sort(spec: Record<string, 1 | -1>): WxAggregate {
    for (const v of Object.values(spec)) if (v !== 1 && v !== -1) throw new Error(`fake-wx-db: sort direction ${String(v)}`);
    return this.push('sort', spec);
  }

  skip(offset: number): WxAggregate {
    return this.push('skip', offset);
  }

  limit(max: number): WxAggregate {
    if (!Number.isInteger(max) || max < 1) throw sdkError('collection.aggregate', -501007, 'limit must be a positive integer');
    return this.push('limit', max);
  }

  async end(): Promise<{ list: WxDoc[]; errMsg: string }> {
    await this.db.begin('aggregate', this.name, ` ${this.stages.map((s) => s.name).join(',')}`, null);
    let docs: WxDoc[] = [...this.db.store(this.name).values()].map(clone);
    let limited = false;
    for (const stage of this.stages) {
      switch (stage.name) {
        case 'match':
          docs = docs.filter((d) => matchesCondition(d, stage.value));
          break;
        case 'group':
          docs = groupDocs(docs, stage.value as Record<string, unknown>);
          break;
        case 'lookup':
          docs = lookupDocs(docs, stage.value as LookupSpec, [...this.db.store((stage.value as LookupSpec).from).values()]);
          break;
        case 'unwind':
          docs = unwindDocs(docs, stage.value as UnwindSpec);
          break;
        case 'sort': {
          const orders = Object.entries(stage.value as Record<string, 1 | -1>).map(([field, v]) => ({
            field,
            direction: v === 1 ? ('asc' as const) : ('desc' as const),
          }));
          docs = [...docs].sort((a, b) => compareBy(orders, a, b));
          break;
        }
        case 'skip':
          docs = docs.slice(stage.value as number);
          break;
        case 'limit':
          docs = docs.slice(0, stage.value as number);
          limited = true;
          break;
      }
    }
    return { list: limited ? docs : docs.slice(0, AGGREGATE_DEFAULT_LIMIT), errMsg: 'collection.aggregate:ok' };
  }

  private push(name: Stage['name'], value: unknown): WxAggregate {
    this.stages.push({ name, value });
    return this;
  }
}

/** `$group` with `_id` a field path, an object of field paths or a constant, and `$sum` accumulators. */
function groupDocs(docs: WxDoc[], spec: Record<string, unknown>): WxDoc[] {
  const { _id: idSpec, ...accumulators } = spec;
  const evaluate = (doc: WxDoc, expression: unknown): unknown => {
    if (typeof expression === 'string' && expression.startsWith('$')) return getPath(doc, expression.slice(1)) ?? null;
    if (isPlainObject(expression)) {
      return Object.fromEntries(Object.entries(expression).map(([k, v]) => [k, evaluate(doc, v)]));
    }
    return expression ?? null;
  };
  const sums = Object.entries(accumulators).map(([field, acc]) => {
    const ops = acc && typeof acc === 'object' ? Object.keys(acc) : [];
    if (ops.length !== 1 || ops[0] !== '$sum') {
      throw new Error(`fake-wx-db: accumulator of "${field}" is not modelled (only $sum): ${JSON.stringify(acc)}`);
    }
    return { field, expression: (acc as Record<string, unknown>).$sum };
  });
  const groups = new Map<string, WxDoc>();
  for (const doc of docs) {
    const id = evaluate(doc, idSpec);
    const key = JSON.stringify(id);
    let group = groups.get(key);
    if (!group) {
      group = { _id: id as string } as WxDoc;
      for (const { field } of sums) group[field] = 0;
      groups.set(key, group);
    }
    for (const { field, expression } of sums) {
      const value = evaluate(doc, expression);
      // MongoDB's $sum ignores what is not a number.
      if (typeof value === 'number') group[field] = (group[field] as number) + value;
    }
  }
  return [...groups.values()];
}

/**
 * `$lookup` (equality form): each document gets `as`, the array of `from`'s documents whose `foreignField` equals its
 * `localField` (any element, when `localField` is an array; a missing field matches missing or null), as MongoDB.
 */
function lookupDocs(docs: WxDoc[], spec: LookupSpec, foreign: WxDoc[]): WxDoc[] {
  const keyOfValue = (value: unknown) => JSON.stringify(value === undefined ? null : value);
  const index = new Map<string, WxDoc[]>();
  for (const f of foreign) {
    const value = getPath(f, spec.foreignField);
    for (const v of Array.isArray(value) ? value : [value]) {
      const k = keyOfValue(v);
      const list = index.get(k) ?? [];
      list.push(f);
      index.set(k, list);
    }
  }
  return docs.map((doc) => {
    const local = getPath(doc, spec.localField);
    const matched = new Map<WxDoc, true>();
    for (const v of Array.isArray(local) ? local : [local]) for (const f of index.get(keyOfValue(v)) ?? []) matched.set(f, true);
    const out = clone(doc) as Record<string, unknown>;
    setPath(out, spec.as, [...matched.keys()].map(clone));
    return out as WxDoc;
  });
}

/** `$unwind`: one document per element of the array at `path`; empty, null or missing drop the document unless preserved. */
function unwindDocs(docs: WxDoc[], spec: UnwindSpec): WxDoc[] {
  const out: WxDoc[] = [];
  for (const doc of docs) {
    const value = getPath(doc, spec.path);
    if (Array.isArray(value) && value.length) {
      for (const element of value) {
        const copy = clone(doc) as Record<string, unknown>;
        setPath(copy, spec.path, clone(element));
        out.push(copy as WxDoc);
      }
    } else if (value !== undefined && value !== null && !Array.isArray(value)) out.push(doc);
    else if (spec.preserveNullAndEmptyArrays) {
      const copy = clone(doc) as Record<string, unknown>;
      if (Array.isArray(value)) deletePath(copy, spec.path);
      out.push(copy as WxDoc);
    }
  }
  return out;
}

function setPath(doc: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let parent = doc;
  for (const part of parts.slice(0, -1)) {
    if (!isPlainObject(parent[part])) parent[part] = {};
    parent = parent[part] as Record<string, unknown>;
  }
  parent[parts[parts.length - 1]] = value;
}

function deletePath(doc: Record<string, unknown>, path: string): void {
  const parts = path.split('.');
  const parent = parts.length === 1 ? doc : getPath(doc, parts.slice(0, -1).join('.'));
  if (parent && typeof parent === 'object') delete (parent as Record<string, unknown>)[parts[parts.length - 1]];
}

// ---- interpreting conditions and updates ----

type Command = { operator: string; operands: unknown[] };

function isCommand(value: unknown): value is Command {
  return (
    !!value &&
    typeof value === 'object' &&
    typeof (value as Command).operator === 'string' &&
    Array.isArray((value as Command).operands)
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value) && !isCommand(value);
}

function containsCommand(data: Record<string, unknown>): boolean {
  return Object.values(data).some((v) => isCommand(v) || (isPlainObject(v) && containsCommand(v)));
}

function getPath(doc: Record<string, unknown>, path: string): unknown {
  let value: unknown = doc;
  for (const part of path.split('.')) {
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function matchesCondition(doc: WxDoc, condition: unknown): boolean {
  if (isCommand(condition)) {
    // A top-level logic command: _.or([{…}, {…}]) and friends.
    const parts = condition.operands.flat() as unknown[];
    switch (condition.operator) {
      case 'and':
        return parts.every((c) => matchesCondition(doc, c));
      case 'or':
        return parts.some((c) => matchesCondition(doc, c));
      case 'nor':
        return !parts.some((c) => matchesCondition(doc, c));
      default:
        throw new Error(`fake-wx-db: top-level operator "${condition.operator}" is not modelled`);
    }
  }
  if (!isPlainObject(condition)) throw new Error('fake-wx-db: a condition must be an object');
  return Object.entries(condition).every(([field, expected]) => matchesField(doc, field, expected));
}

function matchesField(doc: WxDoc, field: string, expected: unknown): boolean {
  // Like the SDK, a nested plain object in a condition means its dotted paths.
  if (isPlainObject(expected)) {
    return Object.entries(expected).every(([sub, value]) => matchesField(doc, `${field}.${sub}`, value));
  }
  return matchesValue(getPath(doc, field), expected);
}

function matchesValue(actual: unknown, expected: unknown): boolean {
  // As in MongoDB, a value matches an array field that holds it (`{ members: '2024…' }`).
  if (!isCommand(expected)) return equal(actual, expected) || (Array.isArray(actual) && !Array.isArray(expected) && actual.some((a) => equal(a, expected)));
  const [operand] = expected.operands;
  switch (expected.operator) {
    case 'eq':
      return equal(actual, operand);
    case 'neq':
      return !equal(actual, operand);
    case 'lt':
      return comparable(actual, operand) && (actual as number) < (operand as number);
    case 'lte':
      return comparable(actual, operand) && (actual as number) <= (operand as number);
    case 'gt':
      return comparable(actual, operand) && (actual as number) > (operand as number);
    case 'gte':
      return comparable(actual, operand) && (actual as number) >= (operand as number);
    case 'in':
      return expected.operands.some((v) => equal(actual, v));
    case 'nin':
      return !expected.operands.some((v) => equal(actual, v));
    case 'exists':
      return (actual !== undefined) === Boolean(operand);
    case 'and':
      return expected.operands.every((c) => matchesValue(actual, c));
    case 'or':
      return expected.operands.some((c) => matchesValue(actual, c));
    case 'nor':
      return !expected.operands.some((c) => matchesValue(actual, c));
    case 'not':
      return !matchesValue(actual, operand);
    default:
      throw new Error(`fake-wx-db: query operator "${expected.operator}" is not modelled`);
  }
}

/** MongoDB compares only within a type: a number is never "less than" null or a string. */
function comparable(a: unknown, b: unknown): boolean {
  return (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string');
}

function equal(a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === b) return true;
  if (typeof a === 'object' && typeof b === 'object' && a && b) return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

/** Sort order across types as MongoDB has it for these values: missing/null, numbers, strings, booleans. */
function rank(value: unknown): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number') return 1;
  if (typeof value === 'string') return 2;
  if (typeof value === 'boolean') return 3;
  return 4;
}

function compareBy(orders: Order[], a: WxDoc, b: WxDoc): number {
  for (const { field, direction } of orders) {
    const x = getPath(a, field);
    const y = getPath(b, field);
    let c = rank(x) - rank(y);
    if (c === 0 && rank(x) > 0) c = (x as number) < (y as number) ? -1 : (x as number) > (y as number) ? 1 : 0;
    if (c !== 0) return direction === 'asc' ? c : -c;
  }
  return 0;
}

function checkUpdate(data: unknown, apiName: string): asserts data is Record<string, unknown> {
  if (!data || typeof data !== 'object' || !Object.keys(data).length) {
    throw sdkError(apiName, -501007, 'options.data must be a non-empty object');
  }
  if ('_id' in data) throw sdkError(apiName, -501007, '不能更新_id的值');
}

/** `update({ data })` merges: plain values set, nested objects merge field by field, commands apply. */
function applyUpdate(doc: WxDoc, data: Record<string, unknown>): WxDoc {
  const next = clone(doc) as Record<string, unknown>;
  const visit = (target: Record<string, unknown>, changes: Record<string, unknown>) => {
    for (const [path, value] of Object.entries(changes)) {
      const parts = path.split('.');
      let parent = target;
      for (const part of parts.slice(0, -1)) {
        if (!isPlainObject(parent[part])) parent[part] = {};
        parent = parent[part] as Record<string, unknown>;
      }
      const field = parts[parts.length - 1];
      if (isCommand(value)) applyCommand(parent, field, value);
      else if (isPlainObject(value)) {
        if (!isPlainObject(parent[field])) parent[field] = {};
        visit(parent[field] as Record<string, unknown>, value);
      } else parent[field] = clone(value);
    }
  };
  visit(next, data);
  return next as WxDoc;
}

function applyCommand(target: Record<string, unknown>, field: string, command: Command): void {
  const [operand] = command.operands;
  const current = target[field];
  switch (command.operator) {
    case 'inc':
      target[field] = (typeof current === 'number' ? current : 0) + (operand as number);
      return;
    case 'mul':
      target[field] = (typeof current === 'number' ? current : 0) * (operand as number);
      return;
    case 'min':
      target[field] = typeof current === 'number' ? Math.min(current, operand as number) : operand;
      return;
    case 'max':
      target[field] = typeof current === 'number' ? Math.max(current, operand as number) : operand;
      return;
    case 'set':
      target[field] = clone(operand);
      return;
    case 'remove':
      delete target[field];
      return;
    default:
      throw new Error(`fake-wx-db: update operator "${command.operator}" is not modelled`);
  }
}

function randomId(): string {
  let id = '';
  for (let i = 0; i < 32; i++) id += Math.floor(Math.random() * 16).toString(16);
  return id;
}

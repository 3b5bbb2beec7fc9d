/**
 * The part of wx-server-sdk's database API that the CloudBase adapter uses, written as structural types that the
 * real `cloud.database()` fits (tests run it over an in-process backend, tests/support/cloudbase-backend).
 * wx-server-sdk's own typings declare every call as `Promise<X> | void | string` (callback style leftovers), which is
 * why the adapter does not use them.
 *
 * Result shapes are those of wx-server-sdk 4.0.2 (read from its code):
 * - `doc(id).get()` → `{ data: doc }`; a missing doc rejects with "document with _id … does not exist" unless the
 *   database was created with `{ throwOnNotFound: false }`, then `{ data: null }`.
 * - `doc(id).update({ data })` and `where(…).update({ data })` → `{ stats: { updated } }`
 * - `doc(id).set({ data })` → `{ _id, stats: { updated, created } }`; `doc(id).remove()` → `{ stats: { removed } }`
 * - `add({ data })` → `{ _id }`; `where(…).get()` → `{ data: docs }`; `where(…).count()` → `{ total }`
 * - `aggregate()…end()` → `{ list }` (not `data`: wx-server-sdk renames @cloudbase/database's `data`)
 */
export type WxDoc = { _id?: string | number } & Record<string, unknown>;

export interface WxDocumentRef {
  get(): Promise<{ data: WxDoc | null }>;
  set(options: { data: Record<string, unknown> }): Promise<{ _id: string | number; stats: { updated: number; created: number } }>;
  update(options: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface WxQuery {
  where(condition: Record<string, unknown>): WxQuery;
  orderBy(field: string, order: 'asc' | 'desc'): WxQuery;
  skip(offset: number): WxQuery;
  limit(max: number): WxQuery;
  /**
   * A projection: `{ field: true }` for each field to read (`_id` always comes). The server answers only those, so a
   * page of listings stays far below the 1 MB one query may answer.
   */
  field(projection: Record<string, boolean>): WxQuery;
  get(): Promise<{ data: WxDoc[] }>;
  count(): Promise<{ total: number }>;
  update(options: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface WxCollection extends WxQuery {
  doc(id: string): WxDocumentRef;
  add(options: { data: WxDoc }): Promise<{ _id: string | number }>;
  /** A new aggregation pipeline on the collection (never part of a transaction). */
  aggregate(): WxAggregate;
}

/**
 * An aggregation pipeline, `collection.aggregate().match(…).group(…).sort(…).skip(n).limit(n).end()`. Each stage
 * method appends to the SAME pipeline (wx-server-sdk wraps one mutable @cloudbase/database Aggregation), so build a
 * new pipeline from `aggregate()` for every request. Without a `limit` stage the server answers 20 results at most.
 */
export interface WxAggregate {
  match(condition: Record<string, unknown>): WxAggregate;
  /** `{ _id: '$field' | { name: '$field', … } | null, out: $.sum('$field' | number), … }` */
  group(spec: Record<string, unknown>): WxAggregate;
  /**
   * A left outer join with another collection of the same database, equality form: each document gets `as`, the
   * array of `from`'s documents whose `foreignField` equals its `localField`.
   */
  lookup(spec: { from: string; localField: string; foreignField: string; as: string }): WxAggregate;
  /** One document per element of the array at `'$path'`; documents where it is empty or missing are dropped. */
  unwind(path: string | { path: string; preserveNullAndEmptyArrays?: boolean }): WxAggregate;
  /** `{ field: 1 | -1, … }` (dotted paths into a group's `_id` allowed). */
  sort(spec: Record<string, 1 | -1>): WxAggregate;
  skip(offset: number): WxAggregate;
  limit(max: number): WxAggregate;
  end(): Promise<{ list: WxDoc[] }>;
}

/**
 * What `runTransaction` hands its callback. Only `doc(id).get/update/set/remove` and `add` made through it are part
 * of the transaction; `where(…)` queries made through it silently run outside (see docs/cloudbase.md).
 */
export interface WxTransaction {
  collection(name: string): WxCollection;
}

/** The `db.command` operators the adapter uses; the real objects are built by the SDK offline. */
export interface WxCommand {
  eq(value: unknown): unknown;
  neq(value: unknown): unknown;
  lt(value: unknown): unknown;
  lte(value: unknown): unknown;
  gt(value: unknown): unknown;
  gte(value: unknown): unknown;
  in(values: unknown[]): unknown;
  /** Whether the field is present (`exists(false)`: absent). */
  exists(present: boolean): unknown;
  /** A condition of conditions: any of them / all of them. */
  or(conditions: Record<string, unknown>[]): Record<string, unknown>;
  and(conditions: Record<string, unknown>[]): Record<string, unknown>;
  inc(by: number): unknown;
  /** Update command: replace the field's value whole (an array or object is not merged). */
  set(value: unknown): unknown;
  /** Aggregation operators (`db.command.aggregate`, usually named `$`). */
  readonly aggregate: {
    /** `{ $sum: expression }`: a field path ('$amount') or a number. */
    sum(expression: unknown): unknown;
  };
}

export interface WxDatabase {
  readonly command: WxCommand;
  collection(name: string): WxCollection;
  /** Runs `callback` in a transaction; re-runs it on DATABASE_TRANSACTION_CONFLICT up to `retries` more times. */
  runTransaction<T>(callback: (transaction: WxTransaction) => Promise<T>, retries?: number): Promise<T>;
}

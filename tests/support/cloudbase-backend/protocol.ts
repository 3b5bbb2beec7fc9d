/**
 * The wire protocol between @cloudbase/database 1.4.3 (the query builder inside wx-server-sdk 4.0.2 →
 * @cloudbase/node-sdk 3.17) and the CloudBase server, as read from the SDK's code: what each action sends and which
 * fields of the answer the SDK reads. The backend answers exactly these shapes.
 *
 * Requests (`send(action, params)`; `query`, `data`, `order`, `projection` are EJSON text, canonical mode):
 * - `database.getDocument` { collectionName, queryType: 'DOC' | 'WHERE', query?, order?, offset?, limit?, projection?,
 *   transactionId? }  → `data.list`: EJSON strings (the SDK `EJSON.parse`s each). A `doc(id).get()` has no limit;
 *   `where().get()` always has one (100 unless set, ≤ 1000). Both carry the transaction id when built through one.
 * - `database.insertDocument` { collectionName, data: EJSON string[], transactionId? } → `data.insertedIds`.
 * - `database.modifyDocument` { collectionName, queryType, query, data, multi, merge, upsert, transactionId? }
 *   → `data.updated`, `data.upsert_id` (sic: the SDK reads `upsert_id`, not `upserted_id`). `doc.update`: merge
 *   true, data already in operator form (`$set` of dotted paths, `$inc`, `$unset`, …); `doc.set`: merge false,
 *   upsert true, a whole replacement document; `where().update`: multi true, merge true, NO transaction id.
 * - `database.removeDocument` { collectionName, queryType, query, multi, transactionId? } → `data.deleted`.
 *   `where().remove()` sends no transaction id.
 * - `database.calculateDocument` { collectionName, queryType, query? } → `data.total`. Never a transaction id.
 * - `database.aggregateDocuments` { collectionName, stages: [{ stageKey: '$match', stageValue: EJSON/JSON text }] }
 *   → `data.list`: EJSON strings. Never a transaction id.
 * - `database.modifyAndReturnDoc` { collectionName, queryType, query, data, transactionId? } → `data.updated`,
 *   `data.doc` (EJSON string); not reachable through wx-server-sdk's wrapper, answered anyway.
 * - `database.startTransaction` {} → top-level `transactionId`; `database.commitTransaction` /
 *   `database.abortTransaction` { transactionId } → `{ requestId }`.
 * - `database.addCollection` { collectionName }.
 * Every answer has a `requestId`; a failure is `{ requestId, code, message }` (node-sdk turns it into a thrown
 * TcbError; wx-server-sdk maps `code` through its TCB_ERR_CODE table to a numeric errCode, -501001 when the code is
 * not in the table).
 */

export type WireAction =
  | 'database.getDocument'
  | 'database.insertDocument'
  | 'database.modifyDocument'
  | 'database.removeDocument'
  | 'database.calculateDocument'
  | 'database.aggregateDocuments'
  | 'database.modifyAndReturnDoc'
  | 'database.startTransaction'
  | 'database.commitTransaction'
  | 'database.abortTransaction'
  | 'database.addCollection';

export interface WireParams {
  collectionName?: string;
  queryType?: 'DOC' | 'WHERE';
  query?: string | Record<string, unknown>;
  data?: string | Record<string, unknown> | Array<string | Record<string, unknown>>;
  order?: string | Record<string, unknown>;
  offset?: number;
  limit?: number;
  projection?: string | Record<string, unknown>;
  multi?: boolean;
  merge?: boolean;
  upsert?: boolean;
  transactionId?: string;
  stages?: Array<{ stageKey: string; stageValue: string }>;
  [key: string]: unknown;
}

export interface WireFailure {
  requestId: string;
  code: string;
  message: string;
}

export type WireAnswer = { requestId: string; [key: string]: unknown } | WireFailure;

/** A failure as the server sends it; thrown inside the backend and turned into an answer at the edge. */
export class ServerError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ServerError';
  }
}

/**
 * Write-write conflict in a transaction: the exact code and text of Tencent's own tests
 * (TencentCloudBase/node-sdk test/database/unit/transaction.test.ts). wx-server-sdk's TCB_ERR_CODE has no
 * DATABASE_TRANSACTION_CONFLICT, so its caller sees errCode -501001 ("resource system error") with this text, and
 * @cloudbase/database's runTransaction, which retries on `error.code`, never retries it.
 */
export const CONFLICT_MESSAGE =
  '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.';
export const conflictError = () => new ServerError('DATABASE_TRANSACTION_CONFLICT', CONFLICT_MESSAGE);

/** Any request on a transaction that was committed, aborted or expired (same source as above). */
export const TRANSACTION_GONE_MESSAGE =
  '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.';
export const transactionGoneError = () => new ServerError('DATABASE_TRANSACTION_FAIL', TRANSACTION_GONE_MESSAGE);

/**
 * ASSUMPTION (not observable offline): an insert of an existing `_id` fails with DATABASE_REQUEST_FAILED (-502001
 * through wx-server-sdk) and MongoDB's E11000 text. The adapter does not rely on the text (it reads the document
 * after any failed `add`); `isDuplicateKey` in server/storage/cloudbase/errors.ts matches it.
 */
export const duplicateKeyError = (collection: string, id: unknown) =>
  new ServerError(
    'DATABASE_REQUEST_FAILED',
    `E11000 duplicate key error collection: ${collection} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`,
  );

/**
 * ASSUMPTION about the code: a result over 1 MB. The text is wx-server-sdk's own table entry for -602001; the code
 * is sent as DATABASE_REQUEST_FAILED, so the caller sees errCode -502001 and the text (the numeric -602001 of the
 * table belongs to the older WeChat-side protocol and no TCB code maps to it).
 */
export const QUERY_RESULT_TOO_LARGE = 'database query result size exceed limit (1MB)';
export const resultTooLargeError = (bytes: number, limit: number) =>
  new ServerError('DATABASE_REQUEST_FAILED', `-602001 ${QUERY_RESULT_TOO_LARGE}: result is ${bytes} bytes, limit ${limit}`);

/** `failNext`: a system error, which wx-server-sdk maps to -501001 (TCB_ERR_CODE.SYS_ERR). */
export const injectedError = (action: string, collection?: string) =>
  new ServerError('SYS_ERR', `[InternalError] injected failure of ${action}${collection ? ` on ${collection}` : ''} (failNext)`);

export const invalidParam = (message: string) => new ServerError('INVALID_PARAM', message);
export const invalidEnv = (env: string) => new ServerError('INVALIID_ENV', `no in-process CloudBase backend registered for env "${env}"`);

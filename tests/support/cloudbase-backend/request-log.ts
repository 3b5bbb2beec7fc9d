/**
 * The backend's log of requests, one entry per request in the order they reached the server: what CloudBase bills
 * and what the operation counts of tests/contract/cloudbase-ops.test.ts (and the tables of docs/cloudbase.md) are
 * written in. Everything in an entry is read off the wire request the real SDK sent (protocol.ts), nothing from the
 * adapter:
 *
 * - `action`: the wire action without `database.` — `getDocument`, `insertDocument`, `modifyDocument`,
 *   `removeDocument`, `calculateDocument`, `aggregateDocuments`, `modifyAndReturnDoc`; and the transaction's own
 *   `startTransaction`, `commitTransaction`, `abortTransaction` (not billed as document operations);
 * - `collection`; `transaction`: sent with a transaction id (so part of that transaction);
 * - `id`: the one document the request names: a `doc(id)` request (queryType DOC), or the `_id` of an insert;
 * - `where`: the fields a query's condition (queryType WHERE) names, in the order the SDK serialised them (the
 *   conditions of a top-level `$and`/`$or`/`$nor`, which is how the SDK sends `_.gte(a).and(_.lt(b))`, by their fields);
 * - `stages`: an aggregation's stages, without `$`;
 * - `upsert`: a `doc(id).set()` (modifyDocument with merge false, upsert true: the document replaced or created);
 * - `fields`: the projection a read asked for (`field()`), if any;
 * - `failed`: the error code the server answered, if it refused the request.
 *
 * `describeRequest` prints an entry on one line, the form the tests compare:
 *   `[tx ]<action> <collection>[/<id>][ where <f,g>][ <stage,stage>][ upsert][ (fails: <code>)]`
 * e.g. `tx getDocument events/ev`, `tx modifyDocument attendance/ev:2024001 upsert`,
 * `getDocument registrations where eventId,status`, `aggregateDocuments students group,sort,limit`.
 */
import { TRANSACTION_ACTIONS } from './limits';
import type { WireParams } from './protocol';
import { ejson } from './sdk-modules';

export interface RequestLogEntry {
  action: string;
  collection?: string;
  transaction: boolean;
  id?: string;
  where?: string[];
  stages?: string[];
  upsert?: boolean;
  fields?: string[];
  failed?: string;
}

const parse = (value: unknown): unknown => {
  if (value === undefined || value === null || value === '') return undefined;
  try {
    return typeof value === 'string' ? ejson().parse(value) : value;
  } catch {
    return undefined;
  }
};

const keysOf = (value: unknown): string[] | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value as object) : undefined;

/** The fields a condition names; a logical operator's conditions by their own fields. */
function conditionFields(condition: unknown, into: string[] = []): string[] {
  for (const key of keysOf(condition) ?? []) {
    const value = (condition as Record<string, unknown>)[key];
    if ((key === '$and' || key === '$or' || key === '$nor') && Array.isArray(value)) {
      for (const part of value) conditionFields(part, into);
    } else if (!into.includes(key)) {
      into.push(key);
    }
  }
  return into;
}

/** The log entry of one wire request (before the server acts on it). */
export function logEntryOf(action: string, params: WireParams): RequestLogEntry {
  const entry: RequestLogEntry = { action: action.replace(/^database\./, ''), transaction: !!params.transactionId };
  if (typeof params.collectionName === 'string') entry.collection = params.collectionName;
  if (TRANSACTION_ACTIONS.has(action)) {
    entry.transaction = true;
    return entry;
  }
  if (action === 'database.insertDocument') {
    const first = Array.isArray(params.data) ? params.data[0] : params.data;
    const id = (parse(first) as { _id?: unknown } | undefined)?._id;
    if (id !== undefined) entry.id = String(id);
  } else if (action === 'database.aggregateDocuments') {
    entry.stages = (params.stages ?? []).map((s) => String(s.stageKey).replace(/^\$/, ''));
  } else {
    const query = parse(params.query);
    if (params.queryType === 'DOC') {
      const id = (query as { _id?: unknown } | undefined)?._id;
      if (id !== undefined) entry.id = String(id);
    } else {
      const where = conditionFields(query);
      if (where.length) entry.where = where;
    }
  }
  if (action === 'database.modifyDocument' && params.merge === false && params.upsert === true) entry.upsert = true;
  const fields = keysOf(parse(params.projection));
  if (fields?.length) entry.fields = fields;
  return entry;
}

/** Whether a request reads or writes documents (billed), as opposed to starting or ending a transaction. */
export const isDocumentRequest = (entry: RequestLogEntry): boolean => !TRANSACTION_ACTIONS.has(`database.${entry.action}`);

export function describeRequest(entry: RequestLogEntry): string {
  let text = `${entry.transaction && isDocumentRequest(entry) ? 'tx ' : ''}${entry.action}`;
  if (entry.collection) text += ` ${entry.collection}${entry.id !== undefined ? `/${entry.id}` : ''}`;
  if (entry.where) text += ` where ${entry.where.join(',')}`;
  if (entry.stages) text += ` ${entry.stages.join(',')}`;
  if (entry.upsert) text += ' upsert';
  if (entry.failed) text += ` (fails: ${entry.failed})`;
  return text;
}

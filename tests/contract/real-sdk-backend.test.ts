/**
 * The in-process CloudBase backend (tests/support/cloudbase-backend) driven by the REAL wx-server-sdk 4.0.2: every
 * call below goes through the SDK's own query building, EJSON serialisation, result parsing and error mapping; only
 * the network hop is replaced. These tests pin down the result shapes and platform behaviour the adapter meets.
 */
import path from 'path';
import { isDocumentMissing, isDuplicateKey, isTransactionConflict } from '../../server/storage/cloudbase/errors';
import {
  checkCloudFunctionResult,
  CloudbaseBackend,
  CONFLICT_MESSAGE,
  createRealSdkDatabase,
  describeRequest,
  isDocumentRequest,
  InProcessTransport,
  ONE_MB,
  QUERY_RESULT_TOO_LARGE,
  type BackendOptions,
  type RealSdkDatabase,
} from '../support/cloudbase-backend';

type SdkError = Error & { errCode?: number; errMsg?: string; code?: string };

async function failure(promise: Promise<unknown>): Promise<SdkError> {
  try {
    await promise;
  } catch (error) {
    return error as SdkError;
  }
  throw new Error('expected the call to fail');
}

function setup(options: Partial<BackendOptions> = {}, throwOnNotFound?: boolean) {
  const backend = new CloudbaseBackend({ latencyMs: 0, ...options });
  const db = createRealSdkDatabase(backend, throwOnNotFound === undefined ? {} : { throwOnNotFound });
  return { backend, db, _: db.command };
}

async function seedNumbers(db: RealSdkDatabase, n: number, collection = 'nums') {
  for (let i = 0; i < n; i++) {
    await db.collection(collection).add({ data: { _id: `n${String(i).padStart(4, '0')}`, i, parity: i % 2 ? 'odd' : 'even' } });
  }
}

describe('real wx-server-sdk on the in-process backend: wiring', () => {
  it('pins the transport on the @cloudbase/database copy that wx-server-sdk\'s node-sdk resolves', () => {
    setup();
    const sdk = require.resolve('wx-server-sdk');
    const nodeSdk = require.resolve('@cloudbase/node-sdk', { paths: [path.dirname(sdk)] });
    const database = require.resolve('@cloudbase/database', { paths: [path.dirname(nodeSdk)] });
    const { Db } = require(database);
    expect(Db.reqClass).toBe(InProcessTransport);
    // node-sdk assigns its HTTP requester on every cloud.database(); the pin ignores it.
    const cloud = require('wx-server-sdk');
    cloud.database();
    expect(Db.reqClass).toBe(InProcessTransport);
  });

  it('makes no network call: neither node-sdk\'s start-up probe nor any request leaves the process', async () => {
    const http = require('http');
    const https = require('https');
    const dns = require('dns');
    const spies = [
      jest.spyOn(http, 'request'),
      jest.spyOn(http, 'get'),
      jest.spyOn(https, 'request'),
      jest.spyOn(https, 'get'),
      jest.spyOn(dns, 'lookup'),
    ];
    try {
      // A fresh module registry: wx-server-sdk and node-sdk are loaded and initialised anew here.
      await jest.isolateModulesAsync(async () => {
        const fresh = require('../support/cloudbase-backend') as typeof import('../support/cloudbase-backend');
        const backend = new fresh.CloudbaseBackend({ latencyMs: 0 });
        const db = fresh.createRealSdkDatabase(backend);
        await db.collection('c').add({ data: { _id: 'a' } });
        await db.runTransaction(async (t) => t.collection('c').doc('a').update({ data: { v: 1 } }));
        expect(backend.dump('c')).toEqual([{ _id: 'a', v: 1 }]);
      });
      await new Promise((resolve) => setTimeout(resolve, 100)); // room for a stray asynchronous probe
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it('keeps two backends apart (requests are routed by env id)', async () => {
    const a = setup();
    const b = setup();
    await a.db.collection('c').add({ data: { _id: 'x', from: 'a' } });
    expect((await a.db.collection('c').doc('x').get()).data).toMatchObject({ from: 'a' });
    expect(b.backend.dump('c')).toEqual([]);
  });
});

describe('real wx-server-sdk on the in-process backend: CRUD result shapes', () => {
  it('add, get, set, update, remove answer wx-server-sdk\'s shapes', async () => {
    const { db } = setup();
    const c = db.collection('things');
    const added = await c.add({ data: { _id: 't1', name: 'one', at: new Date('2026-01-01T00:00:00Z'), n: 1.5, list: [1, 2] } });
    expect(added).toEqual({ _id: 't1', errMsg: 'collection.add:ok' });
    const got = await c.doc('t1').get();
    expect(got).toEqual({ data: { _id: 't1', name: 'one', at: new Date('2026-01-01T00:00:00Z'), n: 1.5, list: [1, 2] }, errMsg: 'document.get:ok' });

    expect(await c.doc('t2').set({ data: { name: 'two' } })).toEqual({ _id: 't2', errMsg: 'document.set:ok', stats: { updated: 0, created: 1 } });
    expect(await c.doc('t2').set({ data: { name: 'two!' } })).toMatchObject({ _id: 't2', stats: { updated: 1, created: 0 } });
    expect((await c.doc('t2').get()).data).toEqual({ _id: 't2', name: 'two!' });

    expect(await c.doc('t1').update({ data: { name: 'uno' } })).toEqual({ stats: { updated: 1 }, errMsg: 'document.update:ok' });
    expect(await c.doc('missing').update({ data: { name: 'x' } })).toMatchObject({ stats: { updated: 0 } });
    // MongoDB counts modified documents: writing the same value changes nothing.
    expect(await c.doc('t1').update({ data: { name: 'uno' } })).toMatchObject({ stats: { updated: 0 } });
    expect(await c.where({ name: 'uno' }).update({ data: { seen: true } })).toEqual({ stats: { updated: 1 }, errMsg: 'collection.update:ok' });

    expect(await c.doc('t1').remove()).toEqual({ stats: { removed: 1 }, errMsg: 'document.remove:ok' });
    expect(await c.doc('t1').remove()).toMatchObject({ stats: { removed: 0 } });
    expect(await c.where({ name: 'two!' }).remove()).toEqual({ stats: { removed: 1 }, errMsg: 'collection.remove:ok' });
    expect(await c.count()).toEqual({ total: 0, errMsg: 'collection.count:ok' });
  });

  it('add without an _id gets a server id; add of an array answers _ids', async () => {
    const { db } = setup();
    const { _id } = (await db.collection('c').add({ data: { a: 1 } })) as { _id: string };
    expect(_id).toMatch(/^[0-9a-f]{32}$/);
    const many = (await (db.collection('c') as unknown as { add(o: unknown): Promise<unknown> }).add({ data: [{ _id: 'm1' }, { _id: 'm2' }] })) as {
      _ids: string[];
    };
    expect(many._ids).toEqual(['m1', 'm2']);
  });

  it('get of a missing document: rejects with throwOnNotFound (the default), { data: null } without', async () => {
    const strict = setup();
    const error = await failure(strict.db.collection('c').doc('nope').get());
    expect(error.errCode).toBe(-1);
    expect(error.message).toBe('document.get:fail document with _id nope does not exist');
    expect(isDocumentMissing(error)).toBe(true);
    const lenient = setup({}, false);
    expect(await lenient.db.collection('c').doc('nope').get()).toEqual({ data: null, errMsg: 'document.get:ok' });
  });

  it('never aliases stored documents', async () => {
    const { db, backend } = setup();
    const data = { _id: 'a', nested: { list: [1] } };
    await db.collection('c').add({ data });
    data.nested.list.push(2);
    const first = (await db.collection('c').doc('a').get()).data as { nested: { list: number[] } };
    first.nested.list.push(3);
    expect(backend.dump('c')).toEqual([{ _id: 'a', nested: { list: [1] } }]);
  });
});

describe('real wx-server-sdk on the in-process backend: queries', () => {
  it('evaluates the SDK\'s query operators (through mingo)', async () => {
    const { db, _ } = setup();
    const c = db.collection('p');
    const people = [
      { _id: 'p1', name: 'Ann', age: 20, tags: ['a', 'b'], addr: { city: 'X' }, boss: null },
      { _id: 'p2', name: 'bob', age: 30, tags: ['b'], addr: { city: 'Y' } },
      { _id: 'p3', name: 'Cy', age: 40, tags: [], addr: { city: 'X' }, boss: 'p1' },
    ];
    for (const p of people) await c.add({ data: p });
    const ids = async (cond: Record<string, unknown>) => ((await c.where(cond).get()).data as Array<{ _id: string }>).map((d) => d._id);
    expect(await ids({ age: _.gt(20) })).toEqual(['p2', 'p3']);
    expect(await ids({ age: _.gte(20).and(_.lt(40)) })).toEqual(['p1', 'p2']);
    expect(await ids({ age: _.neq(30) })).toEqual(['p1', 'p3']);
    expect(await ids({ _id: _.in(['p1', 'p3']) })).toEqual(['p1', 'p3']);
    expect(await ids({ _id: _.nin(['p1', 'p3']) })).toEqual(['p2']);
    expect(await ids({ boss: _.exists(false) })).toEqual(['p2']);
    expect(await ids({ boss: null })).toEqual(['p1', 'p2']); // MongoDB: null matches missing too
    expect(await ids({ addr: { city: 'X' } })).toEqual(['p1', 'p3']); // nested objects become dotted paths
    expect(await ids({ tags: 'b' })).toEqual(['p1', 'p2']);
    expect(await ids({ name: db.RegExp({ regexp: '^b', options: 'i' }) })).toEqual(['p2']);
    expect(await ids({ name: /^c/i })).toEqual(['p3']);
    const or = (await c.where(_.or([{ age: 20 }, { name: 'Cy' }])).get()).data as Array<{ _id: string }>;
    expect(or.map((d) => d._id)).toEqual(['p1', 'p3']);
  });

  it('orders, skips and limits; a page is 100 unless limited, and never more than 1000', async () => {
    const { db } = setup();
    await seedNumbers(db, 1005);
    const c = db.collection('nums');
    const page = (await c.orderBy('i', 'desc').skip(3).limit(2).get()).data as Array<{ i: number }>;
    expect(page.map((d) => d.i)).toEqual([1001, 1000]);
    const byTwo = (await c.orderBy('parity', 'asc').orderBy('i', 'desc').limit(3).get()).data as Array<{ i: number }>;
    expect(byTwo.map((d) => d.i)).toEqual([1004, 1002, 1000]);
    expect((await c.get()).data).toHaveLength(100);
    expect((await c.limit(5000).get()).data).toHaveLength(1000); // the SDK cuts the limit to 1000 itself
    expect(await c.where({ parity: 'odd' }).count()).toMatchObject({ total: 502 });
  });

  it('caps pages lower when configured, so code that assumes a full page is caught', async () => {
    const { db, backend } = setup({ maxPageSize: 100 });
    await seedNumbers(db, 250);
    const c = db.collection('nums');
    expect((await c.limit(1000).get()).data).toHaveLength(100);
    const all: unknown[] = [];
    for (let skip = 0; ; ) {
      const { data } = await c.orderBy('i', 'asc').skip(skip).limit(1000).get();
      all.push(...(data as unknown[]));
      skip += (data as unknown[]).length;
      if (!(data as unknown[]).length) break;
    }
    expect(all).toHaveLength(250);
    expect(backend.options.maxPageSize).toBe(100);
  });

  it('answers ties of a sort in any order when configured, so paging by skip over a key that is not unique is caught', async () => {
    const { db } = setup({ unorderedTies: true, maxPageSize: 10 });
    await seedNumbers(db, 40);
    const c = db.collection('nums');
    const pages = async (sorted: () => ReturnType<typeof c.orderBy>) => {
      const ids: string[] = [];
      for (let skip = 0; skip < 40; skip += 10) ids.push(...((await sorted().skip(skip).limit(10).get()).data as Array<{ _id: string }>).map((d) => d._id));
      return ids;
    };
    // Sorted by parity alone: 20 ties on each side, shuffled per request, so pages overlap and miss documents.
    const byParity = await pages(() => c.orderBy('parity', 'asc'));
    expect(new Set(byParity).size).toBeLessThan(40);
    // With a unique tie-breaker the order is total: every document once, the same order every time.
    const stable = await pages(() => c.orderBy('parity', 'asc').orderBy('_id', 'asc'));
    expect(new Set(stable).size).toBe(40);
    expect(await pages(() => c.orderBy('parity', 'asc').orderBy('_id', 'asc'))).toEqual(stable);
  });
});

describe('real wx-server-sdk on the in-process backend: projections', () => {
  it('answers only the fields field() asks for (and _id), after sorting and paging by fields it does not answer', async () => {
    const { db, backend } = setup({ maxResultBytes: 12_000 });
    const long = 'x'.repeat(1000);
    for (let i = 0; i < 20; i++) await db.collection('ev').add({ data: { _id: `e${String(i).padStart(2, '0')}`, title: `t${i}`, at: 100 - i, body: long } });
    const c = db.collection('ev');
    const page = (await c.orderBy('at', 'asc').skip(2).limit(3).field({ title: true }).get()).data;
    expect(page).toEqual([{ _id: 'e17', title: 't17' }, { _id: 'e16', title: 't16' }, { _id: 'e15', title: 't15' }]);
    const doc = c.doc('e01') as unknown as { field(p: Record<string, boolean>): { get(): Promise<{ data: unknown }> } };
    expect((await doc.field({ at: true }).get()).data).toEqual({ _id: 'e01', at: 99 });
    expect((await c.where({ title: 't3' }).field({ body: false, at: false }).get()).data).toEqual([{ _id: 'e03', title: 't3' }]);
    // The size limit counts what is answered: 20 whole documents are over 12,000 bytes, their titles are not.
    await expect(c.limit(20).get()).rejects.toMatchObject({ errCode: -502001 });
    expect((await c.limit(20).field({ title: true }).get()).data).toHaveLength(20);
    expect(backend.requestLog().at(-1)).toMatchObject({ action: 'getDocument', collection: 'ev', fields: ['title'] });
  });
});

describe('real wx-server-sdk on the in-process backend: the request log', () => {
  it('logs every request as it reached the server: action, collection, transaction, the document or query fields, refusals', async () => {
    const { db, backend, _ } = setup({}, false);
    await db.collection('c').add({ data: { _id: 'a', n: 1, s: 'x' } });
    backend.resetCounters();
    await db.collection('c').doc('a').get();
    await db.collection('c').where({ n: _.gte(0).and(_.lt(5)), s: 'x' }).get();
    await db.collection('c').where({ s: 'x' }).count();
    await db.collection('c').where({ n: 1 }).update({ data: { s: 'y' } });
    await db.collection('c').doc('b').set({ data: { n: 2 } });
    await db.collection('c').add({ data: { _id: 'a' } }).catch(() => undefined);
    await db.runTransaction(async (t) => {
      const got = await t.collection('c').doc('a').get();
      await t.collection('c').doc('a').update({ data: { n: (got.data as { n: number }).n + 1 } });
      await t.collection('d').add({ data: { _id: 'new' } });
    });
    await db.collection('c').aggregate().match({ n: 2 }).group({ _id: '$s', k: _.aggregate.sum(1) }).limit(5).end();
    await db.collection('c').where({ s: 'y' }).remove();
    expect(backend.requestLog().map(describeRequest)).toEqual([
      'getDocument c/a',
      // The SDK sends the range as a top-level $and after the other fields; the log names its conditions' fields.
      'getDocument c where s,n',
      'calculateDocument c where s',
      'modifyDocument c where n',
      'modifyDocument c/b upsert',
      'insertDocument c/a (fails: DATABASE_REQUEST_FAILED)',
      'startTransaction',
      'tx getDocument c/a',
      'tx modifyDocument c/a',
      'tx insertDocument d/new',
      'commitTransaction',
      'aggregateDocuments c match,group,limit',
      'removeDocument c where s',
    ]);
    expect(backend.requestLog().filter(isDocumentRequest)).toHaveLength(backend.counters().documentOps);
    backend.resetCounters();
    expect(backend.requestLog()).toEqual([]);
  });
});

describe('real wx-server-sdk on the in-process backend: aggregation', () => {
  it('groups, joins, unwinds, sorts and limits; without a limit stage answers 20', async () => {
    const { db } = setup();
    const $ = db.command.aggregate;
    for (let i = 0; i < 30; i++) await db.collection('students').add({ data: { _id: `s${i}`, college: i % 3 === 0 ? 'A' : 'B' } });
    for (let i = 0; i < 30; i++) {
      await db.collection('regs').add({ data: { _id: `r${i}`, studentNo: `s${i}`, amount: i, status: i < 25 ? 'confirmed' : 'cancelled' } });
    }
    const grouped = await db
      .collection('regs')
      .aggregate()
      .match({ status: 'confirmed' })
      .lookup({ from: 'students', localField: 'studentNo', foreignField: '_id', as: 's' })
      .unwind('$s')
      .group({ _id: { college: '$s.college' }, n: $.sum(1), total: $.sum('$amount') })
      .sort({ '_id.college': 1 })
      .limit(1000)
      .end();
    // 0..24: college A for multiples of 3 (0,3,…,24: 9 of them, sum 108), B the other 16 (sum 300 − 108).
    expect(grouped).toEqual({
      list: [
        { _id: { college: 'A' }, n: 9, total: 108 },
        { _id: { college: 'B' }, n: 16, total: 192 },
      ],
      errMsg: 'collection.aggregate:ok',
    });
    const noLimit = (await db.collection('regs').aggregate().match({}).end()) as { list: unknown[] };
    expect(noLimit.list).toHaveLength(20);
    // Stages the adapter's structural type does not declare: the SDK object has them all.
    const sdkAggregate = () => db.collection('regs').aggregate() as any;
    const limited = (await sdkAggregate().sort({ amount: -1 }).skip(1).limit(25).project({ _id: 0, amount: 1 }).end()) as {
      list: Array<{ amount: number }>;
    };
    expect(limited.list).toHaveLength(25);
    expect(limited.list[0]).toEqual({ amount: 28 });
    const counted = (await sdkAggregate().match({ status: 'cancelled' }).count('n').end()) as { list: unknown[] };
    expect(counted.list).toEqual([{ n: 5 }]);
  });
});

describe('real wx-server-sdk on the in-process backend: update operators', () => {
  it('applies inc, set, remove, push, pull, addToSet, mul, min, max; plain nested objects merge field by field', async () => {
    const { db, _ } = setup();
    const c = db.collection('u');
    await c.add({ data: { _id: 'd', n: 1, m: 2, lo: 5, hi: 5, gone: 'x', list: [1, 2, 3], set: ['a'], obj: { keep: 1, change: 1 }, whole: { a: 1, b: 2 } } });
    await c.doc('d').update({
      data: {
        n: _.inc(2),
        m: _.mul(3),
        lo: _.min(1),
        hi: _.max(9),
        gone: _.remove(),
        list: _.pull(2),
        set: _.addToSet('a'),
        obj: { change: 2, added: 3 },
        whole: _.set({ c: 3 }),
      },
    });
    await c.doc('d').update({ data: { list: _.push([4, 5]), set: _.addToSet('b') } });
    expect((await c.doc('d').get()).data).toEqual({
      _id: 'd',
      n: 3,
      m: 6,
      lo: 1,
      hi: 9,
      list: [1, 3, 4, 5],
      set: ['a', 'b'],
      obj: { keep: 1, change: 2, added: 3 },
      whole: { c: 3 },
    });
  });

  it('a conditional where-update is atomic and reports what it changed', async () => {
    const { db, _ } = setup();
    await db.collection('ev').add({ data: { _id: 'e', seatsLeft: 2 } });
    const take = () => db.collection('ev').where({ _id: 'e', seatsLeft: _.gt(0) }).update({ data: { seatsLeft: _.inc(-1) } });
    const results = await Promise.all([take(), take(), take()]);
    expect(results.map((r) => r.stats.updated).sort()).toEqual([0, 1, 1]);
    expect((await db.collection('ev').doc('e').get()).data).toMatchObject({ seatsLeft: 0 });
  });
});

describe('real wx-server-sdk on the in-process backend: transactions', () => {
  it('commits all writes at once, reads its own writes, and answers the SDK\'s transaction shapes', async () => {
    const { db, backend, _ } = setup();
    await db.collection('ev').add({ data: { _id: 'e', seats: 1 } });
    const outcome = await db.runTransaction(async (t) => {
      const { data } = await t.collection('ev').doc('e').get();
      expect(data).toEqual({ _id: 'e', seats: 1 });
      expect(await t.collection('ev').doc('e').update({ data: { seats: _.inc(-1) } })).toMatchObject({ stats: { updated: 1 } });
      expect(await t.collection('regs').add({ data: { _id: 'e:1', status: 'confirmed' } })).toMatchObject({ _id: 'e:1' });
      // A set of a new document inside a transaction: the SDK reports created 0 (it reads `upsertedId`, which the
      // transactional answer does not have).
      expect(await t.collection('regs').doc('e:2').set({ data: { status: 'x' } })).toMatchObject({ stats: { updated: 0, created: 0 } });
      expect((await t.collection('ev').doc('e').get()).data).toEqual({ _id: 'e', seats: 0 });
      expect((await t.collection('regs').doc('e:1').get()).data).toEqual({ _id: 'e:1', status: 'confirmed' });
      // Not visible outside before the commit.
      expect((await db.collection('ev').doc('e').get()).data).toEqual({ _id: 'e', seats: 1 });
      expect(backend.dump('regs')).toEqual([]);
      return 'done';
    });
    expect(outcome).toBe('done');
    expect((await db.collection('ev').doc('e').get()).data).toEqual({ _id: 'e', seats: 0 });
    expect(backend.dump('regs').map((d) => d._id)).toEqual(['e:1', 'e:2']);
    expect(backend.counters().transactions).toMatchObject({ started: 1, committed: 1, aborted: 0 });
  });

  it('inside a transaction a missing document rejects with throwOnNotFound and reads as null without, as outside', async () => {
    const strict = setup();
    const error = await failure(strict.db.runTransaction(async (t) => t.collection('c').doc('none').get()));
    expect(error.message).toContain('does not exist');
    const lenient = setup({}, false);
    expect(await lenient.db.runTransaction(async (t) => (await t.collection('c').doc('none').get()).data)).toBeNull();
  });

  it('discards every write when the callback throws (the SDK rolls back)', async () => {
    const { db, backend } = setup();
    await db.collection('ev').add({ data: { _id: 'e', seats: 1 } });
    const error = await failure(
      db.runTransaction(async (t) => {
        await t.collection('ev').doc('e').update({ data: { seats: 0 } });
        await t.collection('regs').add({ data: { _id: 'r' } });
        throw new Error('refused');
      }),
    );
    expect(error.message).toBe('refused');
    expect(backend.dump('ev')).toEqual([{ _id: 'e', seats: 1 }]);
    expect(backend.dump('regs')).toEqual([]);
    expect(backend.counters().transactions).toMatchObject({ started: 1, committed: 0, aborted: 1 });
    expect(backend.openTransactions()).toBe(0);
  });

  it('reads a snapshot: a write committed outside after the transaction began is invisible to it', async () => {
    const { db } = setup();
    await db.collection('c').add({ data: { _id: 'a', v: 1 } });
    await db.collection('c').add({ data: { _id: 'b', v: 1 } });
    const t = await db.startTransaction();
    expect((await t.collection('c').doc('a').get()).data).toEqual({ _id: 'a', v: 1 });
    await db.collection('c').doc('b').update({ data: { v: 2 } });
    expect((await t.collection('c').doc('b').get()).data).toEqual({ _id: 'b', v: 1 });
    await t.rollback();
  });

  it('fails the SECOND writer of a document at its write, with Tencent\'s conflict text mapped to errCode -501001', async () => {
    const { db, backend } = setup();
    await db.collection('c').add({ data: { _id: 'a', v: 1 } });
    const t1 = await db.startTransaction();
    const t2 = await db.startTransaction();
    await t1.collection('c').doc('a').get();
    await t2.collection('c').doc('a').update({ data: { v: 2 } });
    const error = await failure(t1.collection('c').doc('a').update({ data: { v: 3 } }));
    expect(error).toBeInstanceOf(Error);
    expect(error.errCode).toBe(-501001);
    expect(error.message).toBe(`document.update:fail -501001 resource system error. ${CONFLICT_MESSAGE}`);
    expect(error.errMsg).toBe(error.message);
    expect(error.code).toBeUndefined(); // so @cloudbase/database's runTransaction (which retries on .code) never retries
    expect(isTransactionConflict(error)).toBe(true);
    // MongoDB aborted the losing transaction: it is gone on the server.
    const gone = await failure(t1.commit());
    expect(gone).toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
    await t2.commit();
    expect(backend.dump('c')).toEqual([{ _id: 'a', v: 2 }]);
    expect(backend.counters().transactions.conflicts).toBe(1);
  });

  it('also fails a transaction writing a document committed by someone else after its snapshot (读偏)', async () => {
    const { db } = setup();
    await db.collection('c').add({ data: { _id: 'a', v: 1 } });
    const t = await db.startTransaction();
    await t.collection('c').doc('a').get();
    await db.collection('c').doc('a').set({ data: { v: 9 } });
    const error = await failure(t.collection('c').doc('a').update({ data: { v: 2 } }));
    expect(isTransactionConflict(error)).toBe(true);
  });

  it('runTransaction does not re-run a callback whose write conflicted (the SDK retries on error.code only)', async () => {
    const { db } = setup();
    await db.collection('c').add({ data: { _id: 'a', v: 0 } });
    const holder = await db.startTransaction();
    await holder.collection('c').doc('a').update({ data: { v: 1 } });
    let runs = 0;
    const error = await failure(
      db.runTransaction(async (t) => {
        runs++;
        await t.collection('c').doc('a').update({ data: { v: 2 } });
      }, 3),
    );
    expect(runs).toBe(1);
    expect(error.errCode).toBe(-501001);
    await holder.commit();
  });

  it('snapshot isolation allows write skew: documents only read never conflict', async () => {
    const { db } = setup();
    await db.collection('c').add({ data: { _id: 'a', v: 1 } });
    await db.collection('c').add({ data: { _id: 'b', v: 1 } });
    const t1 = await db.startTransaction();
    const t2 = await db.startTransaction();
    await t1.collection('c').doc('a').get();
    await t2.collection('c').doc('b').get();
    await t1.collection('c').doc('b').update({ data: { v: 2 } });
    await t2.collection('c').doc('a').update({ data: { v: 2 } });
    await t1.commit();
    await t2.commit();
  });

  it('a non-transactional write to a document a transaction holds waits until that transaction ends', async () => {
    const { db, backend } = setup();
    await db.collection('c').add({ data: { _id: 'a', v: 0 } });
    const t = await db.startTransaction();
    await t.collection('c').doc('a').update({ data: { v: 1 } });
    let outsideDone = false;
    const outside = db
      .collection('c')
      .doc('a')
      .update({ data: { w: 1 } })
      .then(() => (outsideDone = true));
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    expect(outsideDone).toBe(false);
    await t.commit();
    await outside;
    expect(backend.dump('c')).toEqual([{ _id: 'a', v: 1, w: 1 }]);
    expect(backend.counters().lockWaits).toBe(1);
  });

  it('where(…).update/remove/count through a transaction object run OUTSIDE it (the SDK sends no transaction id)', async () => {
    const { db, backend, _ } = setup();
    await db.collection('c').add({ data: { _id: 'a', n: 0 } });
    await db.collection('c').add({ data: { _id: 'b', n: 0 } });
    await failure(
      db.runTransaction(async (t) => {
        await t.collection('c').where({ _id: 'a' }).update({ data: { n: _.inc(1) } });
        // Applied at once, visible outside before any commit …
        expect(backend.dump('c').find((d) => d._id === 'a')).toEqual({ _id: 'a', n: 1 });
        await t.collection('c').where({ _id: 'b' }).remove();
        await t.collection('c').add({ data: { _id: 'new' } });
        // … and count sees committed data only (the transaction's own add is not counted).
        expect((await t.collection('c').count()).total).toBe(1);
        throw new Error('roll back');
      }),
    );
    // … and not undone by the rollback; the transactional add is.
    expect(backend.dump('c')).toEqual([{ _id: 'a', n: 1 }]);
    const counters = backend.counters();
    expect(counters.byActionAndCollection['database.modifyDocument c']).toBe(1);
  });

  it('where(…).get() through a transaction carries the id and reads the transaction\'s view', async () => {
    const { db, backend } = setup();
    await db.collection('c').add({ data: { _id: 'a', k: 1 } });
    await db.runTransaction(async (t) => {
      await t.collection('c').add({ data: { _id: 'b', k: 1 } });
      expect(((await t.collection('c').where({ k: 1 }).get()).data as unknown[]).length).toBe(2);
    });
    expect(backend.counters().queriesInTransaction).toBe(1);
  });
});

describe('real wx-server-sdk on the in-process backend: duplicate _id', () => {
  it('rejects an add of an existing _id with -502001 and MongoDB\'s E11000 text (an ASSUMPTION about CloudBase)', async () => {
    const { db } = setup();
    await db.collection('c').add({ data: { _id: 'a' } });
    const error = await failure(db.collection('c').add({ data: { _id: 'a' } }));
    expect(error.errCode).toBe(-502001);
    expect(error.message).toMatch(/^collection\.add:fail -502001 database request fail\. E11000 duplicate key error/);
    expect(isDuplicateKey(error)).toBe(true);
  });

  it('inside a transaction the duplicate fails the add and aborts the transaction', async () => {
    const { db, backend } = setup();
    await db.collection('c').add({ data: { _id: 'a' } });
    const t = await db.startTransaction();
    await t.collection('c').doc('b').set({ data: { v: 1 } });
    expect(isDuplicateKey(await failure(t.collection('c').add({ data: { _id: 'a' } })))).toBe(true);
    expect(await failure(t.collection('c').doc('b').get())).toMatchObject({ errCode: -501001 });
    expect(backend.dump('c')).toEqual([{ _id: 'a' }]);
  });

  it('two transactions inserting one _id: the second insert conflicts (it is not yet a duplicate)', async () => {
    const { db } = setup();
    const t1 = await db.startTransaction();
    const t2 = await db.startTransaction();
    await t1.collection('c').add({ data: { _id: 'k' } });
    expect(isTransactionConflict(await failure(t2.collection('c').add({ data: { _id: 'k' } })))).toBe(true);
    await t1.commit();
  });
});

describe('real wx-server-sdk on the in-process backend: latency, request counts, faults, limits', () => {
  it('makes every request take latencyMs and counts requests per action', async () => {
    const { db, backend, _ } = setup({ latencyMs: 20 });
    const started = Date.now();
    await db.collection('c').add({ data: { _id: 'a', n: 0 } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(18);
    backend.resetCounters();
    const t0 = Date.now();
    await db.runTransaction(async (t) => {
      await t.collection('c').doc('a').get();
      await t.collection('c').doc('a').update({ data: { n: _.inc(1) } });
    });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(4 * 18);
    const counters = backend.counters();
    expect(counters.requests).toBe(4);
    expect(counters.documentOps).toBe(2);
    expect(backend.opCount()).toBe(2);
    expect(counters.byAction).toEqual({
      'database.startTransaction': 1,
      'database.getDocument': 1,
      'database.modifyDocument': 1,
      'database.commitTransaction': 1,
    });
    backend.resetOpCount();
    expect(backend.opCount()).toBe(0);
  });

  it('interleaves concurrent requests even at 0 ms', async () => {
    const { db } = setup({ latencyMs: 0 });
    const order: string[] = [];
    await Promise.all(
      ['a', 'b'].map(async (id) => {
        await db.collection('c').add({ data: { _id: id } });
        order.push(`${id}1`);
        await db.collection('c').doc(id).get();
        order.push(`${id}2`);
      }),
    );
    expect(order).toEqual(['a1', 'b1', 'a2', 'b2']);
  });

  it('failNext rejects the next matching request once, with errCode -501001', async () => {
    const { db, backend } = setup();
    backend.failNext('insertDocument', 'c');
    const error = await failure(db.collection('c').add({ data: { _id: 'a' } }));
    expect(error.errCode).toBe(-501001);
    expect(error.message).toContain('failNext');
    await db.collection('c').add({ data: { _id: 'a' } });
    expect(backend.counters().injectedFailures).toBe(1);
  });

  it('fails a query or aggregation whose result is over the size limit', async () => {
    const { db } = setup({ maxResultBytes: 2_000 });
    for (let i = 0; i < 10; i++) await db.collection('big').add({ data: { _id: `b${i}`, text: 'x'.repeat(300) } });
    const error = await failure(db.collection('big').get());
    expect(error.errCode).toBe(-502001);
    expect(error.message).toContain(QUERY_RESULT_TOO_LARGE);
    expect((await db.collection('big').limit(5).get()).data).toHaveLength(5);
    expect((await failure(db.collection('big').aggregate().limit(10).end())).message).toContain(QUERY_RESULT_TOO_LARGE);
  });

  it('defaults to CloudBase\'s 1 MB and measures a cloud function result against 1 MB (-604001)', async () => {
    const { backend } = setup();
    expect(backend.options.maxResultBytes).toBe(ONE_MB);
    expect(checkCloudFunctionResult({ ok: true })).toMatchObject({ ok: true });
    const big = checkCloudFunctionResult({ rows: 'x'.repeat(ONE_MB) });
    expect(big.ok).toBe(false);
    expect(big.error).toMatchObject({ errCode: -604001 });
    expect(big.error?.message).toContain('cloudfunction result size exceed limit (1MB)');
  });
});

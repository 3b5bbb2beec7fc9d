import { FakeWxDb } from '../../server/storage/cloudbase/fake-wx-db';
import { isDocumentMissing, isDuplicateKey } from '../../server/storage/cloudbase/errors';

/** The stand-in of wx-server-sdk's database behaves as documented in its header and in docs/cloudbase.md. */
describe('the stand-in of the wx-server-sdk database', () => {
  async function withPeople(): Promise<FakeWxDb> {
    const db = new FakeWxDb();
    const people = [
      { _id: 'a', name: '甲', age: 20, group: 'x', seq: 3 },
      { _id: 'b', name: '乙', age: 22, group: 'y', seq: 1 },
      { _id: 'c', name: '丙', age: 19, group: 'x', seq: null },
      { _id: 'd', name: '丁', age: 25, group: 'z', seq: 2 },
    ];
    for (const p of people) await db.collection('people').add({ data: p });
    return db;
  }

  it('rejects a get of a missing document like the SDK, or answers null with throwOnNotFound: false', async () => {
    const strict = new FakeWxDb();
    const error = await strict.collection('x').doc('nope').get().catch((e) => e);
    expect(error.message).toBe('document.get:fail document with _id nope does not exist');
    expect(isDocumentMissing(error)).toBe(true);
    const lenient = new FakeWxDb({ throwOnNotFound: false });
    expect((await lenient.collection('x').doc('nope').get()).data).toBeNull();
  });

  it('rejects an add of an existing _id with a duplicate-key error, and invents an _id when none is given', async () => {
    const db = new FakeWxDb();
    expect(await db.collection('x').add({ data: { _id: 'k', v: 1 } })).toMatchObject({ _id: 'k' });
    const error = await db.collection('x').add({ data: { _id: 'k', v: 2 } }).catch((e) => e);
    expect(error.errCode).toBe(-502001);
    expect(isDuplicateKey(error)).toBe(true);
    const { _id } = await db.collection('x').add({ data: { v: 3 } });
    expect(String(_id)).toMatch(/^[0-9a-f]{32}$/);
    expect(db.dump('x')).toHaveLength(2);
  });

  it('interprets the real db.command operators in where()', async () => {
    const db = await withPeople();
    const _ = db.command as unknown as Record<string, (...a: unknown[]) => { and(x: unknown): unknown }>;
    const ids = async (cond: Record<string, unknown>) =>
      (await db.collection('people').where(cond).orderBy('_id', 'asc').get()).data.map((d) => d._id);
    expect(await ids({ group: 'x' })).toEqual(['a', 'c']);
    expect(await ids({ age: _.gt(20) })).toEqual(['b', 'd']);
    expect(await ids({ age: _.lt(20) })).toEqual(['c']);
    expect(await ids({ group: _.neq('x') })).toEqual(['b', 'd']);
    expect(await ids({ group: _.in(['y', 'z']) })).toEqual(['b', 'd']);
    expect(await ids({ group: _.nin(['y', 'z']) })).toEqual(['a', 'c']);
    expect(await ids({ age: _.gte(20).and(_.lte(22)) })).toEqual(['a', 'b']);
    expect(await ids({ seq: _.lt(3) })).toEqual(['b', 'd']); // null is not less than a number
    expect(await ids({ group: 'x', seq: _.eq(null) })).toEqual(['c']);
    expect(await ids(_.or([{ group: 'y' }, { age: _.lt(20) }]) as Record<string, unknown>)).toEqual(['b', 'c']);
    expect((await db.collection('people').where({ group: 'x' }).count()).total).toBe(2);
  });

  it('orders, skips and limits like the server (100 by default, at most 1000)', async () => {
    const db = await withPeople();
    const bySeq = await db.collection('people').orderBy('seq', 'asc').get();
    expect(bySeq.data.map((d) => d._id)).toEqual(['c', 'b', 'd', 'a']); // null first
    const page = await db.collection('people').orderBy('age', 'desc').skip(1).limit(2).get();
    expect(page.data.map((d) => d._id)).toEqual(['b', 'a']);
    for (let i = 0; i < 120; i++) await db.collection('many').add({ data: { i } });
    expect((await db.collection('many').get()).data).toHaveLength(100);
    expect(() => db.collection('many').limit(1001)).toThrow(/limit/);
  });

  it('merges updates, applies update commands and reports what it changed', async () => {
    const db = new FakeWxDb();
    const _ = db.command as unknown as Record<string, (v?: unknown) => unknown>;
    await db.collection('x').doc('k').set({ data: { n: 1, keep: 'yes', drop: true, nested: { a: 1, b: 2 } } });
    const res = await db.collection('x').doc('k').update({ data: { n: _.inc(4), drop: _.remove(), nested: { b: 3 } } });
    expect(res.stats.updated).toBe(1);
    expect(db.dump('x')).toEqual([{ _id: 'k', n: 5, keep: 'yes', nested: { a: 1, b: 3 } }]);
    expect((await db.collection('x').doc('missing').update({ data: { n: 1 } })).stats.updated).toBe(0);
    await expect(db.collection('x').doc('k').set({ data: { n: _.inc(1) } })).rejects.toThrow(/operator/);
    await expect(db.collection('x').doc('k').update({ data: { _id: 'other' } })).rejects.toThrow(/_id/);
  });

  it('replaces a field whole with _.set (arrays and objects are not merged), and finds documents by _id with _.in', async () => {
    const db = new FakeWxDb();
    const _ = db.command;
    await db.collection('x').doc('k').set({ data: { staff: ['a', 'b'], fence: { lat: 1, lng: 2, radiusM: 3 } } });
    await db.collection('x').doc('k').update({ data: { staff: _.set(['b']), fence: _.set({ lat: 5 }) } });
    expect(db.dump('x')).toEqual([{ _id: 'k', staff: ['b'], fence: { lat: 5 } }]);
    await db.collection('x').doc('m').set({ data: { staff: [] } });
    await db.collection('x').doc('n').set({ data: { staff: [] } });
    const found = await db.collection('x').where({ _id: _.in(['k', 'n', 'missing']) }).orderBy('_id', 'asc').get();
    expect(found.data.map((d) => d._id)).toEqual(['k', 'n']);
  });

  it('aggregates like wx-server-sdk: match, group with $.sum, sort, skip, limit; answers { list }, 20 without a limit', async () => {
    const db = new FakeWxDb();
    const _ = db.command;
    const $ = db.command.aggregate;
    const rows = [
      { s: '1', m: 'a', amount: 100, hours: 1.5 },
      { s: '1', m: 'a', amount: -100, hours: -1.5 },
      { s: '1', m: 'b', amount: 50, hours: 0 },
      { s: '2', m: 'a', amount: 25, hours: 2 },
      { s: '2', m: 'a', amount: 25 }, // no hours: $sum skips what is not a number
      { s: '3', m: 'c', amount: 10, hours: 0 },
    ];
    for (const r of rows) await db.collection('ledger').add({ data: r });
    db.resetOpCount();
    const { list } = await db
      .collection('ledger')
      .aggregate()
      .match({ s: _.in(['1', '2']) })
      .group({ _id: { s: '$s', m: '$m' }, amount: $.sum('$amount'), hours: $.sum('$hours'), n: $.sum(1) })
      .sort({ '_id.s': -1, '_id.m': 1 })
      .limit(10)
      .end();
    expect(list).toEqual([
      { _id: { s: '2', m: 'a' }, amount: 50, hours: 2, n: 2 },
      { _id: { s: '1', m: 'a' }, amount: 0, hours: 0, n: 2 },
      { _id: { s: '1', m: 'b' }, amount: 50, hours: 0, n: 1 },
    ]);
    expect(db.operations()).toEqual(['aggregate ledger match,group,sort,limit']);
    const page = await db.collection('ledger').aggregate().group({ _id: '$s', total: $.sum('$amount') }).sort({ _id: 1 }).skip(1).limit(1).end();
    expect(page.list).toEqual([{ _id: '2', total: 50 }]);
    const all = await db.collection('ledger').aggregate().group({ _id: null, total: $.sum('$amount') }).limit(1).end();
    expect(all.list).toEqual([{ _id: null, total: 110 }]);

    // The server answers 20 results without a limit stage.
    for (let i = 0; i < 30; i++) await db.collection('many').add({ data: { i } });
    expect((await db.collection('many').aggregate().group({ _id: '$i', n: $.sum(1) }).end()).list).toHaveLength(20);
    // Stage methods append to one pipeline, as in the SDK: reusing a pipeline object adds stages to it.
    const pipeline = db.collection('many').aggregate().group({ _id: null, n: $.sum(1) });
    pipeline.limit(1);
    expect((await pipeline.end()).list).toEqual([{ _id: null, n: 30 }]);
    // An accumulator that is not modelled rejects rather than answering something CloudBase would not.
    await expect(db.collection('many').aggregate().group({ _id: null, avg: { $avg: '$i' } }).end()).rejects.toThrow(/not modelled/);
  });

  it('joins like wx-server-sdk: lookup (equality form) and unwind, so a pipeline can group by a field of another collection', async () => {
    const db = new FakeWxDb();
    const _ = db.command;
    const $ = db.command.aggregate;
    await db.collection('students').doc('s1').set({ data: { college: 'A', branch: 'a1' } });
    await db.collection('students').doc('s2').set({ data: { college: 'B', branch: 'b1' } });
    const regs = [
      { _id: 'r1', studentNo: 's1', eventId: 'e1', status: 'confirmed' },
      { _id: 'r2', studentNo: 's2', eventId: 'e1', status: 'confirmed' },
      { _id: 'r3', studentNo: 's1', eventId: 'e2', status: 'confirmed' },
      { _id: 'r4', studentNo: 's1', eventId: 'e3', status: 'cancelled' },
      { _id: 'r5', studentNo: 'nobody', eventId: 'e1', status: 'confirmed' },
    ];
    for (const r of regs) await db.collection('regs').add({ data: r });
    db.resetOpCount();
    // lookup gives each document the array of matches (empty for none); the joined documents are not changed.
    const joined = await db
      .collection('regs')
      .aggregate()
      .match({ _id: _.in(['r1', 'r5']) })
      .lookup({ from: 'students', localField: 'studentNo', foreignField: '_id', as: 's' })
      .sort({ _id: 1 })
      .limit(10)
      .end();
    expect(joined.list).toEqual([
      { _id: 'r1', studentNo: 's1', eventId: 'e1', status: 'confirmed', s: [{ _id: 's1', college: 'A', branch: 'a1' }] },
      { _id: 'r5', studentNo: 'nobody', eventId: 'e1', status: 'confirmed', s: [] },
    ]);
    expect(db.dump('students')).toHaveLength(2);
    // unwind drops the documents with nothing joined (MongoDB's default); a match after it filters on the joined fields.
    const byCollege = await db
      .collection('regs')
      .aggregate()
      .match({ status: 'confirmed' })
      .lookup({ from: 'students', localField: 'studentNo', foreignField: '_id', as: 's' })
      .unwind('$s')
      .group({ _id: { college: '$s.college', branch: '$s.branch' }, n: $.sum(1) })
      .sort({ '_id.college': 1 })
      .limit(10)
      .end();
    expect(byCollege.list).toEqual([
      { _id: { college: 'A', branch: 'a1' }, n: 2 },
      { _id: { college: 'B', branch: 'b1' }, n: 1 },
    ]);
    const onlyB = await db
      .collection('regs')
      .aggregate()
      .lookup({ from: 'students', localField: 'studentNo', foreignField: '_id', as: 's' })
      .unwind('$s')
      .match({ 's.college': 'B' })
      .group({ _id: '$eventId', n: $.sum(1) })
      .limit(10)
      .end();
    expect(onlyB.list).toEqual([{ _id: 'e1', n: 1 }]);
    // After a group, its _id can be the local field: distinct students, then joined.
    const distinct = await db
      .collection('regs')
      .aggregate()
      .match({ status: 'confirmed' })
      .group({ _id: '$studentNo', n: $.sum(1) })
      .lookup({ from: 'students', localField: '_id', foreignField: '_id', as: 's' })
      .unwind({ path: '$s', preserveNullAndEmptyArrays: true })
      .group({ _id: '$s.college', n: $.sum(1) })
      .sort({ _id: 1 })
      .limit(10)
      .end();
    expect(distinct.list).toEqual([
      { _id: null, n: 1 }, // 'nobody', kept by preserveNullAndEmptyArrays
      { _id: 'A', n: 1 },
      { _id: 'B', n: 1 },
    ]);
    expect(db.operations()).toEqual([
      'aggregate regs match,lookup,sort,limit',
      'aggregate regs match,lookup,unwind,group,sort,limit',
      'aggregate regs lookup,unwind,match,group,limit',
      'aggregate regs match,group,lookup,unwind,group,sort,limit',
    ]);
    // What is not modelled rejects rather than answering something CloudBase would not.
    expect(() => db.collection('regs').aggregate().lookup({ from: 'students', let: {}, pipeline: [], as: 's' } as never)).toThrow(/lookup/);
    expect(() => db.collection('regs').aggregate().unwind('s')).toThrow(/unwind/);
  });

  it('lets a transaction read its own writes, and shows them to others only after commit', async () => {
    const db = new FakeWxDb();
    await db.collection('x').doc('k').set({ data: { n: 1 } });
    let seenOutside: unknown;
    await db.runTransaction(async (t) => {
      await t.collection('x').doc('k').update({ data: { n: 2 } });
      expect((await t.collection('x').doc('k').get()).data).toMatchObject({ n: 2 });
      seenOutside = (await db.collection('x').doc('k').get()).data;
    });
    expect(seenOutside).toMatchObject({ n: 1 });
    expect((await db.collection('x').doc('k').get()).data).toMatchObject({ n: 2 });
  });

  it('fails the commit of a transaction in which a write failed, even if the callback swallowed the error', async () => {
    const db = new FakeWxDb();
    await db.collection('x').add({ data: { _id: 'k' } });
    const error = await db
      .runTransaction(async (t) => {
        await t.collection('x').doc('j').set({ data: { v: 1 } });
        await t.collection('x').add({ data: { _id: 'k' } }).catch(() => undefined);
      })
      .catch((e) => e);
    expect(error.message).toMatch(/aborted/);
    expect(db.dump('x').map((d) => d._id)).toEqual(['k']);
  });

  it('yields to the event loop in every operation, so concurrent calls interleave', async () => {
    const db = new FakeWxDb();
    let ranMeanwhile = false;
    setImmediate(() => (ranMeanwhile = true));
    await db.collection('x').doc('k').get().catch(() => undefined);
    expect(ranMeanwhile).toBe(true);
  });

  it('fails exactly the next matching operation when told to, and counts every operation', async () => {
    const db = new FakeWxDb({ throwOnNotFound: false });
    db.failNext('add', 'b');
    await db.collection('a').add({ data: { _id: '1' } });
    await expect(db.collection('b').add({ data: { _id: '1' } })).rejects.toMatchObject({ errCode: -501001 });
    await db.collection('b').add({ data: { _id: '1' } });
    await db.collection('a').doc('1').get();
    expect(db.opCount()).toBe(4);
    expect(db.operations()).toEqual(['add a/1', 'add b/1', 'add b/1', 'get a/1']);
    db.resetOpCount();
    expect(db.opCount()).toBe(0);
  });
});

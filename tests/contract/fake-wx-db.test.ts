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

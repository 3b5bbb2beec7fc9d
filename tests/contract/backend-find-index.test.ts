/**
 * The in-process backend finds documents by `_id` and by an index of text fields instead of scanning a collection
 * (tests/support/cloudbase-backend/store.ts, `candidates`): speed only. These pin down that the answers are the
 * scan's — through the real SDK: natural order, equality on an array field, a value changed after the index was built,
 * a transaction's snapshot, `$in`, and conditions beside the indexed one. And a long `$in` of texts, tested against a
 * Set rather than by mingo (also an aggregation's leading `$match`): the same answers.
 */
import { CloudbaseBackend, createRealSdkDatabase } from '../support/cloudbase-backend';

function setup() {
  const backend = new CloudbaseBackend({ latencyMs: 0 });
  const db = createRealSdkDatabase(backend, { throwOnNotFound: false });
  return { backend, db, _: db.command };
}
const ids = (res: { data: unknown }) => (res.data as Array<{ _id: string }>).map((d) => d._id);

describe('the backend\'s finding by _id and by text index answers as a full scan would', () => {
  it('keeps natural (insertion) order for `_id` in a list and for an indexed equality', async () => {
    const { db, _ } = setup();
    for (const [id, k] of [['c', 'x'], ['a', 'y'], ['b', 'x'], ['d', 'x']]) await db.collection('c').add({ data: { _id: id, k } });
    expect(ids(await db.collection('c').where({ _id: _.in(['d', 'a', 'c']) }).get())).toEqual(['c', 'a', 'd']);
    expect(ids(await db.collection('c').where({ k: 'x' }).get())).toEqual(['c', 'b', 'd']);
    expect(ids(await db.collection('c').where({ k: _.in(['y', 'x']) }).get())).toEqual(['c', 'a', 'b', 'd']);
    // A removed and re-added document goes to the end, as in a scan.
    await db.collection('c').doc('c').remove();
    await db.collection('c').add({ data: { _id: 'c', k: 'x' } });
    expect(ids(await db.collection('c').where({ k: 'x' }).get())).toEqual(['b', 'd', 'c']);
  });

  it('matches an equality on an array field by any element, and tests every other condition too', async () => {
    const { db, _ } = setup();
    await db.collection('ev').add({ data: { _id: 'e1', staff: ['o-1', 'o-2'], n: 1 } });
    await db.collection('ev').add({ data: { _id: 'e2', staff: ['o-2'], n: 5 } });
    expect(ids(await db.collection('ev').where({ staff: 'o-2' }).get())).toEqual(['e1', 'e2']);
    expect(ids(await db.collection('ev').where({ staff: 'o-2', n: _.gt(2) }).get())).toEqual(['e2']);
    expect(ids(await db.collection('ev').where({ _id: 'e1', n: _.gt(2) }).get())).toEqual([]);
  });

  it('follows a value changed after the index was built', async () => {
    const { db } = setup();
    await db.collection('r').add({ data: { _id: 'r1', status: 'waitlisted' } });
    expect(ids(await db.collection('r').where({ status: 'waitlisted' }).get())).toEqual(['r1']); // the index is built here
    await db.collection('r').doc('r1').update({ data: { status: 'confirmed' } });
    expect(ids(await db.collection('r').where({ status: 'waitlisted' }).get())).toEqual([]);
    expect(ids(await db.collection('r').where({ status: 'confirmed' }).get())).toEqual(['r1']);
    expect(await db.collection('r').where({ status: 'confirmed' }).count()).toMatchObject({ total: 1 });
  });

  it('reads a transaction\'s snapshot and its own writes through the index', async () => {
    const { db } = setup();
    await db.collection('r').add({ data: { _id: 'r1', status: 'waitlisted' } });
    expect(ids(await db.collection('r').where({ status: 'waitlisted' }).get())).toEqual(['r1']);
    await db.runTransaction(async (t) => {
      expect(ids(await t.collection('r').where({ status: 'waitlisted' }).get())).toEqual(['r1']); // the snapshot is taken
      await db.collection('r').doc('r2').set({ data: { status: 'waitlisted' } }); // committed outside, after it
      await t.collection('r').add({ data: { _id: 'r3', status: 'waitlisted' } });
      // The snapshot, plus its own insert; not r2.
      expect(ids(await t.collection('r').where({ status: 'waitlisted' }).get())).toEqual(['r1', 'r3']);
    });
    expect(ids(await db.collection('r').where({ status: 'waitlisted' }).get())).toEqual(['r1', 'r2', 'r3']);
    await db.runTransaction(async (t) => {
      // A value the transaction itself changed is found by its new value, not its old one.
      await t.collection('r').doc('r1').update({ data: { status: 'confirmed' } });
      expect(ids(await t.collection('r').where({ status: 'confirmed' }).get())).toEqual(['r1']);
      expect(ids(await t.collection('r').where({ status: 'waitlisted' }).get())).toEqual(['r2', 'r3']);
    });
  });

  it('answers a long `$in` of texts as mingo would (text fields, array fields, missing, null, numbers), in queries and a leading $match', async () => {
    const { db, _ } = setup();
    const docs = [
      { _id: 'd1', k: 'v3' },
      { _id: 'd2', k: ['x', 'v7'] },
      { _id: 'd3', k: null },
      { _id: 'd4' },
      { _id: 'd5', k: 3 },
      { _id: 'd6', k: 'nope', n: 1 },
      { _id: 'd7', k: 'v9', n: 2 },
      { _id: 'd8', k: ['a', 'b'] },
    ];
    for (const d of docs) await db.collection('m').add({ data: d });
    const many = Array.from({ length: 20 }, (_x, i) => `v${i}`);
    expect(ids(await db.collection('m').where({ k: _.in(many) }).get())).toEqual(['d1', 'd2', 'd7']);
    expect(ids(await db.collection('m').where({ k: _.in(many), n: _.gt(1) }).get())).toEqual(['d7']);
    expect(await db.collection('m').where({ k: _.in(many) }).count()).toMatchObject({ total: 3 });
    // A short list, and one with null in it, are mingo's own: the same kind of answer.
    expect(ids(await db.collection('m').where({ k: _.in(['v3', 'b']) }).get())).toEqual(['d1', 'd8']);
    expect(ids(await db.collection('m').where({ k: _.in([...many, null]) }).get())).toEqual(['d1', 'd2', 'd3', 'd4', 'd7']);
    const $ = _.aggregate;
    const grouped = await db.collection('m').aggregate().match({ k: _.in(many) }).group({ _id: null, n: $.sum(1) }).limit(10).end();
    expect(grouped.list).toEqual([{ _id: null, n: 3 }]);
  });
});

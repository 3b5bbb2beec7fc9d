import Database from 'better-sqlite3';
import { GroupCommitter } from '../../server/storage/sqlite/group-commit';

class Refusal extends Error {}

describe('group commit', () => {
  let db: Database.Database;
  let writer: GroupCommitter;
  const rows = () => (db.prepare('SELECT v FROM t ORDER BY v').all() as Array<{ v: string }>).map((r) => r.v);
  const insert = (v: string) => () => db.prepare('INSERT INTO t (v) VALUES (?)').run(v).changes;

  beforeEach(() => {
    db = new Database(':memory:');
    db.exec('CREATE TABLE t (v TEXT PRIMARY KEY)');
    writer = new GroupCommitter(db, { isCleanRefusal: (e) => e instanceof Refusal });
  });
  afterEach(() => db.close());

  it('commits the writes that arrive in the same turn together, in arrival order', async () => {
    const results = await Promise.all(['a', 'b', 'c'].map((v) => writer.run(insert(v))));
    expect(results).toEqual([1, 1, 1]);
    expect(rows()).toEqual(['a', 'b', 'c']);
    expect(db.inTransaction).toBe(false);
  });

  it('rejects only the job that refuses, and keeps the others', async () => {
    const outcome = await Promise.allSettled([
      writer.run(insert('a')),
      writer.run(() => {
        throw new Refusal('no');
      }),
      writer.run(insert('c')),
    ]);
    expect(outcome.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(rows()).toEqual(['a', 'c']);
  });

  it('undoes every write of a job that fails half-way, and still commits the rest of its batch', async () => {
    const halfway = () => {
      db.prepare('INSERT INTO t (v) VALUES (?)').run('half');
      db.prepare('INSERT INTO t (v) VALUES (?)').run('a'); // duplicate key: fails after one write
    };
    const outcome = await Promise.allSettled([writer.run(insert('a')), writer.run(halfway), writer.run(insert('z'))]);
    expect(outcome.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcome[1] as PromiseRejectedResult).reason.code).toBe('SQLITE_CONSTRAINT_PRIMARYKEY');
    expect(rows()).toEqual(['a', 'z']);
  });

  it('runs a failing job once: it is not retried behind the caller’s back', async () => {
    let calls = 0;
    await expect(
      writer.run(() => {
        calls++;
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(calls).toBe(1);
  });

  it('rejects the whole batch and writes nothing when COMMIT fails', async () => {
    db.exec('CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (p INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)');
    db.pragma('foreign_keys = ON');
    const outcome = await Promise.allSettled([
      writer.run(insert('a')),
      writer.run(() => db.prepare('INSERT INTO child (p) VALUES (42)').run()), // fails only at COMMIT
    ]);
    expect(outcome.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(rows()).toEqual([]);
    expect(db.inTransaction).toBe(false);
  });

  it('writes what was queued before close, then refuses new work', async () => {
    const pending = writer.run(insert('last'));
    writer.close();
    await expect(pending).resolves.toBe(1);
    expect(rows()).toEqual(['last']);
    await expect(writer.run(insert('late'))).rejects.toThrow('closed');
  });
});

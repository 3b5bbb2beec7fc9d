import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrations } from '../../server/storage/sqlite/migrations';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { NOW } from '../support/factories';

/**
 * Migration 008 on a database that already has a ledger (a local server upgraded in place): the per-student credit
 * totals it creates equal the ledger's sums, reversals included, and later writes add to them.
 */
it('backfills the credit totals from the ledger as it stood, and keeps them with every later entry', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'migration-008-'));
  const file = join(dir, 'old.db');
  try {
    // A database at version 7, with ledger entries written before totals existed.
    const old = new Database(file);
    old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    for (const m of migrations.filter((x) => x.version <= 7)) {
      old.exec(m.sql);
      old.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(m.version, NOW.toISOString());
    }
    const insert = old.prepare(
      `INSERT INTO ledger (key, student_no, module, amount, hours_tenths, kind, source_type, event_id, rule, reverses, reason, confirmed_by, at)
       VALUES (?, ?, ?, ?, ?, ?, 'attendance', 'ev', 'r', ?, NULL, 'system', ?)`,
    );
    insert.run('att:ev:1', '20240001', 'ideology', 200, 0, 'award', null, NOW.toISOString());
    insert.run('rev:att:ev:1', '20240001', 'ideology', -200, 0, 'reversal', 'att:ev:1', NOW.toISOString());
    insert.run('att:ev:1#2', '20240001', 'service', 150, 15, 'award', null, NOW.toISOString());
    insert.run('att:ev:2', '20240002', 'service', 50, 20, 'award', null, NOW.toISOString());
    old.close();

    const storage = new SqliteStorage({ file, synchronous: 'NORMAL' });
    const sorted = async () => (await storage.ledgerTotals()).sort((a, b) => `${a.studentNo}${a.module}`.localeCompare(`${b.studentNo}${b.module}`));
    expect(await sorted()).toEqual([
      { studentNo: '20240001', module: 'ideology', amount: 0, hours: 0 },
      { studentNo: '20240001', module: 'service', amount: 150, hours: 1.5 },
      { studentNo: '20240002', module: 'service', amount: 50, hours: 2 },
    ]);
    await storage.awardMany([
      { base: 'man:f:2', studentNo: '20240002', module: 'service', amount: 25, hours: 0.5, sourceType: 'manual', eventId: null, rule: 'r', reason: 'x', confirmedBy: 'a', at: NOW.toISOString() },
    ]);
    expect((await sorted())[2]).toEqual({ studentNo: '20240002', module: 'service', amount: 75, hours: 2.5 });
    await storage.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

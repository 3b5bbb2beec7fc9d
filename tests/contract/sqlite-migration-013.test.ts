import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrations } from '../../server/storage/sqlite/migrations';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { NOW } from '../support/factories';

/**
 * Migration 013 on a database in use (a local server upgraded in place): role_grants, role_invitations and the ledger
 * are rebuilt for their new CHECK values (the judge role, the contest's credit source) with every row kept as it was —
 * the ledger's order (seq) included — and the ledger is still append-only afterwards.
 */
it('keeps every grant, invitation and ledger entry (in order) while taking the judge role and contest credits', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'migration-013-'));
  const file = join(dir, 'old.db');
  try {
    const old = new Database(file);
    old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    for (const m of migrations.filter((x) => x.version < 13)) {
      old.exec(m.sql);
      old.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(m.version, NOW.toISOString());
    }
    old.prepare(`INSERT INTO role_grants (openid, role, scope, granted_by, granted_at) VALUES ('o-a', 'committee_admin', '', 'system', ?)`).run(NOW.toISOString());
    old.prepare(
      `INSERT INTO role_invitations (id, code_hash, role, scope, invitee_name, created_by, created_at, expires_at)
       VALUES ('000000000001', 'h1', 'college_officer', '医学院', '王老师', 'o-a', ?, ?)`,
    ).run(NOW.toISOString(), NOW.toISOString());
    const insert = old.prepare(
      `INSERT INTO ledger (seq, key, student_no, module, amount, hours_tenths, kind, source_type, event_id, rule, reverses, reason, confirmed_by, at)
       VALUES (?, ?, '20240001', 'ideology', ?, 0, ?, 'attendance', 'ev', 'r', ?, NULL, 'system', ?)`,
    );
    insert.run(5, 'att:ev:1', 200, 'award', null, NOW.toISOString());
    insert.run(9, 'rev:att:ev:1', -200, 'reversal', 'att:ev:1', NOW.toISOString());
    old.close();

    const storage = new SqliteStorage({ file, synchronous: 'NORMAL' });
    expect(await storage.rolesOf('o-a')).toEqual([{ openid: 'o-a', role: 'committee_admin', scope: '', grantedBy: 'system', grantedAt: NOW.toISOString() }]);
    expect((await storage.listInvitations(10)).map((i) => [i.id, i.inviteeName])).toEqual([['000000000001', '王老师']]);
    expect(storage.db.prepare('SELECT seq, key FROM ledger ORDER BY seq').all()).toEqual([
      { seq: 5, key: 'att:ev:1' },
      { seq: 9, key: 'rev:att:ev:1' },
    ]);
    await storage.grantRole(
      { openid: 'o-t', role: 'contest_judge', scope: '', grantedBy: 'o-a', grantedAt: NOW.toISOString() },
      { at: NOW.toISOString(), actor: 'o-a', action: 'grantRole', target: 'o-t', detail: '{}' },
    );
    expect((await storage.rolesOf('o-t')).map((g) => g.role)).toEqual(['contest_judge']);
    await storage.awardMany([
      { base: 'ctn:r.speaker.x:20240001', studentNo: '20240001', module: 'ideology', amount: 50, hours: 0, sourceType: 'contest', eventId: null, rule: '百生讲坛参赛 0.5 学分', reason: '院赛', confirmedBy: 'o-a', at: NOW.toISOString() },
    ]);
    expect((await storage.listLedger('20240001')).map((e) => [e.key, e.sourceType])).toEqual([
      ['att:ev:1', 'attendance'],
      ['rev:att:ev:1', 'attendance'],
      ['ctn:r.speaker.x:20240001', 'contest'],
    ]);
    expect(() => storage.db.prepare('DELETE FROM ledger').run()).toThrow(/append-only/);
    expect(() => storage.db.prepare("UPDATE ledger SET amount = 0 WHERE key = 'att:ev:1'").run()).toThrow(/append-only/);
    await storage.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

import type Database from 'better-sqlite3';
import { migrations } from './migrations';

/**
 * Applies the migrations the database has not seen yet, each in its own transaction, and records them. Safe to run at
 * every start and from several processes at once (BEGIN IMMEDIATE serialises them; the version check is repeated
 * inside the lock).
 *
 * A migration that rebuilds a table others refer to (`foreignKeysOff`) runs with foreign keys switched off (a
 * transaction cannot switch them, so it happens around it, on this connection only) and commits only if
 * `PRAGMA foreign_key_check` finds nothing wrong afterwards: SQLite's documented procedure for such changes.
 */
export function migrate(db: Database.Database): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  const applied: number[] = [];
  const has = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?');
  const record = db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)');
  for (const m of migrations) {
    if (has.get(m.version)) continue;
    const foreignKeys = db.pragma('foreign_keys', { simple: true }) === 1;
    const switchOff = m.foreignKeysOff === true && foreignKeys;
    if (switchOff) db.pragma('foreign_keys = OFF');
    try {
      const apply = db.transaction(() => {
        if (has.get(m.version)) return false;
        db.exec(m.sql);
        if (m.foreignKeysOff) {
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length) throw new Error(`migration ${m.version} breaks ${broken.length} foreign keys`);
        }
        record.run(m.version, new Date().toISOString());
        return true;
      });
      if (apply.immediate()) applied.push(m.version);
    } finally {
      if (switchOff) db.pragma('foreign_keys = ON');
    }
  }
  return applied;
}

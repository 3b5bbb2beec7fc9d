import type Database from 'better-sqlite3';
import { migrations } from './migrations';

/**
 * Applies the migrations the database has not seen yet, each in its own transaction, and records them. Safe to run at
 * every start and from several processes at once (BEGIN IMMEDIATE serialises them; the version check is repeated
 * inside the lock).
 */
export function migrate(db: Database.Database): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  const applied: number[] = [];
  const has = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?');
  const record = db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)');
  for (const m of migrations) {
    const apply = db.transaction(() => {
      if (has.get(m.version)) return false;
      db.exec(m.sql);
      record.run(m.version, new Date().toISOString());
      return true;
    });
    if (apply.immediate()) applied.push(m.version);
  }
  return applied;
}

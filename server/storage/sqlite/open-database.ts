import Database from 'better-sqlite3';
import { migrate } from './migrate';

export type Synchronous = 'FULL' | 'NORMAL';

/**
 * Opens (creating if needed) the database file with the settings every connection of this project uses, and brings
 * its schema up to date. Every process using the file (the server, scripts, tests' child processes) opens its own
 * connection this way.
 */
export function openDatabase(file: string, synchronous: Synchronous = 'FULL'): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // FULL survives power loss; NORMAL survives a killed process but may lose the last commits on an OS crash.
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  // A college's whole roster and term fit in memory: a 64 MB page cache and memory-mapped reads keep look-ups
  // (the student of every request, the event of every sign-up) off the read() syscall path.
  db.pragma('cache_size = -65536');
  db.pragma('mmap_size = 268435456');
  migrate(db);
  return db;
}

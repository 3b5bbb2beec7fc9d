import type Database from 'better-sqlite3';
import { withMethods, type AreaMethods } from '../compose';
import type { StoragePort } from '../ports';
import { sqliteAccounts } from './accounts';
import { sqliteCheckin } from './checkin';
import { sqliteCredits } from './credits';
import { sqliteEvents } from './events';
import { SqliteKit, type SqliteOptions } from './kit';
import { sqliteNotifications } from './notifications';
import { sqlitePublishing } from './publishing';
import { sqliteReports } from './reports';
import { sqliteRoster } from './roster';
import { sqliteTeams } from './teams';
import { sqliteUploads } from './uploads';
import { sqliteJobs } from './jobs';
import { sqliteContest } from './contest';
import { sqliteSharing } from './sharing';
import { sqlitePrivacy } from './privacy';

export type { SqliteOptions } from './kit';

/**
 * The embedded adapter: SQLite through better-sqlite3, WAL, durable commits (synchronous=FULL), writes run by the
 * group commit (see kit.ts and group-commit.ts).
 *
 * A thin composition: one object per area (roster, events, accounts, checkin, credits, publishing, teams,
 * notifications, reports), each implementing its port from server/storage/ports over the one shared kit. Why
 * assembled rather than forwarded: the ports split the methods between them, and the areas' methods are closures over
 * their statements that never use `this`, so copying them onto the instance gives the whole port without one
 * hand-written forwarder per method (ninety of them), and they keep working when called with another `this` (bound,
 * passed around, or through an object whose prototype is the storage, as the contract harness does). The compiler
 * still checks the whole: `super` demands every method of the port but close, and the class implements StoragePort.
 */
export class SqliteStorage extends withMethods<AreaMethods>() implements StoragePort {
  /** The connection, for tests and scripts that look at the database itself. */
  readonly db: Database.Database;
  private readonly kit: SqliteKit;

  constructor(options: SqliteOptions) {
    const kit = new SqliteKit(options);
    super({
      ...sqliteRoster(kit),
      ...sqliteEvents(kit),
      ...sqliteAccounts(kit),
      ...sqliteCheckin(kit),
      ...sqliteCredits(kit),
      ...sqlitePublishing(kit),
      ...sqliteTeams(kit),
      ...sqliteNotifications(kit),
      ...sqliteReports(kit),
      ...sqliteUploads(kit),
      ...sqliteJobs(kit),
      ...sqliteContest(kit),
      ...sqliteSharing(kit),
      ...sqlitePrivacy(kit),
    });
    this.kit = kit;
    this.db = kit.db;
  }

  /** Runs every write already accepted, then closes the database. */
  async close(): Promise<void> {
    this.kit.close();
  }
}

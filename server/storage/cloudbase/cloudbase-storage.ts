import type {
  AccountsPort,
  CheckinPort,
  CreditsPort,
  EventsPort,
  NotificationsPort,
  PublishingPort,
  ReportsPort,
  RosterPort,
  StoragePort,
  TeamsPort,
  UploadsPort,
  JobsPort,
  ContestPort,
  SharingPort,
  PrivacyPort,
} from '../ports';
import { withMethods, type AreaMethods } from '../compose';
import { CloudbaseAccounts } from './accounts';
import { CloudbaseCheckin } from './checkin';
import { CloudbaseCredits } from './credits';
import { CloudbaseEvents } from './events';
import { CloudbaseKit, type CloudbaseStorageOptions } from './kit';
import { CloudbaseNotifications } from './notifications';
import { CloudbasePublishing } from './publishing';
import { CloudbaseReports } from './reports';
import { CloudbaseRoster } from './roster';
import { DEFAULT_SIGNUP_QUEUE } from './signup-queue';
import { CloudbaseTeams } from './teams';
import { CloudbaseUploads } from './uploads';
import { CloudbaseJobs } from './jobs';
import { CloudbaseContest } from './contest';
import { CloudbaseSharing } from './sharing';
import { CloudbasePrivacy } from './privacy';
import type { WxDatabase } from './wx-db';

export type { CloudbaseStorageOptions } from './kit';

/**
 * The production adapter: WeChat CloudBase's document database through wx-server-sdk (`cloud.database()` is passed
 * in, so tests hand it the real SDK whose requests reach an in-process backend, tests/support/cloudbase-backend).
 * Each area of the port has its own file (roster.ts, events.ts, accounts.ts, checkin.ts, credits.ts, publishing.ts,
 * teams.ts, notifications.ts, reports.ts) around one shared kit (kit.ts: the retry policy, paging, audit ids, lanes, the
 * identity cache); docs/cloudbase.md explains the design and what each action costs.
 *
 * The class is only the composition. Its port methods are not written here one by one: the constructor builds the
 * kit and the areas, and copies each area's methods (bound to that area) onto the instance through the same base as
 * the SQLite adapter (../compose.ts): `super` demands the whole port but `close`, so an area method missing or of the
 * wrong shape fails to compile, and a method two areas both define fails at construction (methodsOf). Hence the rule
 * for area classes: their prototype holds their port's methods and nothing else (helpers are module functions or
 * objects held in fields).
 */
export class CloudbaseStorage extends withMethods<AreaMethods>() implements StoragePort {
  constructor(db: WxDatabase, options: CloudbaseStorageOptions = {}) {
    const kit = new CloudbaseKit(db, options);
    super(methodsOf(
      portOf<RosterPort>(new CloudbaseRoster(kit)),
      portOf<EventsPort>(new CloudbaseEvents(kit, { ...DEFAULT_SIGNUP_QUEUE, ...options.signupQueue })),
      portOf<AccountsPort>(new CloudbaseAccounts(kit)),
      portOf<CheckinPort>(new CloudbaseCheckin(kit)),
      portOf<CreditsPort>(new CloudbaseCredits(kit)),
      portOf<PublishingPort>(new CloudbasePublishing(kit)),
      portOf<TeamsPort>(new CloudbaseTeams(kit)),
      portOf<NotificationsPort>(new CloudbaseNotifications(kit)),
      portOf<ReportsPort>(new CloudbaseReports(kit)),
      portOf<UploadsPort>(new CloudbaseUploads(kit)),
      portOf<JobsPort>(new CloudbaseJobs(kit)),
      portOf<ContestPort>(new CloudbaseContest(kit)),
      portOf<SharingPort>(new CloudbaseSharing(kit)),
      portOf<PrivacyPort>(new CloudbasePrivacy(kit)),
    ));
  }

  async close(): Promise<void> {
    // Nothing to release: wx-server-sdk keeps no connection of its own.
  }
}

/** An area seen as its port (the type argument names which one it must implement). */
function portOf<P extends object>(area: P): P {
  return area;
}

type Intersect<T extends object[]> = T extends [infer H, ...infer R extends object[]] ? H & Intersect<R> : unknown;

/**
 * One object holding every method of the areas' prototypes, each bound to its area (an instance keeps its methods
 * on its class's prototype, so spreading it would copy none). A name two areas define is a mistake: thrown.
 */
function methodsOf<A extends object[]>(...areas: A): Intersect<A> {
  const out: Record<string, unknown> = {};
  for (const area of areas) {
    const proto: object = Object.getPrototypeOf(area);
    for (const [name, { value }] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
      if (name === 'constructor' || typeof value !== 'function') continue;
      if (name in out) throw new Error(`CloudbaseStorage: ${name} is defined by two areas`);
      out[name] = value.bind(area);
    }
  }
  return out as Intersect<A>;
}

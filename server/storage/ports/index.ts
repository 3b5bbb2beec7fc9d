/**
 * The storage port: everything the handlers need from storage, one small port per area. Two adapters implement all
 * of it (embedded SQLite for the local server and tests, CloudBase for production), and one contract suite per area
 * (tests/contract) runs against each. StoragePort is their intersection, so a handler takes the whole and names the
 * part it uses in its types when that helps.
 */
import type { RosterPort } from './roster';
import type { EventsPort } from './events';
import type { AccountsPort } from './accounts';
import type { CheckinPort } from './checkin';
import type { CreditsPort } from './credits';
import type { PublishingPort } from './publishing';
import type { TeamsPort } from './teams';
import type { NotificationsPort } from './notifications';
import type { ReportsPort } from './reports';
import type { UploadsPort } from './uploads';
import type { JobsPort } from './jobs';
import type { LotteryPort } from './lottery';
import type { ConductPort } from './conduct';
import type { FollowsPort } from './follows';
import type { ContestPort } from './contest';
import type { SharingPort } from './sharing';
import type { PrivacyPort } from './privacy';

export type { RosterPort } from './roster';
export type { EventFilter, EventPage, EventPageQuery, SignupFacts, SignupOutcome, SignupPoll, CancelOutcome, EventsPort } from './events';
export type { AccountsPort } from './accounts';
export type { CheckinPort } from './checkin';
export type { CreditsPort } from './credits';
export type { EditableEventFields, PublishingPort } from './publishing';
export type { TeamsPort } from './teams';
export type { NotificationsPort } from './notifications';
export type { DashboardAggregates, RegistrationExportRow, ReportsPort } from './reports';
export type { UploadSession, UploadsPort } from './uploads';
export type { JobRecord, JobsPort } from './jobs';
export type { FileStore, PutFile, StoredFile } from './files';
export type { DrawOutcome, LotteryPort } from './lottery';
export type { ConductPort } from './conduct';
export type { FollowsPort } from './follows';
export type { ContestPort } from './contest';
export type { SharingPort } from './sharing';
export type { PersonalRecords, PrivacyPort, StoredErasure } from './privacy';

export interface StoragePort
  extends RosterPort,
    EventsPort,
    AccountsPort,
    CheckinPort,
    CreditsPort,
    PublishingPort,
    TeamsPort,
    NotificationsPort,
    ReportsPort,
    UploadsPort,
    JobsPort,
    LotteryPort,
    ConductPort,
    FollowsPort,
    ContestPort,
    SharingPort,
    PrivacyPort {
  close(): Promise<void>;
}

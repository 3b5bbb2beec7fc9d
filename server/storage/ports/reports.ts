import type { Category } from '../../../types';
import type { AuditDraft, PlanSettings, RegistrationRecord, StudentRecord } from '../../../core';

export interface DashboardAggregates {
  /** Students on the roster (of the college, when filtered). */
  students: number;
  /** By category and Shanghai month (1–12) of the event's start, over events starting in [from, to). */
  byCategoryMonth: Array<{ category: Category; month: number; events: number; registrations: number; attendances: number }>;
  /** Distinct students with a confirmed registration of a social-practice event in range. */
  practiceStudents: number;
  byCollege: Array<{ college: string; students: number; registrations: number; attendances: number; practiceStudents: number }>;
  byBranch: Array<{ branch: string; college: string; students: number; registrations: number; attendances: number }>;
}

export interface RegistrationExportRow {
  registration: RegistrationRecord;
  student: StudentRecord;
  eventTitle: string;
  eventStartAt: string;
  checkedInAt: string | null;
  checkedOutAt: string | null;
}

/**
 * Reports: the dashboard's aggregates, the plan (targets as data) and the rows of exports.
 */
export interface ReportsPort {
  /** Aggregates for the dashboard in one pass per table; must answer in well under a second for 200,000 registrations. */
  dashboardAggregates(from: Date, to: Date, college: string | null): Promise<DashboardAggregates>;
  planSettings(): Promise<PlanSettings>;
  putPlanSettings(settings: PlanSettings, audit: AuditDraft): Promise<void>;
  listRegistrationsForExport(filter: { eventId?: string; college?: string; branch?: string }): Promise<RegistrationExportRow[]>;
}

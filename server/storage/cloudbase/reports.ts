import type { Category } from '../../../types';
import {
  DEFAULT_PLAN_ITEMS,
  DEFAULT_TARGETS,
  plainCopy,
  type AuditDraft,
  type PlanSettings,
  type RegistrationRecord,
  type StudentRecord,
} from '../../../core';
import type { DashboardAggregates, RegistrationExportRow, ReportsPort } from '../ports';
import {
  attendanceFromDoc,
  attendanceId,
  COLLECTIONS,
  eventFromDoc,
  PLAN_SETTINGS_ID,
  registrationFromDoc,
  studentFromDoc,
} from './documents';
import { compareText, inPool, readDoc, type CloudbaseKit } from './kit';

const { events: EVENTS, registrations: REGISTRATIONS, students: STUDENTS, attendance: ATTENDANCE, settings: SETTINGS } = COLLECTIONS;

/** Shanghai is UTC+8 all year (no daylight saving): the dashboard's months are Shanghai months. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Event statuses the dashboard counts: what students see (drafts are not events yet, cancelled ones did not happen). */
const COUNTED_EVENT_STATUSES = ['published', 'closed'];

/**
 * Reports on CloudBase: the dashboard from the server's aggregations (never a read of every registration), the plan
 * (`settings/plan`, targets as data) and the rows of exports. Queries and aggregations only, outside transactions.
 */
export class CloudbaseReports implements ReportsPort {
  constructor(private readonly kit: CloudbaseKit) {}

  /**
   * A handful of operations whatever the year holds (each aggregation answers `aggregatePageSize` groups a page):
   * 1. the events starting in [from, to), published or closed: a query, 1000 a page (a few thousand a year), each
   *    read as its category and start only (field projection);
   * 2. the roster grouped by college and branch (1 aggregation);
   * 3. confirmed registrations of those events (`eventId` in …) grouped by event (1), and joined to the roster
   *    (`lookup` students by `_id`, `unwind`) grouped by college and branch (1);
   * 4. the same two for attendance (checked in);
   * 5. the distinct students with a confirmed registration of a social-practice event in range: grouped by student,
   *    joined to the roster, grouped by college (1).
   * Each listing and aggregation takes one more request that finds its end (none when its first answer is empty), so
   * unfiltered that is 12 to 14 operations for a year of up to 1000 events. With a college, the per-event pipelines
   * join the roster too and every joined pipeline keeps that college's students only. The joins leave out students
   * missing from the roster (as SQL's join does); the unfiltered per-event counts do not join.
   */
  async dashboardAggregates(from: Date, to: Date, college: string | null): Promise<DashboardAggregates> {
    const _ = this.kit.command;
    const $ = this.kit.command.aggregate;
    const range = (_.gte(from.toISOString()) as { and(x: unknown): unknown }).and(_.lt(to.toISOString()));
    // Only what the figures need of each event (its category and month): whole events are ~1.4 KB each, so a page
    // of 1,000 was 1.4 MB, over the 1 MB one query may answer (-602001); projected, a page is ~90 KB.
    const eventDocs = await this.kit.fetchAll(
      this.kit.db.collection(EVENTS).where({ startAt: range, status: _.in(COUNTED_EVENT_STATUSES) }),
      [['startAt', 'asc']],
      { pageSize: 1000, fields: ['category', 'startAt'] },
    );
    const events = new Map(
      eventDocs.map((d) => [String(d._id), { category: d.category as Category, month: shanghaiMonth(d.startAt as string) }] as const),
    );
    const eventIds = [...events.keys()];
    const practiceIds = eventIds.filter((id) => events.get(id)!.category === 'practice');
    const onRoster = college === null ? {} : { 's.college': college };

    const rosterGroups = await this.kit.aggregateAll(STUDENTS, (p) =>
      (college === null ? p : p.match({ college })).group({ _id: { college: '$college', branch: '$branch' }, n: $.sum(1) }),
      ['_id.college', '_id.branch'],
    );

    // Per event: how many, over the roster (joined when a college is asked for).
    const perEvent = (collection: string, condition: Record<string, unknown>) =>
      eventIds.length
        ? this.kit.aggregateAll(
            collection,
            (p) => {
              let q = p.match({ ...condition, eventId: _.in(eventIds) });
              if (college !== null) {
                q = q.lookup({ from: STUDENTS, localField: 'studentNo', foreignField: '_id', as: 's' }).unwind('$s').match(onRoster);
              }
              return q.group({ _id: '$eventId', n: $.sum(1) });
            },
            ['_id'],
          )
        : Promise.resolve([]);
    const perBranch = (collection: string, condition: Record<string, unknown>) =>
      eventIds.length
        ? this.kit.aggregateAll(
            collection,
            (p) => {
              let q = p
                .match({ ...condition, eventId: _.in(eventIds) })
                .lookup({ from: STUDENTS, localField: 'studentNo', foreignField: '_id', as: 's' })
                .unwind('$s');
              if (college !== null) q = q.match(onRoster);
              return q.group({ _id: { college: '$s.college', branch: '$s.branch' }, n: $.sum(1) });
            },
            ['_id.college', '_id.branch'],
          )
        : Promise.resolve([]);
    const confirmed = { status: 'confirmed' };
    const checkedIn = { checkedInAt: _.neq(null) };
    const [regByEvent, regByBranch, attByEvent, attByBranch, practiceByCollege] = await Promise.all([
      perEvent(REGISTRATIONS, confirmed),
      perBranch(REGISTRATIONS, confirmed),
      perEvent(ATTENDANCE, checkedIn),
      perBranch(ATTENDANCE, checkedIn),
      practiceIds.length
        ? this.kit.aggregateAll(
            REGISTRATIONS,
            (p) => {
              let q = p
                .match({ status: 'confirmed', eventId: _.in(practiceIds) })
                .group({ _id: '$studentNo', n: $.sum(1) })
                .lookup({ from: STUDENTS, localField: '_id', foreignField: '_id', as: 's' })
                .unwind('$s');
              if (college !== null) q = q.match(onRoster);
              return q.group({ _id: '$s.college', n: $.sum(1) });
            },
            ['_id'],
          )
        : Promise.resolve([]),
    ]);

    // byCategoryMonth: every (category, month) that has an event in range.
    const cells = new Map<string, DashboardAggregates['byCategoryMonth'][number]>();
    const cellOf = (id: string) => {
      const { category, month } = events.get(id)!;
      const key = `${category}:${month}`;
      let cell = cells.get(key);
      if (!cell) cells.set(key, (cell = { category, month, events: 0, registrations: 0, attendances: 0 }));
      return cell;
    };
    for (const id of eventIds) cellOf(id).events++;
    for (const row of regByEvent) if (events.has(String(row._id))) cellOf(String(row._id)).registrations += Number(row.n);
    for (const row of attByEvent) if (events.has(String(row._id))) cellOf(String(row._id)).attendances += Number(row.n);
    const categoryOrder = (c: Category) => ['lecture', 'volunteer', 'practice', 'firstaid', 'theme'].indexOf(c);
    const byCategoryMonth = [...cells.values()].sort((a, b) => categoryOrder(a.category) - categoryOrder(b.category) || a.month - b.month);

    // By branch and college, over the roster.
    const branchKey = (id: unknown) => {
      const { college: c, branch } = (id ?? {}) as { college?: unknown; branch?: unknown };
      return { college: String(c ?? ''), branch: String(branch ?? '') };
    };
    const branches = new Map<string, DashboardAggregates['byBranch'][number]>();
    const branchOf = (c: string, b: string) => {
      const key = JSON.stringify([c, b]);
      let row = branches.get(key);
      if (!row) branches.set(key, (row = { branch: b, college: c, students: 0, registrations: 0, attendances: 0 }));
      return row;
    };
    for (const row of rosterGroups) {
      const k = branchKey(row._id);
      branchOf(k.college, k.branch).students += Number(row.n);
    }
    for (const row of regByBranch) {
      const k = branchKey(row._id);
      branchOf(k.college, k.branch).registrations += Number(row.n);
    }
    for (const row of attByBranch) {
      const k = branchKey(row._id);
      branchOf(k.college, k.branch).attendances += Number(row.n);
    }
    const colleges = new Map<string, DashboardAggregates['byCollege'][number]>();
    for (const b of branches.values()) {
      let c = colleges.get(b.college);
      if (!c) colleges.set(b.college, (c = { college: b.college, students: 0, registrations: 0, attendances: 0, practiceStudents: 0 }));
      c.students += b.students;
      c.registrations += b.registrations;
      c.attendances += b.attendances;
    }
    let practiceStudents = 0;
    for (const row of practiceByCollege) {
      const name = String(row._id ?? '');
      const n = Number(row.n);
      practiceStudents += n;
      let c = colleges.get(name);
      if (!c) colleges.set(name, (c = { college: name, students: 0, registrations: 0, attendances: 0, practiceStudents: 0 }));
      c.practiceStudents += n;
    }
    const byCollege = [...colleges.values()].sort((a, b) => compareText(a.college, b.college));
    const byBranch = [...branches.values()].sort((a, b) => compareText(a.college, b.college) || compareText(a.branch, b.branch));
    const students = byCollege.reduce((sum, c) => sum + c.students, 0);
    return { students, byCategoryMonth, practiceStudents, byCollege, byBranch };
  }

  /** One read; the plan's defaults until the committee saves its own. */
  async planSettings(): Promise<PlanSettings> {
    const doc = await readDoc(this.kit.db.collection(SETTINGS).doc(PLAN_SETTINGS_ID));
    // A copy the caller may change (plainCopy: the functions' Nodejs16.13 runtime has no structuredClone).
    const defaults: PlanSettings = plainCopy({ targets: DEFAULT_TARGETS, planItems: DEFAULT_PLAN_ITEMS });
    if (!doc) return defaults;
    return {
      targets: Array.isArray(doc.targets) ? (doc.targets as PlanSettings['targets']) : defaults.targets,
      planItems: Array.isArray(doc.planItems) ? (doc.planItems as PlanSettings['planItems']) : defaults.planItems,
    };
  }

  /** One transaction: replace `settings/plan` whole and add the audit entry (2 operations). */
  async putPlanSettings(settings: PlanSettings, audit: AuditDraft): Promise<void> {
    await this.kit.transact(async (t) => {
      await t.collection(SETTINGS).doc(PLAN_SETTINGS_ID).set({ data: { targets: settings.targets, planItems: settings.planItems } });
      await this.kit.addAudit(t, audit);
    });
  }

  // ---- exports ----

  /**
   * Registrations of every status, with student, event and attendance. For an event: its registrations
   * (query, 1,000 a page), then students, attendance by `_id` (100 per operation each). For a college or branch: its
   * students (query, 1,000 a page), their registrations (`studentNo` in 100 per query), the events and attendance by
   * `_id`; the queries and batches by id run `readConcurrency` (8) side by side, never one after another.
   * Ordered by event start, event, student number. Students missing from the roster are left out.
   */
  async listRegistrationsForExport(filter: { eventId?: string; college?: string; branch?: string }): Promise<RegistrationExportRow[]> {
    const _ = this.kit.command;
    const fromRoster = (s: StudentRecord) =>
      (filter.college === undefined || s.college === filter.college) && (filter.branch === undefined || s.branch === filter.branch);
    let registrations: RegistrationRecord[];
    let students: Map<string, StudentRecord>;
    if (filter.eventId !== undefined) {
      const query = this.kit.db.collection(REGISTRATIONS).where({ eventId: filter.eventId });
      registrations = (await this.kit.fetchAll(query, [], { pageSize: this.kit.bulkPageSize })).map(registrationFromDoc);
      const docs = await this.kit.fetchByIds(STUDENTS, [...new Set(registrations.map((r) => r.studentNo))]);
      students = new Map(docs.map(studentFromDoc).filter(fromRoster).map((s) => [s.studentNo, s] as const));
    } else {
      const condition: Record<string, unknown> = {};
      if (filter.college !== undefined) condition.college = filter.college;
      if (filter.branch !== undefined) condition.branch = filter.branch;
      const collection = this.kit.db.collection(STUDENTS);
      const roster = (
        await this.kit.fetchAll(Object.keys(condition).length ? collection.where(condition) : collection, [], { pageSize: this.kit.bulkPageSize })
      ).map(studentFromDoc);
      students = new Map(roster.map((s) => [s.studentNo, s] as const));
      // The registrations of 100 students a query, `readConcurrency` queries side by side (never one after another).
      const nos = [...students.keys()];
      const batches: string[][] = [];
      for (let i = 0; i < nos.length; i += this.kit.pageSize) batches.push(nos.slice(i, i + this.kit.pageSize));
      const found: RegistrationRecord[][] = [];
      await inPool(batches.map((batch, i) => ({ batch, i })), this.kit.readConcurrency, async ({ batch, i }) => {
        const query = this.kit.db.collection(REGISTRATIONS).where({ studentNo: _.in(batch) });
        found[i] = (await this.kit.fetchAll(query, [], { pageSize: this.kit.bulkPageSize })).map(registrationFromDoc);
      });
      registrations = found.flat();
    }
    registrations = registrations.filter((r) => students.has(r.studentNo));
    const [eventDocs, attendanceDocs] = await Promise.all([
      this.kit.fetchByIds(EVENTS, [...new Set(registrations.map((r) => r.eventId))]),
      this.kit.fetchByIds(ATTENDANCE, registrations.map((r) => attendanceId(r.eventId, r.studentNo))),
    ]);
    const events = new Map(eventDocs.map(eventFromDoc).map((e) => [e.id, e] as const));
    const attendance = new Map(attendanceDocs.map(attendanceFromDoc).map((a) => [attendanceId(a.eventId, a.studentNo), a] as const));
    const rows: RegistrationExportRow[] = [];
    for (const registration of registrations) {
      const event = events.get(registration.eventId);
      const student = students.get(registration.studentNo);
      if (!event || !student) continue;
      const a = attendance.get(registration.id);
      rows.push({
        registration,
        student,
        eventTitle: event.title,
        eventStartAt: event.startAt,
        checkedInAt: a?.checkedInAt ?? null,
        checkedOutAt: a?.checkedOutAt ?? null,
      });
    }
    rows.sort(
      (a, b) =>
        compareText(a.eventStartAt, b.eventStartAt) ||
        compareText(a.registration.eventId, b.registration.eventId) ||
        compareText(a.student.studentNo, b.student.studentNo),
    );
    return rows;
  }
}

/** Month (1–12) of an instant in Shanghai. */
function shanghaiMonth(iso: string): number {
  return new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS).getUTCMonth() + 1;
}

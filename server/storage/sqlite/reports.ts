import type Database from 'better-sqlite3';
import type { Category } from '../../../types';
import { DEFAULT_PLAN_ITEMS, DEFAULT_TARGETS, plainCopy, type PlanSettings } from '../../../core';
import type { DashboardAggregates, ReportsPort } from '../ports';
import type { SqliteKit } from './kit';
import { registrationFromRow, studentFromRow, type StudentRow } from './rows';

type Range = { from: string; to: string };
type Filtered = Range & { college: string };
type Row = DashboardAggregates['byCategoryMonth'][number];
type CollegeRow = DashboardAggregates['byCollege'][number];
type BranchRow = DashboardAggregates['byBranch'][number];

/**
 * Events that count: starting in [from, to), published or closed (a draft has not happened and a cancelled event will
 * not), with the Shanghai month of their start and their counters. Materialized: a couple of thousand rows, which
 * SQLite indexes by id on the fly for the joins below.
 */
const EVENTS_IN_RANGE = `ev AS MATERIALIZED (
  SELECT id, category, CAST(strftime('%m', start_at, '+8 hours') AS INTEGER) AS month,
         capacity - seats_left AS confirmed, checked_in_count
    FROM events
   WHERE start_at >= @from AND start_at < @to AND status IN ('published', 'closed'))`;

/**
 * The dashboard's aggregates, each table read at most once, and never a registration looked up by event (there is no
 * such index: a confirmed sign-up writes one B-tree, and stays that way).
 *
 * Whole school:
 *  - by category and month: the events' own counters (confirmed = capacity − seats left, checked in), kept exact by
 *    every sign-up, cancel and scan, so the 200,000 registrations need not be counted for it;
 *  - by college and branch: the registrations read through once in key order (student, event), each row's event
 *    looked up among the events in range, grouped per student as the scan goes (no sort), then per college and branch
 *    over the students; the same pass flags social practice (distinct students); attendance read by its key (event,
 *    student) from each event in range, grouped per student, then likewise.
 * One college: its students (a tenth of the roster) read their registrations by key prefix, and the attendance of the
 * events in range is joined to them, grouped by branch, category and month.
 *
 * Measured on 20,000 students, 2,000 events and 200,000 registrations: see docs/data-model.md.
 */
class SqliteDashboard {
  private readonly q;

  constructor(db: Database.Database) {
    this.q = {
      roster: db.prepare<[{ college: string | null }], { college: string; branch: string; n: number }>(
        `SELECT college, branch, count(*) AS n FROM students
          WHERE @college IS NULL OR college = @college
          GROUP BY college, branch`,
      ),
      counters: db.prepare<[Range], Row>(
        `WITH ${EVENTS_IN_RANGE}
         SELECT category, month, count(*) AS events, sum(confirmed) AS registrations, sum(checked_in_count) AS attendances
           FROM ev GROUP BY category, month`,
      ),
      registrationsByBranch: db.prepare<[Range], { college: string; branch: string; n: number; practice: number }>(
        `WITH ${EVENTS_IN_RANGE},
         per_student AS (
           SELECT r.student_no, count(*) AS n, max(ev.category = 'practice') AS practice
             FROM registrations r CROSS JOIN ev ON ev.id = r.event_id
            WHERE r.status = 'confirmed'
            GROUP BY r.student_no)
         SELECT s.college, s.branch, sum(p.n) AS n, sum(p.practice) AS practice
           FROM per_student p CROSS JOIN students s ON s.student_no = p.student_no
          GROUP BY s.college, s.branch`,
      ),
      attendancesByBranch: db.prepare<[Range], { college: string; branch: string; n: number }>(
        `WITH ${EVENTS_IN_RANGE},
         per_student AS (
           SELECT a.student_no, count(*) AS n
             FROM ev CROSS JOIN attendance a ON a.event_id = ev.id
            WHERE a.checked_in_at IS NOT NULL
            GROUP BY a.student_no)
         SELECT s.college, s.branch, sum(p.n) AS n
           FROM per_student p CROSS JOIN students s ON s.student_no = p.student_no
          GROUP BY s.college, s.branch`,
      ),
      collegeRegistrations: db.prepare<[Filtered], { branch: string; category: Category; month: number; n: number }>(
        `WITH ${EVENTS_IN_RANGE}
         SELECT s.branch, ev.category, ev.month, count(*) AS n
           FROM students s
          CROSS JOIN registrations r ON r.student_no = s.student_no
          CROSS JOIN ev ON ev.id = r.event_id
          WHERE s.college = @college AND r.status = 'confirmed'
          GROUP BY s.branch, ev.category, ev.month`,
      ),
      collegePractice: db.prepare<[Filtered], number>(
        `WITH ${EVENTS_IN_RANGE}
         SELECT count(DISTINCT r.student_no)
           FROM students s
          CROSS JOIN registrations r ON r.student_no = s.student_no
          CROSS JOIN ev ON ev.id = r.event_id
          WHERE s.college = @college AND r.status = 'confirmed' AND ev.category = 'practice'`,
      ).pluck(),
      collegeAttendances: db.prepare<[Filtered], { branch: string; category: Category; month: number; n: number }>(
        `WITH ${EVENTS_IN_RANGE}
         SELECT s.branch, ev.category, ev.month, count(*) AS n
           FROM ev
          CROSS JOIN attendance a ON a.event_id = ev.id
          CROSS JOIN students s ON s.student_no = a.student_no
          WHERE a.checked_in_at IS NOT NULL AND s.college = @college
          GROUP BY s.branch, ev.category, ev.month`,
      ),
    };
  }

  aggregates(from: Date, to: Date, college: string | null): DashboardAggregates {
    const range: Range = { from: from.toISOString(), to: to.toISOString() };
    const colleges = new Map<string, CollegeRow>();
    const branches = new Map<string, BranchRow>();
    const branchKey = (c: string, b: string) => `${c}\u0000${b}`;
    let students = 0;
    for (const r of this.q.roster.all({ college })) {
      students += r.n;
      const c = colleges.get(r.college) ?? { college: r.college, students: 0, registrations: 0, attendances: 0, practiceStudents: 0 };
      c.students += r.n;
      colleges.set(r.college, c);
      branches.set(branchKey(r.college, r.branch), { branch: r.branch, college: r.college, students: r.n, registrations: 0, attendances: 0 });
    }
    const months = this.q.counters.all(range);
    let practiceStudents = 0;
    if (college === null) {
      for (const r of this.q.registrationsByBranch.all(range)) {
        branches.get(branchKey(r.college, r.branch))!.registrations += r.n;
        const c = colleges.get(r.college)!;
        c.registrations += r.n;
        c.practiceStudents += r.practice;
        practiceStudents += r.practice;
      }
      for (const r of this.q.attendancesByBranch.all(range)) {
        branches.get(branchKey(r.college, r.branch))!.attendances += r.n;
        colleges.get(r.college)!.attendances += r.n;
      }
    } else {
      // Every event in range still counts; its registrations and attendances are this college's students' only.
      const cells = new Map(months.map((m) => [`${m.category}:${m.month}`, { ...m, registrations: 0, attendances: 0 }]));
      const add = (rows: Array<{ branch: string; category: Category; month: number; n: number }>, field: 'registrations' | 'attendances') => {
        for (const r of rows) {
          cells.get(`${r.category}:${r.month}`)![field] += r.n;
          branches.get(branchKey(college, r.branch))![field] += r.n;
          colleges.get(college)![field] += r.n;
        }
      };
      const filtered: Filtered = { ...range, college };
      add(this.q.collegeRegistrations.all(filtered), 'registrations');
      add(this.q.collegeAttendances.all(filtered), 'attendances');
      practiceStudents = this.q.collegePractice.get(filtered) ?? 0;
      const c = colleges.get(college);
      if (c) c.practiceStudents = practiceStudents;
      months.splice(0, months.length, ...cells.values());
    }
    return {
      students,
      byCategoryMonth: months.sort((a, b) => a.month - b.month || a.category.localeCompare(b.category)),
      practiceStudents,
      byCollege: [...colleges.values()].sort((a, b) => a.college.localeCompare(b.college)),
      byBranch: [...branches.values()].sort((a, b) => a.college.localeCompare(b.college) || a.branch.localeCompare(b.branch)),
    };
  }
}

type ExportRow = StudentRow & {
  event_id: string; status: string; waitlist_seq: number | null; pass_seq: number; created_at: string; updated_at: string;
  event_title: string; event_start_at: string; checked_in_at: string | null; checked_out_at: string | null;
};

/** Reports on SQLite: the dashboard's aggregates (above), the plan (targets as data) and the rows of exports. */
export function sqliteReports(kit: SqliteKit): ReportsPort {
  const { db } = kit;
  const dashboard = new SqliteDashboard(db);
  const q = {
    plan: db.prepare<[], string>('SELECT settings FROM plan_settings WHERE id = 1').pluck(),
    putPlan: db.prepare<[string, string]>(
      `INSERT INTO plan_settings (id, settings, updated_at) VALUES (1, ?, ?)
       ON CONFLICT (id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at`,
    ),
    export: db.prepare<[{ eventId: string | null; college: string | null; branch: string | null }], ExportRow>(
      `SELECT s.*, r.event_id, r.status, r.waitlist_seq, r.pass_seq, r.created_at, r.updated_at,
              e.title AS event_title, e.start_at AS event_start_at, a.checked_in_at, a.checked_out_at
         FROM registrations r
         JOIN students s ON s.student_no = r.student_no
         JOIN events e ON e.id = r.event_id
         LEFT JOIN attendance a ON a.event_id = r.event_id AND a.student_no = r.student_no
        WHERE (@eventId IS NULL OR r.event_id = @eventId)
          AND (@college IS NULL OR s.college = @college)
          AND (@branch IS NULL OR s.branch = @branch)
        ORDER BY e.start_at, r.event_id, r.student_no`,
    ),
  };

  return {
    async dashboardAggregates(from, to, college) {
      return dashboard.aggregates(from, to, college);
    },

    /** The stored plan, or a copy of the defaults: a caller that edits what it got changes nothing. */
    async planSettings() {
      const stored = q.plan.get();
      if (stored !== undefined) return JSON.parse(stored) as PlanSettings;
      return plainCopy({ targets: DEFAULT_TARGETS, planItems: DEFAULT_PLAN_ITEMS });
    },

    putPlanSettings(settings, audit) {
      return kit.run(() => {
        q.putPlan.run(JSON.stringify(settings), audit.at);
        kit.audit(audit);
      });
    },

    /** Registrations of every status, by the event's start, the event and the student number. */
    async listRegistrationsForExport(filter) {
      const rows = q.export.all({ eventId: filter.eventId ?? null, college: filter.college ?? null, branch: filter.branch ?? null });
      return rows.map((r) => ({
        registration: registrationFromRow(r),
        student: studentFromRow(r),
        eventTitle: r.event_title,
        eventStartAt: r.event_start_at,
        checkedInAt: r.checked_in_at,
        checkedOutAt: r.checked_out_at,
      }));
    },
  };
}

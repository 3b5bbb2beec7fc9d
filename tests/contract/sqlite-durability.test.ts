import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { buildSync } from 'esbuild';
import { migrate } from '../../server/storage/sqlite/migrate';
import { migrations } from '../../server/storage/sqlite/migrations';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import type { ChildJob, ChildReport } from './helpers/sqlite-child';
import { defaultCreditRule, type EventRecord } from '../../core';
import { makeEvent, makeStudents, NOW, studentNo } from '../support/factories';

/** SQLite only: what survives closing, a killed process, re-opening, and a second process on the same file. */
const root = resolve(__dirname, '../..');
let dir: string;
let childScript: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sqlite-durability-'));
  childScript = join(dir, 'sqlite-child.js');
  buildSync({
    entryPoints: [join(__dirname, 'helpers/sqlite-child.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['better-sqlite3'],
    outfile: childScript,
    logLevel: 'warning',
  });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
const freshFile = () => join(dir, `db-${++n}.sqlite`);

async function seeded(file: string, students: number, capacity: number): Promise<void> {
  const storage = new SqliteStorage({ file });
  await storage.putStudents(makeStudents(students));
  await storage.putEvents([makeEvent({ capacity })]);
  await storage.close();
}

interface Child {
  ready: Promise<void>;
  go(startAt: number): void;
  done: Promise<{ report: ChildReport; signal: NodeJS.Signals | null; code: number | null }>;
}

function startChild(job: ChildJob): Child {
  const child = fork(childScript, [JSON.stringify(job)], {
    cwd: root,
    execArgv: [],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, NODE_PATH: join(root, 'node_modules') },
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const ready = new Promise<void>((res) => child.once('message', () => res()));
  const done = new Promise<{ report: ChildReport; signal: NodeJS.Signals | null; code: number | null }>((res, rej) =>
    child.once('exit', (code, signal) => {
      const line = out.trim().split('\n').pop();
      if (!line) return rej(new Error(`child gave no report (code ${code}, signal ${signal}): ${err}`));
      res({ report: JSON.parse(line) as ChildReport, signal, code });
    }),
  );
  return { ready, go: (startAt: number) => child.send({ startAt }), done };
}

describe('sqlite durability', () => {
  jest.setTimeout(60_000);

  it('keeps students, events and registrations across close and re-open', async () => {
    const file = freshFile();
    await seeded(file, 5, 2);
    const first = new SqliteStorage({ file });
    for (const i of [1, 2, 3]) await first.signUp('ev-lecture', studentNo(i), NOW);
    await first.cancel('ev-lecture', studentNo(1), NOW);
    await first.close();

    const again = new SqliteStorage({ file });
    expect(await again.findStudentByNo(studentNo(4))).toEqual(makeStudents(5)[3]);
    expect(await again.getEvent('ev-lecture')).toMatchObject({ seatsLeft: 0, waitlistCount: 0, waitlistSeq: 1 });
    expect((await again.getRegistration('ev-lecture', studentNo(1)))?.status).toBe('cancelled');
    expect((await again.getRegistration('ev-lecture', studentNo(3)))?.status).toBe('confirmed');
    await again.close();
  });

  it('loses nothing it answered when the process is killed with SIGKILL right after', async () => {
    const file = freshFile();
    await seeded(file, 40, 25);
    const students = makeStudents(40).map((s) => s.studentNo);
    const child = startChild({ file, eventId: 'ev-lecture', students, now: NOW.toISOString(), round: 8, killAfter: true });
    const { report, signal } = await child.done;
    expect(signal).toBe('SIGKILL');
    expect(report.filter((r) => r.status)).toHaveLength(40);

    const after = new SqliteStorage({ file });
    for (const r of report) expect((await after.getRegistration('ev-lecture', r.studentNo))?.status).toBe(r.status);
    expect(await after.getEvent('ev-lecture')).toMatchObject({ seatsLeft: 0, waitlistCount: 15 });
    await after.close();
  });

  it('records applied migrations in schema_migrations and does not apply them again on re-open', async () => {
    const file = freshFile();
    const first = new SqliteStorage({ file });
    const recorded = first.db.prepare('SELECT version, applied_at FROM schema_migrations ORDER BY version').all();
    expect(recorded.map((r) => (r as { version: number }).version)).toEqual(migrations.map((m) => m.version));
    await first.close();

    const again = new SqliteStorage({ file });
    expect(again.db.prepare('SELECT version, applied_at FROM schema_migrations ORDER BY version').all()).toEqual(recorded);
    expect(migrate(again.db)).toEqual([]);
    await again.close();
  });

  it('gives events and registrations made before migration 004 the default check-in settings, keeping their data', async () => {
    const file = freshFile();
    // A database as it was before check-in: migrations 1–3 only, an event of each kind and a registration.
    const old = new Database(file);
    old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    for (const m of migrations.filter((m) => m.version < 4)) {
      old.exec(m.sql);
      old.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(m.version, NOW.toISOString());
    }
    const lecture = makeEvent({ id: 'ev-old-lecture', capacity: 5, seatsLeft: 4 });
    const volunteer = makeEvent({ id: 'ev-old-volunteer', category: 'volunteer', capacity: 5 });
    const insertEvent = old.prepare(
      `INSERT INTO events (id, title, category, tag, organizer, location, description, start_at, end_at, signup_start_at,
         signup_end_at, cancel_deadline_at, capacity, waitlist_enabled, credits, status, seats_left, waitlist_count, waitlist_seq)
       VALUES (@id, @title, @category, @tag, @organizer, @location, @description, @startAt, @endAt, @signupStartAt,
         @signupEndAt, @cancelDeadlineAt, @capacity, @waitlistEnabled, @credits, @status, @seatsLeft, @waitlistCount, @waitlistSeq)`,
    );
    for (const e of [lecture, volunteer]) insertEvent.run({ ...e, waitlistEnabled: e.waitlistEnabled ? 1 : 0 });
    const one = makeStudents(1)[0];
    old.prepare(
      `INSERT INTO students (student_no, openid, name, college, class_name, branch, grade, is_league_member)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(one.studentNo, one.openid, one.name, one.college, one.className, one.branch, one.grade, one.isLeagueMember ? 1 : 0);
    old.prepare(
      `INSERT INTO registrations (event_id, student_no, status, waitlist_seq, created_at, updated_at)
       VALUES ('ev-old-lecture', ?, 'confirmed', NULL, ?, ?)`,
    ).run(one.studentNo, NOW.toISOString(), NOW.toISOString());
    old.close();

    const storage = new SqliteStorage({ file });
    // makeEvent's check-in fields are defaultCheckinSettings of the event's times and category, hosted by the committee;
    // migration 006 gives no details and takes the opening of sign-up as the last change.
    const before006 = (e: EventRecord): EventRecord => ({ ...e, details: null, updatedAt: e.signupStartAt });
    expect(await storage.getEvent('ev-old-lecture')).toEqual(before006(lecture));
    expect(await storage.getEvent('ev-old-volunteer')).toEqual(before006(volunteer));
    expect((await storage.getEvent('ev-old-volunteer'))?.checkoutRequired).toBe(true);
    expect(await storage.getRegistration('ev-old-lecture', one.studentNo)).toMatchObject({ status: 'confirmed', passSeq: 0 });
    expect(await storage.attendanceCounts('ev-old-lecture')).toEqual({ registered: 1, checkedIn: 0, checkedOut: 0 });
    await storage.close();
  });

  it('gives events made before migration 005 the credit rule of defaultCreditRule (category, promised credits)', async () => {
    const file = freshFile();
    const old = new Database(file);
    old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    for (const m of migrations.filter((m) => m.version < 5)) {
      old.exec(m.sql);
      old.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(m.version, NOW.toISOString());
    }
    const kinds = [
      ['lecture', 0.5], ['theme', 1], ['volunteer', 2.25], ['practice', 0.29], ['firstaid', 1.5], ['lecture', 0], ['other', 0.1],
    ] as const;
    const insertEvent = old.prepare(
      `INSERT INTO events (id, title, category, tag, organizer, location, description, start_at, end_at, signup_start_at,
         signup_end_at, cancel_deadline_at, capacity, waitlist_enabled, credits, status, seats_left, waitlist_count, waitlist_seq)
       VALUES (@id, @title, @category, @tag, @organizer, @location, @description, @startAt, @endAt, @signupStartAt,
         @signupEndAt, @cancelDeadlineAt, @capacity, 1, @credits, @status, @seatsLeft, @waitlistCount, @waitlistSeq)`,
    );
    kinds.forEach(([category, credits], k) => {
      const { creditRule: _rule, waitlistEnabled: _w, geofence: _g, staffOpenids: _s, ...e } = makeEvent({ id: `ev-${k}`, credits });
      insertEvent.run({ ...e, category });
    });
    old.close();

    const storage = new SqliteStorage({ file });
    for (const [k, [category, credits]] of kinds.entries()) {
      expect((await storage.getEvent(`ev-${k}`))?.creditRule).toEqual(defaultCreditRule(category, credits));
    }
    await storage.close();
  });

  it('rebuilds events and registrations in migration 006 keeping every row, reference and index, with the new defaults', async () => {
    const file = freshFile();
    const old = new Database(file);
    old.pragma('foreign_keys = ON');
    old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    for (const m of migrations.filter((m) => m.version < 6)) {
      old.exec(m.sql);
      old.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(m.version, NOW.toISOString());
    }
    const [a, b] = makeStudents(2);
    const insertStudent = old.prepare(
      `INSERT INTO students (student_no, openid, name, college, class_name, branch, grade, is_league_member)
       VALUES (@studentNo, @openid, @name, @college, @className, @branch, @grade, 1)`,
    );
    for (const s of [a, b]) insertStudent.run({ ...s });
    const event = makeEvent({ id: 'ev-5', capacity: 1, seatsLeft: 0, waitlistCount: 1, waitlistSeq: 1, status: 'cancelled' });
    old.prepare(
      `INSERT INTO events (id, title, category, tag, organizer, location, description, start_at, end_at, signup_start_at,
         signup_end_at, cancel_deadline_at, capacity, waitlist_enabled, credits, status, seats_left, waitlist_count,
         waitlist_seq, checkin_start_at, checkin_end_at, checkout_end_at, credit_rule)
       VALUES (@id, @title, @category, @tag, @organizer, @location, @description, @startAt, @endAt, @signupStartAt,
         @signupEndAt, @cancelDeadlineAt, @capacity, 1, @credits, @status, @seatsLeft, @waitlistCount, @waitlistSeq,
         @checkinStartAt, @checkinEndAt, @checkoutEndAt, @creditRule)`,
    ).run({ ...event, creditRule: JSON.stringify(event.creditRule) });
    const reg = old.prepare(
      `INSERT INTO registrations (event_id, student_no, status, waitlist_seq, created_at, updated_at, pass_seq) VALUES ('ev-5', ?, ?, ?, ?, ?, ?)`,
    );
    reg.run(a.studentNo, 'confirmed', null, NOW.toISOString(), NOW.toISOString(), 2);
    reg.run(b.studentNo, 'waitlisted', 1, NOW.toISOString(), NOW.toISOString(), 0);
    old.prepare(
      `INSERT INTO attendance (event_id, student_no, walk_in, checked_in_at, checked_in_by, checkin_method, updated_at)
       VALUES ('ev-5', ?, 0, ?, 'openid-officer', 'manual', ?)`,
    ).run(a.studentNo, NOW.toISOString(), NOW.toISOString());
    old.prepare(
      `INSERT INTO appeals (id, event_id, student_no, note, status, created_at) VALUES ('ev-5:' || ?, 'ev-5', ?, '在场', 'pending', ?)`,
    ).run(b.studentNo, b.studentNo, NOW.toISOString());
    old.close();

    const storage = new SqliteStorage({ file });
    expect(await storage.getEvent('ev-5')).toEqual({
      ...event, details: null, updatedAt: event.signupStartAt, audience: { colleges: [], grades: [], leagueMembersOnly: false },
      approvalRequired: false, createdBy: 'system', cancelReason: null, coverFileId: null,
    });
    expect(await storage.getRegistration('ev-5', a.studentNo)).toMatchObject({ status: 'confirmed', passSeq: 2, waitlistSeq: null });
    expect(await storage.listWaitlist('ev-5')).toMatchObject([{ studentNo: b.studentNo, waitlistSeq: 1 }]);
    expect(await storage.getAttendance('ev-5', a.studentNo)).toMatchObject({ checkinMethod: 'manual' });
    expect(await storage.getAppeal(`ev-5:${b.studentNo}`)).toMatchObject({ status: 'pending' });
    const db = storage.db;
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const indexes = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all();
    expect(indexes).toEqual(expect.arrayContaining(['events_by_start', 'registrations_line', 'registrations_ticket']));
    // The references to events still hold: an attendance row of an unknown event is refused, a draft and a pending
    // application are accepted.
    expect(() =>
      db.prepare("INSERT INTO attendance (event_id, student_no, walk_in, updated_at) VALUES ('nope', ?, 0, 'x')").run(a.studentNo),
    ).toThrow(/FOREIGN KEY/);
    await storage.putEvents([makeEvent({ id: 'ev-draft', status: 'draft', approvalRequired: true, capacity: 2 })]);
    await expect(storage.signUp('ev-draft', a.studentNo, NOW)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await storage.putEvents([makeEvent({ id: 'ev-apply', approvalRequired: true, capacity: 2 })]);
    expect((await storage.signUp('ev-apply', a.studentNo, NOW)).registration.status).toBe('pending');
    await storage.close();
  });

  it('gives two processes signing up 100 students each for 50 seats exactly 50 seats and a gapless waitlist', async () => {
    const file = freshFile();
    await seeded(file, 200, 50);
    const all = makeStudents(200).map((s) => s.studentNo);
    const job = (students: string[]): ChildJob => ({
      file, eventId: 'ev-lecture', students, now: NOW.toISOString(), round: 5, pauseMs: 5, waitForGo: true,
    });
    // Interleaved halves, so both processes compete for the first seats.
    const a = startChild(job(all.filter((_, i) => i % 2 === 0)));
    const b = startChild(job(all.filter((_, i) => i % 2 === 1)));
    await Promise.all([a.ready, b.ready]);
    const startAt = Date.now() + 50;
    a.go(startAt);
    b.go(startAt);
    const done = await Promise.all([a.done, b.done]);
    // Both started at one instant and paused between rounds, so both got seats: the writes really interleaved.
    for (const d of done) expect(d.report.some((r) => r.status === 'confirmed')).toBe(true);
    const reports = done.flatMap((d) => d.report);
    expect(reports.filter((r) => r.error)).toEqual([]);
    expect(reports.filter((r) => r.status === 'confirmed')).toHaveLength(50);
    expect(reports.filter((r) => r.status === 'waitlisted')).toHaveLength(150);

    const storage = new SqliteStorage({ file });
    expect(await storage.getEvent('ev-lecture')).toMatchObject({ seatsLeft: 0, waitlistCount: 150, waitlistSeq: 150 });
    const line = await storage.listWaitlist('ev-lecture');
    expect(line.map((r) => r.waitlistSeq)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    const places = await Promise.all(line.map((r) => storage.waitlistPosition(r)));
    expect(places).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    let confirmed = 0;
    for (const no of all) if ((await storage.getRegistration('ev-lecture', no))?.status === 'confirmed') confirmed++;
    expect(confirmed).toBe(50);
    await storage.close();
  });
});

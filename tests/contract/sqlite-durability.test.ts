import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { migrate } from '../../server/storage/sqlite/migrate';
import { migrations } from '../../server/storage/sqlite/migrations';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import type { ChildJob, ChildReport } from './helpers/sqlite-child';
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

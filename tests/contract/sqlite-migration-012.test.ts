import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrations } from '../../server/storage/sqlite/migrations';
import { eventToRow, studentToRow } from '../../server/storage/sqlite/rows';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { NOW, makeEvent, makeStudent, studentNo } from '../support/factories';

/**
 * Migration 012 on a database in use (a local server upgraded in place): registrations, the outbox and consents are
 * rebuilt to accept the new statuses and kinds, keeping every row (pass numbers, places in line); events before it are
 * first come, first served; the new statuses are accepted afterwards.
 */
it('keeps every registration, message and consent through the rebuild, and makes older events first come', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'migration-012-'));
  const file = join(dir, 'old.db');
  try {
    const old = new Database(file);
    old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    for (const m of migrations.filter((x) => x.version <= 11)) {
      old.exec(m.sql);
      old.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(m.version, NOW.toISOString());
    }
    // Rows as version 11 knew them: only the columns its tables have.
    const insert = (table: string, row: Record<string, unknown>) => {
      const known = (old.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name).filter((c) => c in row);
      const values = Object.fromEntries(known.map((c) => [c, row[c]]));
      old.prepare(`INSERT INTO ${table} (${known.join(', ')}) VALUES (${known.map((c) => `@${c}`).join(', ')})`).run(values);
    };
    for (const i of [1, 2]) insert('students', studentToRow(makeStudent(i)) as unknown as Record<string, unknown>);
    insert('events', eventToRow(makeEvent({ id: 'ev-old', capacity: 1, seatsLeft: 0, waitlistCount: 1, waitlistSeq: 1 })) as unknown as Record<string, unknown>);
    const stamp = NOW.toISOString();
    insert('registrations', { event_id: 'ev-old', student_no: studentNo(1), status: 'confirmed', waitlist_seq: null, created_at: stamp, updated_at: stamp, pass_seq: 2 });
    insert('registrations', { event_id: 'ev-old', student_no: studentNo(2), status: 'waitlisted', waitlist_seq: 1, created_at: stamp, updated_at: stamp, pass_seq: 0 });
    insert('outbox', { key: `event_reminder:ev-old:${studentNo(1)}`, kind: 'event_reminder', student_no: studentNo(1), event_id: 'ev-old', data: '{}', status: 'pending', attempts: 0, next_attempt_at: stamp, last_error: null, created_at: stamp, sent_at: null, deadline_at: stamp });
    insert('consents', { student_no: studentNo(1), kind: 'event_reminder', remaining: 2 });
    old.close();

    const storage = new SqliteStorage({ file, synchronous: 'NORMAL' });
    expect(await storage.getEvent('ev-old')).toMatchObject({ signupMode: 'first_come', lottery: null, lotteryPriority: [] });
    expect(await storage.getRegistration('ev-old', studentNo(1))).toMatchObject({ status: 'confirmed', passSeq: 2 });
    const waiting = await storage.getRegistration('ev-old', studentNo(2));
    expect(await storage.waitlistPosition(waiting!)).toBe(1);
    expect(await storage.consents(studentNo(1))).toMatchObject({ event_reminder: 2, new_event: 0 });
    // The new kinds are accepted now.
    expect(await storage.addConsent(studentNo(1), 'new_event', 1)).toBe(1);
    // A cancel still promotes the one in line (the rebuilt table kept its indexes).
    expect((await storage.cancel('ev-old', studentNo(1), NOW)).promoted?.studentNo).toBe(studentNo(2));
    await storage.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * The platform's limits where the tests can see them: the `api` function's door (server/dispatch/limits.ts) refuses
 * a request over 100 KB and answers RESULT_TOO_LARGE instead of a result over 1 MB; the per-call harness
 * (tests/support/cloudbase-backend/measure.ts) measures one call on the real SDK at 20 ms a request and fails a call
 * that CloudBase would fail — past the 20 s timeout, over 1 MB of result, over 100 KB of request — naming the action.
 */
import { currentBlockRule } from '../../server/features/conduct/block-rule';
import {
  CALL_PAYLOAD_LIMIT_BYTES,
  CALL_RESULT_LIMIT_BYTES,
  dispatchWithinLimits,
  jsonBytes,
  payloadRefusal,
  resultRefusal,
} from '../../server/dispatch/limits';
import { ATTENDANCE_PER_PAGE, ERROR_CODES, type ActionOutput, type AttendanceRow } from '../../types';
import { eventToDoc } from '../../server/storage/cloudbase/documents';
import { CallLimitError, measureCall, measuredCloudbase, type MeasuredCloudbase } from '../support/cloudbase-backend/measure';
import { makeEvent, makeStudents, NOW } from '../support/factories';
import { seedCrowdedEvent } from '../support/crowded-event';

const wechat = (n: number) => ({ kind: 'wechat' as const, openid: `openid-${n}` });

/** An officer's offline batch as the scanning phone uploads it: `n` scans of member codes (~370 characters each). */
function offlineBatch(n: number) {
  const code = `Y1.${'p'.repeat(240)}.${'s'.repeat(120)}`;
  return {
    action: 'recordScans',
    payload: {
      eventId: 'ev',
      scans: Array.from({ length: n }, (_, i) => ({
        scanId: `scan-offline-${String(i).padStart(4, '0')}`,
        code,
        purpose: 'in',
        scannedAt: NOW.toISOString(),
        offline: true,
      })),
    },
  };
}

/** An all-school assembly: the attendance of a 5,000-member event (~1.25 MB as one list). */
function seedAssembly(world: MeasuredCloudbase) {
  seedCrowdedEvent(world.backend, { eventId: 'ev-assembly', members: 5000, staffOpenid: 'openid-staff' });
}

/**
 * A result CloudBase would not deliver, for the door's tests: one page of the attendance of 1,000 members each named
 * with 500 characters (written straight into the store; a roster allows far less) — ~1.4 MB for 800 rows.
 */
function seedHeavyList(world: MeasuredCloudbase) {
  seedCrowdedEvent(world.backend, { eventId: 'ev-heavy', members: 1000, staffOpenid: 'openid-staff', nameChars: 500 });
}
const heavyAttendance = { action: 'getEventAttendance', payload: { eventId: 'ev-heavy' } };

describe('the door: sizes as CloudBase limits them', () => {
  it('lets a request of exactly 100 KB through and refuses one byte more, in Chinese, naming the size', () => {
    expect(CALL_PAYLOAD_LIMIT_BYTES).toBe(100 * 1024);
    expect(payloadRefusal(CALL_PAYLOAD_LIMIT_BYTES)).toBeNull();
    const refusal = payloadRefusal(CALL_PAYLOAD_LIMIT_BYTES + 1);
    expect(refusal).toMatchObject({ ok: false, code: 'PAYLOAD_TOO_LARGE' });
    expect(refusal?.message).toContain('101 KB');
    expect(refusal?.message).toMatch(/分批/);
  });

  it('lets a result of exactly 1 MB through and replaces one byte more by RESULT_TOO_LARGE, in Chinese', () => {
    expect(CALL_RESULT_LIMIT_BYTES).toBe(1024 * 1024);
    expect(resultRefusal(CALL_RESULT_LIMIT_BYTES)).toBeNull();
    expect(resultRefusal(CALL_RESULT_LIMIT_BYTES + 1)).toMatchObject({ ok: false, code: 'RESULT_TOO_LARGE' });
    expect(resultRefusal(3 * 1024 * 1024)?.message).toContain('3.0 MB');
    // Both codes have a status and a sentence for people, like every other.
    expect(ERROR_CODES.PAYLOAD_TOO_LARGE).toMatchObject({ status: 413 });
    expect(ERROR_CODES.RESULT_TOO_LARGE.message).toMatch(/1 MB/);
  });

  it('refuses an offline batch of 500 scans (the schema allows 500; CloudBase takes 100 KB) before any handler runs', async () => {
    const world = measuredCloudbase({ now: () => NOW });
    const batch = offlineBatch(500);
    expect(jsonBytes(batch)).toBeGreaterThan(CALL_PAYLOAD_LIMIT_BYTES);
    const m = await measureCall(world, batch, world.context(wechat(1)), { enforce: false });
    expect(m).toMatchObject({ ok: false, code: 'PAYLOAD_TOO_LARGE', refused: 'payload', ops: 0, requests: 0, simulatedMs: 0 });
    // What fits: about 200 scans a call.
    expect(jsonBytes(offlineBatch(200))).toBeLessThanOrEqual(CALL_PAYLOAD_LIMIT_BYTES);
  });

  it('answers RESULT_TOO_LARGE (and logs it) instead of a result over 1 MB: a page of attendance with names far over what a roster allows', async () => {
    const world = measuredCloudbase({ latencyMs: 0, now: () => NOW });
    seedHeavyList(world);
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const door = await dispatchWithinLimits(heavyAttendance, world.context({ kind: 'wechat', openid: 'openid-staff' }));
      expect(door.refused).toBe('result');
      expect(door.resultBytes).toBeGreaterThan(CALL_RESULT_LIMIT_BYTES);
      expect(door.result).toMatchObject({ ok: false, code: 'RESULT_TOO_LARGE' });
      expect(jsonBytes(door.result)).toBeLessThan(1024);
      expect(errors).toHaveBeenCalledWith(expect.stringMatching(/^\[getEventAttendance\] result of \d+ bytes is over the 1048576 bytes/));
    } finally {
      errors.mockRestore();
    }
  }, 60_000);

  it('delivers the attendance of a 5,000-member event a page a call, each within 1 MB, every member exactly once — also when people check in between pages', async () => {
    const world = measuredCloudbase({ now: () => NOW });
    seedAssembly(world);
    const staff = world.context({ kind: 'wechat', openid: 'openid-staff' });
    const pages: Array<ActionOutput<'getEventAttendance'>> = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const m = await measureCall(world, { action: 'getEventAttendance', payload: { eventId: 'ev-assembly', ...(cursor ? { cursor } : {}) } }, staff);
      const page = (m.result as { ok: true; data: ActionOutput<'getEventAttendance'> }).data;
      pages.push(page);
      sizes.push(m.resultBytes);
      cursor = page.next;
      if (pages.length === 2) {
        // The door is busy between two pages: a member of a page already answered and one of a page not yet read check in.
        for (const studentNo of [pages[0].rows[0].studentNo, makeStudents(5000, 1001)[3 * ATTENDANCE_PER_PAGE].studentNo]) {
          const done = await measureCall(world, { action: 'correctAttendance', payload: { eventId: 'ev-assembly', studentNo, op: 'check_in', reason: '手机没电，人工核对' } }, staff);
          expect(done).toMatchObject({ ok: true });
        }
      }
    } while (cursor && pages.length < 20);
    expect(pages).toHaveLength(Math.ceil(5000 / ATTENDANCE_PER_PAGE));
    expect(cursor).toBeNull();
    expect(Math.max(...sizes)).toBeLessThan(CALL_RESULT_LIMIT_BYTES / 2);
    const studentNos = pages.flatMap((p) => p.rows.map((r) => r.studentNo));
    expect(studentNos).toHaveLength(5000);
    expect(new Set(studentNos).size).toBe(5000);
    expect(studentNos).toEqual([...studentNos].sort());
    // Counts are the server's, whole on every page: the later pages already count the two check-ins.
    expect(pages[0].counts).toMatchObject({ registered: 5000, checkedIn: 0 });
    expect(pages[pages.length - 1].counts).toMatchObject({ registered: 5000, checkedIn: 2 });
    expect(pages.every((p) => p.staff.length === 1 && p.event.id === 'ev-assembly')).toBe(true);
    const arrived = pages.slice(2).flatMap((p) => p.rows).filter((r) => r.state === 'in');
    expect(arrived).toHaveLength(1);
  }, 120_000);

  it('keeps a page of the heaviest rows the forms allow well under 1 MB', () => {
    // Every text at its longest: a 20-character 学号, a 30-character name, 64-character class and branch, all times set.
    const heaviest: AttendanceRow = {
      studentNo: '2'.repeat(20),
      name: '名'.repeat(30),
      className: '班'.repeat(64),
      branch: '支'.repeat(64),
      registration: 'confirmed',
      walkIn: false,
      state: 'out',
      checkedInAt: NOW.toISOString(),
      checkedOutAt: NOW.toISOString(),
      checkinMethod: 'member_code',
      hours: 12.25,
      hoursCounted: true,
    };
    const perRow = jsonBytes(heaviest) + 1;
    expect(perRow * ATTENDANCE_PER_PAGE).toBeLessThan(CALL_RESULT_LIMIT_BYTES * 0.6);
  });

  it('refuses a cursor the server did not make, in Chinese', async () => {
    const world = measuredCloudbase({ latencyMs: 0, now: () => NOW });
    seedAssembly(world);
    const staff = world.context({ kind: 'wechat', openid: 'openid-staff' });
    for (const cursor of ['bm90LWEtY3Vyc29y', Buffer.from(JSON.stringify(['a', ''])).toString('base64url')]) {
      const m = await measureCall(world, { action: 'getEventAttendance', payload: { eventId: 'ev-assembly', cursor } }, staff, { enforce: false });
      expect(m.result).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringMatching(/分页位置/) });
    }
    const over = await measureCall(world, { action: 'getEventAttendance', payload: { eventId: 'ev-assembly', limit: ATTENDANCE_PER_PAGE + 1 } }, staff, { enforce: false });
    expect(over.result).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  }, 60_000);
});

describe('measureCall: one call on the real SDK, 20 ms a request, in virtual time', () => {
  async function warmWorld(latencyMs?: number) {
    const world = measuredCloudbase({ latencyMs, now: () => NOW });
    const { backend, clock, storage } = world;
    // Seeding costs no simulated time that matters: measured calls read the clock's difference.
    backend.useLatency(0, clock);
    await storage.putStudents(makeStudents(3));
    await storage.putEvents([makeEvent({ id: 'ev', capacity: 5 })]);
    await measureCall(world, { action: 'getMe', payload: {} }, world.context(wechat(1))); // the container knows the caller
    await currentBlockRule(world.storage, NOW); // and the sign-up block rule (remembered a minute, as after any sign-up)
    backend.useLatency(latencyMs ?? 20, clock);
    return world;
  }

  it('measures a warm sign-up: 3 operations, 5 requests, 100 ms simulated, and the result as the function returns it', async () => {
    const world = await warmWorld();
    const m = await measureCall(world, { action: 'signUp', payload: { eventId: 'ev' } }, world.context(wechat(1)));
    expect(m).toMatchObject({ action: 'signUp', ok: true, ops: 3, requests: 5, simulatedMs: 100, refused: null, afterAnswer: 0 });
    expect(m.requestsByAction).toEqual({
      'database.startTransaction': 1,
      'database.getDocument': 1,
      'database.modifyDocument': 1,
      'database.insertDocument': 1,
      'database.commitTransaction': 1,
    });
    expect(m.resultBytes).toBe(jsonBytes(m.result));
    expect(m.payloadBytes).toBe(jsonBytes({ action: 'signUp', payload: { eventId: 'ev' } }));
  });

  it('fails a call past the function\'s 20 s timeout with a message naming the action', async () => {
    const world = await warmWorld(5000); // a very slow database: the sign-up's 5 requests take 25 s
    const call = measureCall(world, { action: 'signUp', payload: { eventId: 'ev' } }, world.context(wechat(2)));
    await expect(call).rejects.toThrow(CallLimitError);
    // Within the budget: 3 requests, but the registration and the attendance are read together after the event.
    await expect(measureCall(world, { action: 'getEvent', payload: { eventId: 'ev' } }, world.context(wechat(2)))).resolves.toMatchObject({
      requests: 3,
      simulatedMs: 10_000,
    });
    const error = await measureCall(world, { action: 'cancelRegistration', payload: { eventId: 'ev' } }, world.context(wechat(2))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CallLimitError);
    expect((error as Error).message).toMatch(/^cancelRegistration: \d+ database operations, \d+ requests: \d+\.\d\d s simulated, over the function's 20 s timeout$/);
  });

  it('fails a call whose result is over 1 MB, and one whose request is over 100 KB, naming the action', async () => {
    const world = await warmWorld();
    seedHeavyList(world);
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const error = await measureCall(world, heavyAttendance, world.context({ kind: 'wechat', openid: 'openid-staff' })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CallLimitError);
      expect((error as Error).message).toMatch(/^getEventAttendance: \d+ database operations, \d+ requests: the result is \d+\.\d KB, over the 1024\.0 KB a cloud function may return$/);
      expect((error as CallLimitError).measurement).toMatchObject({ code: 'RESULT_TOO_LARGE', refused: 'result' });
    } finally {
      errors.mockRestore();
    }
    await expect(measureCall(world, offlineBatch(500), world.context(wechat(1)))).rejects.toThrow(
      /^recordScans: the request is \d+\.\d KB, over the 100\.0 KB a call may send$/,
    );
  }, 60_000);

  it('counts the database reads the server refused for a result over 1 MB (-602001), which fail the call', async () => {
    const world = await warmWorld();
    // 100 events of ~12 KB each (a text longer than the form allows, written straight into the store): one page of
    // whole events is 1.2 MB, over what one query may answer. Lists of events read the listing's fields only, 100 a
    // query; a branch officer's appeals are found through whole events (listAppeals), 100 a page.
    const long = '活动介绍'.repeat(1000);
    world.backend.seed('events', Array.from({ length: 100 }, (_, i) => eventToDoc(makeEvent({ id: `ev-long-${String(i).padStart(3, '0')}`, description: long }))));
    await world.storage.grantRole(
      { openid: 'openid-officer', role: 'branch_officer', scope: '计科2401团支部', grantedBy: 'system', grantedAt: NOW.toISOString() },
      { at: NOW.toISOString(), actor: 'system', action: 'grantRole', target: 'openid-officer', detail: '{}' },
    );
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const m = await measureCall(world, { action: 'listAppeals', payload: {} }, world.context({ kind: 'wechat', openid: 'openid-officer' }), { enforce: false });
      expect(m.oversizedQueries).toBeGreaterThanOrEqual(1);
      expect(m).toMatchObject({ ok: false, code: 'INTERNAL' });
      // The catalogue still answers: its reads never pass 1 MB.
      const list = await measureCall(world, { action: 'listEvents', payload: {} }, world.context(wechat(1)));
      expect(list).toMatchObject({ ok: true, oversizedQueries: 0 });
    } finally {
      errors.mockRestore();
    }
  }, 60_000);
});

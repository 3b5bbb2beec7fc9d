import type { ActionName, ApiResult } from '../../types';
import { dispatch, type HandlerContext } from '../../server/dispatch';
import { DEFAULT_CREDIT_MODULES, DEFAULT_REQUIREMENT, summarize } from '../../core';
import { CloudbaseStorage } from '../../server/storage/cloudbase/cloudbase-storage';
import { CloudbaseBackend, createRealSdkDatabase } from '../support/cloudbase-backend';
import type { StoragePort } from '../../server/storage/ports';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { NOW, at, makeEvent, makeStudent, studentNo } from '../support/factories';

/**
 * The committee's optional no-show rule through the timed job: confirmed members who never checked in get one
 * no-show entry per event once offline scans can no longer arrive (a week after the end): 0 under the threshold, the
 * penalty from then on; never twice however often the job runs; a later correction that checks them in reverses it.
 */
let storage: StoragePort;
const AUDIT = { at: NOW.toISOString(), actor: 'system', action: 'test', target: '', detail: '{}' };

function as(openid: string, now: Date = NOW): HandlerContext {
  return { storage, caller: { kind: 'wechat', openid }, now: () => now, demoMode: false };
}
async function call(action: ActionName, payload: unknown, ctx: HandlerContext): Promise<ApiResult<any>> {
  return dispatch({ action, payload }, ctx);
}
function ok<T = any>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`refused ${result.code}: ${result.message}`);
  return result.data;
}

const ADAPTERS: Array<[string, () => StoragePort]> = [
  ['SQLite', () => new SqliteStorage({ file: ':memory:' })],
  ['CloudBase (real SDK)', () => new CloudbaseStorage(createRealSdkDatabase(new CloudbaseBackend({ latencyMs: 0 }), { throwOnNotFound: false }), { maxAttempts: 25 })],
];

describe.each(ADAPTERS)('no-show penalties on %s', (_name, makeStorage) => {
  const ninthDay = at(9 * 24);
  beforeEach(async () => {
    storage = makeStorage();
    await storage.putStudents([1, 2].map((i) => makeStudent(i)));
    // Two events that ended in the first hours after NOW, one after the other; both open to sign-up before NOW.
    const times = (h: number) => ({
      startAt: at(h).toISOString(),
      endAt: at(h + 2).toISOString(),
      signupStartAt: at(-48).toISOString(),
      signupEndAt: at(h - 1).toISOString(),
      cancelDeadlineAt: at(h - 1).toISOString(),
    });
    await storage.putEvents([makeEvent({ id: 'e1', capacity: 5, ...times(2) }), makeEvent({ id: 'e2', capacity: 5, ...times(6) })]);
    for (const e of ['e1', 'e2']) for (const i of [1, 2]) await storage.signUp(e, studentNo(i), NOW);
    await storage.grantRole({ openid: 'o-admin', role: 'committee_admin', scope: '', grantedBy: 'system', grantedAt: NOW.toISOString() }, AUDIT);
    // Student 2 came to both; student 1 to neither.
    for (const e of ['e1', 'e2']) {
      await storage.correctAttendance({ eventId: e, studentNo: studentNo(2), op: 'check_in', at: NOW, by: 'o-admin' }, AUDIT, NOW);
    }
  });

  const turnOn = () =>
    storage.putCreditSettings(
      { modules: DEFAULT_CREDIT_MODULES, requirement: DEFAULT_REQUIREMENT, noShow: { enabled: true, threshold: 1, module: 'organization', amount: 25 } },
      AUDIT,
    );

  it('does nothing while the rule is off', async () => {
    expect(ok(await call('runScheduledJobs', {}, as('o-admin', ninthDay))).penalised).toBe(0);
    expect(await storage.listLedger(studentNo(1))).toEqual([]);
  });

  it('waits a week after the end (offline scans may still arrive), then records each no-show once', async () => {
    await turnOn();
    expect(ok(await call('runScheduledJobs', {}, as('o-admin', at(3 * 24)))).penalised).toBe(0);

    expect(ok(await call('runScheduledJobs', {}, as('o-admin', ninthDay))).penalised).toBe(2);
    const ledger = await storage.listLedger(studentNo(1));
    expect(ledger.map((e) => [e.key, e.amount, e.sourceType, e.module])).toEqual([
      ['nos:e1:' + studentNo(1), 0, 'no_show', 'organization'],
      ['nos:e2:' + studentNo(1), -25, 'no_show', 'organization'],
    ]);
    expect(await storage.listLedger(studentNo(2))).toEqual([]);

    expect(ok(await call('runScheduledJobs', {}, as('o-admin', at(9 * 24 + 1)))).penalised).toBe(0);
    expect(await storage.listLedger(studentNo(1))).toHaveLength(2);
  });

  it('a correction that checks the member in afterwards reverses the no-show and its penalty', async () => {
    await turnOn();
    ok(await call('runScheduledJobs', {}, as('o-admin', ninthDay)));
    ok(
      await call(
        'correctAttendance',
        { eventId: 'e2', studentNo: studentNo(1), op: 'check_in', at: at(6).toISOString(), reason: '纸质签到表补录' },
        as('o-admin', ninthDay),
      ),
    );
    const ledger = await storage.listLedger(studentNo(1));
    const noShows = ledger.filter((e) => e.sourceType === 'no_show');
    expect(noShows.map((e) => [e.key, e.amount])).toEqual([
      ['nos:e1:' + studentNo(1), 0],
      ['nos:e2:' + studentNo(1), -25],
      ['rev:nos:e2:' + studentNo(1), 25],
    ]);
    // The penalty is gone; the attendance credit of e2 is there instead.
    const total = summarize(ledger).total;
    expect(total).toBe(ledger.filter((e) => e.sourceType === 'attendance').reduce((n, e) => n + e.amount, 0));
    expect(ok(await call('runScheduledJobs', {}, as('o-admin', at(9 * 24 + 2)))).penalised).toBe(0);
  });
});

/**
 * The front end's reading of the lists answered a page a call (src/services/api.ts callAllPages): every page, asked
 * with the previous mockAnswer's `next` until it is null, against the real handlers on SQLite (the transport replaced by
 * `dispatch`); a refusal on any page rejects the whole; a cursor that never ends stops after `maxPages`.
 */
import { EVENTS_PER_PAGE, type ActionName } from '../../types';
import { dispatch, type HandlerContext } from '../../server/dispatch';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { NOW, at, makeEvent } from '../support/factories';

const mockSent: Array<{ action: string; payload: Record<string, unknown> }> = [];
let mockAnswer: (action: string, payload: unknown) => Promise<unknown>;

jest.mock('../../src/services/transport', () => ({
  transport: (action: string, payload: Record<string, unknown>) => {
    mockSent.push({ action, payload });
    return mockAnswer(action, payload);
  },
}));

// After the mock: the client under test.
import { ApiClientError, callAllPages } from '../../src/services/api';

let storage: SqliteStorage;
const ctx = (): HandlerContext => ({ storage, caller: { kind: 'anonymous' }, now: () => NOW, demoMode: false });

beforeEach(async () => {
  mockSent.length = 0;
  storage = new SqliteStorage({ file: ':memory:' });
  mockAnswer = (action, payload) => dispatch({ action: action as ActionName, payload }, ctx());
});
afterEach(async () => {
  await storage.close();
});

it('reads every page of the catalogue, one after another, each asked with the previous mockAnswer\'s next', async () => {
  const total = 2 * EVENTS_PER_PAGE + 17;
  await storage.putEvents(Array.from({ length: total }, (_, k) => makeEvent({ id: `ev-${String(k).padStart(4, '0')}`, startAt: at(100 + k).toISOString() })));
  const events = await callAllPages('listEvents', { category: 'lecture' });
  expect(events.map((e) => e.id)).toEqual(Array.from({ length: total }, (_, k) => `ev-${String(k).padStart(4, '0')}`));
  expect(mockSent).toHaveLength(3);
  expect(mockSent[0].payload).toEqual({ category: 'lecture' });
  for (const later of mockSent.slice(1)) expect(later.payload).toEqual({ category: 'lecture', cursor: expect.any(String) });
});

it('asks once when the first page is the last', async () => {
  await storage.putEvents([makeEvent({ id: 'ev-only' })]);
  expect((await callAllPages('listEvents', {})).map((e) => e.id)).toEqual(['ev-only']);
  expect(mockSent).toHaveLength(1);
});

it('rejects with the server\'s refusal when a later page is refused (no half list)', async () => {
  await storage.putEvents(Array.from({ length: EVENTS_PER_PAGE + 1 }, (_, k) => makeEvent({ id: `ev-${String(k).padStart(4, '0')}`, startAt: at(100 + k).toISOString() })));
  const real = mockAnswer;
  mockAnswer = (action, payload) =>
    (payload as { cursor?: string }).cursor ? Promise.resolve({ ok: false, code: 'INTERNAL', message: '服务器开小差了，请稍后再试' }) : real(action, payload);
  await expect(callAllPages('listEvents', {})).rejects.toEqual(new ApiClientError('INTERNAL', '服务器开小差了，请稍后再试'));
  expect(mockSent).toHaveLength(2);
});

it('stops after maxPages when a cursor never ends', async () => {
  mockAnswer = () => Promise.resolve({ ok: true, data: { events: [], next: 'again' } });
  await expect(callAllPages('listManagedEvents', {}, 5)).resolves.toEqual([]);
  expect(mockSent).toHaveLength(5);
});

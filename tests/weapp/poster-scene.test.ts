/**
 * A poster's 小程序码 scanned with WeChat, in the BUILT weapp (dist/weapp) rendered in miniprogram-simulate with the
 * real handlers on a seeded SQLite database (see ./harness.ts). WeChat opens `pages/event/index` with the code's
 * `scene`, percent-encoded. Here the scene is an alias (`s=…`, what an event id too long for 32 characters gets), so
 * the page asks the server which event it names, then shows that event — and shares nothing personal on the way.
 */
import { bootWeapp, createBackend, openPage, type Backend, type PageHandle } from './harness';

const OPENID = 'o-demo-2024011101';
const EVENT_ID = 'e-firstaid-basic';
const ALIAS = 's=abcdefghij';

jest.setTimeout(40_000);

let backend: Backend;
let page: PageHandle | null = null;

beforeAll(async () => {
  backend = await createBackend({ openid: OPENID });
  bootWeapp(backend);
});

afterAll(async () => {
  page?.close();
  await backend?.close();
});

it('opens the event an alias scene names: resolved by the server, then the event shown', async () => {
  const event = await backend.storage.getEvent(EVENT_ID);
  if (!event) throw new Error(`seed has no ${EVENT_ID}`);
  await backend.storage.putPosterCode(
    { eventId: EVENT_ID, scene: ALIAS, kind: 'wxacode', target: `pages/event/index?scene=${encodeURIComponent(ALIAS)}`, fileId: 'f-poster', createdAt: new Date().toISOString() },
    null,
  );

  page = await openPage('pages/event/index', { scene: encodeURIComponent(ALIAS) }, backend);
  await page.waitForText(event.title);
  const actions = backend.calls.map((c) => c.action);
  expect(backend.calls.find((c) => c.action === 'resolveEventScene')).toMatchObject({ payload: { scene: ALIAS }, ok: true });
  expect(backend.calls.find((c) => c.action === 'getEvent')).toMatchObject({ payload: { eventId: EVENT_ID }, ok: true });
  expect(actions.indexOf('resolveEventScene')).toBeLessThan(actions.indexOf('getEvent'));
  // Loaded once, not once per hook.
  expect(actions.filter((a) => a === 'getEvent')).toHaveLength(1);
});

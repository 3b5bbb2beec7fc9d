/**
 * 我的数据 in the BUILT weapp (dist/weapp, packages/privacy/my-data/index) rendered in miniprogram-simulate, with the
 * real handlers on a seeded SQLite database (see ./harness.ts). The demo seed's graduating student has asked for
 * deletion: the page shows the pending request with their note, offers no second request, and keeps the export,
 * the unbinding and what the school keeps in sight.
 */
import { SEED_DATA_REQUEST_STUDENT } from '../../server/local/seed';
import { bootWeapp, createBackend, openPage, type Backend, type PageHandle } from './harness';

const OPENID = `o-demo-${SEED_DATA_REQUEST_STUDENT}`;

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

it('shows a student their pending deletion request, the export and what is kept', async () => {
  page = await openPage('packages/privacy/my-data/index', {}, backend);
  await page.waitForText('删除申请处理中');
  expect(backend.calls.find((c) => c.action === 'getMyDataRequest')).toMatchObject({ ok: true });
  const text = page.text();
  expect(text).toContain('即将毕业，不再使用本小程序');
  expect(text).toContain('导出 Excel');
  expect(text).toContain('须保留的记录');
  expect(text).toContain('解除绑定');
  // One open request at a time: no second one offered.
  expect(page.findAll('my-data-request-button')).toHaveLength(0);
});

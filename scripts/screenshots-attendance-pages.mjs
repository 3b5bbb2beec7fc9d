// Screenshot of 到场名单 while its later pages are still coming (getEventAttendance answers a page a call): the first
// page on screen, the note 名单加载中 above the tabs, the counts the server's. The seeded 开学第一课 fits one page, so
// its first answer is cut in two here (a real cursor after the half) and the second call held until the picture is
// taken; that call then goes to the server as the page sent it. Then the whole list, once read.
// Usage: node scripts/screenshots-attendance-pages.mjs   (build first; SCREENSHOTS_DIR=<dir> writes them elsewhere)
import { startKit } from './screenshot-kit.mjs';

const kit = await startKit();
const ADMIN = 'o-demo-admin';
try {
  const page = await kit.open('phone');
  await kit.actAs(page, ADMIN);
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route('**/api/getEventAttendance', async (route) => {
    const payload = JSON.parse(route.request().postData() ?? '{}');
    if (payload.cursor) {
      await held;
      return route.continue();
    }
    const response = await route.fetch();
    const body = await response.json();
    const half = body.data.rows.slice(0, Math.ceil(body.data.rows.length / 2));
    const next = Buffer.from(JSON.stringify(['a', half[half.length - 1].studentNo]), 'utf8').toString('base64url');
    return route.fulfill({ response, json: { ...body, data: { ...body.data, rows: half, next } } });
  });
  await page.goto(`${kit.base}/#/packages/officer/attendance/index?eventId=e-lecture-opening`);
  await page.locator('.attendance-page .attendance-paging:visible').waitFor();
  await kit.shot(page, 'officer-attendance-paging');
  release();
  await page.locator('.attendance-page .attendance-paging').waitFor({ state: 'detached' });
  await kit.shot(page, 'officer-attendance-paged-whole');
} finally {
  await kit.close();
}

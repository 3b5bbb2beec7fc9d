// 年度目标看板's 青年讲师团 section (who in the lecturer team is behind) at 1280×800 and 375×812, scrolled to it, on the
// demo at TEST_CLOCK_START (November: two talks on campus expected by now). Builds nothing itself (run
// `npx taro build --type h5` and `node scripts/build-server.mjs` first), like scripts/screenshots-committee.mjs.
// Usage: node scripts/screenshots-dashboard-lecturers.mjs   (SCREENSHOTS_DIR=<dir> writes them elsewhere)
import { startKit } from './screenshot-kit.mjs';

const ADMIN = 'o-demo-admin';
const kit = await startKit();
const lecturers = (page, name) => kit.shotAt(page, name, 'packages/committee/dashboard/index', '.dashboard-page:visible .dashboard-lecturers', {
  before: (p) => p.locator('.dashboard-page:visible .dashboard-lecturers').first().evaluate((el) => el.scrollIntoView({ block: 'center' })),
});

try {
  const desk = await kit.open('desk');
  await kit.switchTo(desk, ADMIN, { settle: 2200 }); // the “已切换” toast fades
  await lecturers(desk, 'committee-dashboard-lecturers-desktop');
  const phone = await kit.open('phone');
  await kit.switchTo(phone, ADMIN, { settle: 2200 });
  await lecturers(phone, 'committee-dashboard-lecturers');
} finally {
  await kit.close();
}

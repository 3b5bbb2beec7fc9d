// Screenshots of 请假 (issue 16): the student's sheet with a sick note attached (375×812), the officer's 请假审批 on a
// phone and on a computer (1280×800), the photo as the officer sees it, and the refusal on the student's event page.
// Usage: node scripts/screenshots-leave.mjs   (build first; SCREENSHOTS_DIR=<dir> writes them elsewhere)
import { startKit } from './screenshot-kit.mjs';

const kit = await startKit();
const ADMIN = 'o-demo-admin';
const OFFICER = '2023011102';
const BRANCH = '23级软件技术1班团支部';

/** A branch event for `capacity` whose cancel deadline passed an hour ago, starting in `startsIn` hours. */
async function eventPastCancelDeadline(title, startsIn, capacity) {
  const t = (h) => new Date(kit.now().getTime() + h * 3_600_000).toISOString();
  const fields = {
    title, category: 'theme', details: { kind: 'theme', theme: '主题团日' }, organizer: BRANCH, location: '学生活动中心 305',
    description: '走进社区，开展志愿服务与主题宣讲。', startAt: t(startsIn), endAt: t(startsIn + 2), signupStartAt: t(-48), signupEndAt: t(startsIn - 1),
    cancelDeadlineAt: t(-1), capacity, waitlistEnabled: true, approvalRequired: false, audience: { colleges: [], grades: [], leagueMembersOnly: false },
    creditRule: { base: { kind: 'fixed', module: 'ideology', amount: 50 }, assessmentBonus: null }, credits: 0.5, host: { kind: 'branch', unit: BRANCH },
    checkoutRequired: false, minStayRatio: 0.6, allowWalkIns: false, signupMode: 'first_come', lotteryPriority: [],
  };
  const { event } = await kit.api('saveEvent', { fields }, ADMIN);
  await kit.api('changeEventStatus', { eventId: event.id, action: 'publish' }, ADMIN);
  return event.id;
}

/** A picture of a sick note, drawn in the page (its fonts), as PNG bytes. */
async function sickNote(page) {
  const dataUrl = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 600;
    c.height = 800;
    const g = c.getContext('2d');
    g.fillStyle = '#fbfaf6';
    g.fillRect(0, 0, 600, 800);
    g.fillStyle = '#1d3f8f';
    g.font = 'bold 40px sans-serif';
    g.fillText('校医院 诊断证明书', 130, 90);
    g.fillRect(40, 120, 520, 4);
    g.fillStyle = '#333';
    g.font = '28px sans-serif';
    ['姓名：林晓     性别：女', '诊断：急性上呼吸道感染', '体温 38.5℃，建议休息两天', '', '医师：王敏', '2026 年 11 月 18 日'].forEach((line, i) => g.fillText(line, 60, 190 + i * 70));
    g.strokeStyle = '#c8102e';
    g.lineWidth = 6;
    g.beginPath();
    g.arc(450, 640, 80, 0, Math.PI * 2);
    g.stroke();
    g.fillStyle = '#c8102e';
    g.font = 'bold 26px sans-serif';
    g.fillText('校医院', 410, 650);
    return c.toDataURL('image/png');
  });
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}

try {
  const eventId = await eventPastCancelDeadline('团支部主题团日：走进社区', 3, 2);
  const second = await eventPastCancelDeadline('“青春喜迎二十大”主题宣讲', 26, 2);
  for (const s of ['2023011101', '2023011105', '2023011106']) await kit.api('signUp', { eventId }, s);
  for (const s of ['2023011107', '2023011108', '2023011109']) await kit.api('signUp', { eventId: second }, s);
  await kit.api('requestLeave', { eventId, reason: '家中有急事，当天需要回老家，已与辅导员说明情况' }, '2023011105');
  await kit.api('requestLeave', { eventId: second, reason: '与专业课实验时间冲突，实验课不能调换' }, '2023011107');
  await kit.api('requestLeave', { eventId: second, reason: '参加学院篮球赛决赛，比赛时间与活动冲突' }, '2023011108');

  // The student: 请假 with the photo attached.
  const phone = await kit.open('phone');
  await kit.actAs(phone, '2023011101');
  await phone.goto(`${kit.base}/#/pages/event/index?id=${eventId}`);
  await phone.locator('.event-page .leave-open').click();
  const sheet = phone.locator('.leave-sheet:visible');
  await sheet.locator('.leave-reason textarea').fill('发烧 38.5 度，校医院建议休息两天，附诊断证明');
  await sheet.locator('.leave-photo-input').setInputFiles({ name: '诊断证明.png', mimeType: 'image/png', buffer: await sickNote(phone) });
  await sheet.locator('.leave-photo-remove').waitFor();
  await kit.shot(phone, 'leave-sheet-photo');
  await sheet.locator('.leave-submit').click();
  await phone.locator('.event-page .leave-status--pending').waitFor();

  // The officer on a phone: 签到管理 with the count, then 请假审批 and the photo.
  const officer = await kit.open('phone');
  await kit.actAs(officer, OFFICER);
  await officer.goto(`${kit.base}/#/packages/officer/checkin/index`);
  await officer.locator('.checkin-events-page .leave-entry-count').waitFor();
  await kit.shot(officer, 'leave-entry');
  await officer.locator('.checkin-events-page .leave-entry').click();
  await officer.locator('.leave-page .leave-card').first().waitFor();
  await kit.shot(officer, 'leave-officer');
  await officer.locator('.leave-page .leave-card[data-student="2023011101"] .leave-photo-view').click();
  await officer.locator('.photo-viewer .photo-viewer-image img').waitFor();
  await officer.waitForTimeout(600);
  await kit.shot(officer, 'leave-officer-photo');
  await officer.locator('.photo-viewer-close').click();

  // The same list on a computer (the committee sees every event's).
  const desk = await kit.open('desk');
  await kit.actAs(desk, ADMIN);
  await desk.goto(`${kit.base}/#/packages/officer/leave/index`);
  await desk.locator('.leave-page .leave-card').first().waitFor();
  await kit.shot(desk, 'leave-officer-desk');

  // 不批准 with a reason, 批准 another: the cards show the results in place.
  const asker = officer.locator('.leave-page .leave-card[data-student="2023011101"]');
  await asker.locator('.leave-refuse').click();
  await officer.locator('.leave-refuse-sheet .leave-refuse-reason input').fill('请补充医院开具的证明原件照片');
  await kit.shot(officer, 'leave-refuse-sheet');
  await officer.locator('.leave-refuse-sheet .leave-refuse-submit').click();
  await asker.locator('.leave-decision').waitFor();
  await officer.locator('.leave-page .leave-card[data-student="2023011105"] .leave-approve').click();
  await officer.locator('.confirm-dialog .nut-dialog-footer-ok:visible').click();
  await officer.locator('.leave-page .leave-card[data-student="2023011105"] .leave-promoted').waitFor();
  await officer.waitForTimeout(2200);
  await kit.shot(officer, 'leave-officer-decided');

  // After the decisions, the committee's 未批准 tab on a computer.
  await desk.goto(`${kit.base}/#/packages/officer/leave/index`);
  await desk.locator('.leave-page .leave-tab-refused').click();
  await desk.locator('.leave-page .leave-card--refused').first().waitFor();
  await kit.shot(desk, 'leave-officer-desk-refused');

  // The student reads the refusal on the event page.
  await phone.reload();
  const refused = phone.locator('.event-page .leave-status--refused');
  await refused.waitFor();
  await refused.evaluate((el) => {
    el.scrollIntoView({ block: 'start' });
    window.scrollBy(0, -120);
  });
  await kit.shot(phone, 'leave-refused-student');
} finally {
  await kit.close();
}

// Takes the screenshots in docs/screenshots/ from the real product: builds nothing itself (run `npm run build:h5`
// and `npm run build:server` first, or `npm test`), starts the local server on a fresh demo database, and drives
// the H5 build in Debian's Chromium at 375×812 (device scale 2) as seeded students.
// Usage: node scripts/screenshots.mjs   (SCREENSHOTS_DIR=<dir> writes them elsewhere, e.g. to compare first;
// SCREENSHOTS_ONLY=<regex> writes only the shots whose names match, e.g. '^(?!committee-)' for the students' and
// officers' journeys: every step still runs, as later ones build on earlier ones)
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startKit, wanted } from './screenshot-kit.mjs';

// The real clock (the journeys below were written against it, e.g. a scan stamped with the browser's now).
const kit = await startKit({ fixedClock: false });
const { base, api, dataDir } = kit;
const page = await kit.open('phone');
const shot = (name, { top = false } = {}) => kit.shot(page, name, { settle: 400, top });
// Acts as a demo identity (a student number, or an openid for the committee and new WeChat users) through the
// visible switch on 我的; `ready` is what shows that the page has caught up (by default: that student's profile).
const actAs = (id, ready = page.locator('.me-page .profile-student-no', { hasText: id })) => kit.switchTo(page, id, { ready });
const TOAST_FADES = 2500;

try {
  await actAs('2024011101');
  await page.waitForTimeout(TOAST_FADES); // the “已切换” toast fades
  await shot('me', { top: true });

  // 我的数据 (issue 15): what is kept and what may go, the export, the deletion request; then the request filed.
  {
    // A student the demo switch does not list (the first of each class is on it, and has the journeys below).
    await page.evaluate((v) => localStorage.setItem('ysc.demoUser', JSON.stringify({ data: v })), '2024011102');
    await page.reload();
    await page.locator('.me-page .profile-student-no', { hasText: '2024011102' }).waitFor();
    await page.locator('.me-page .my-data-entry:visible').click();
    await page.locator('.my-data-page .my-data-export-button:visible').waitFor();
    await shot('my-data', { top: true });
    await page.locator('.my-data-page .my-data-note-input:visible textarea').fill('已毕业，不再使用');
    await page.locator('.my-data-page .my-data-request-button:visible').click();
    await page.locator('.confirm-dialog:visible').waitFor();
    await shot('my-data-confirm');
    await page.locator('.confirm-dialog .nut-dialog-footer-ok:visible').click();
    await page.locator('.my-data-page .my-data-request[data-status="pending"]:visible').waitFor();
    await page.waitForTimeout(TOAST_FADES);
    await page.locator('.my-data-page .my-data-deletion:visible').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot('my-data-requested');
    // 隐私政策 (issue 15): what is collected, why, how long, who sees it; linked from 我的数据 and 我的.
    await page.locator('.my-data-page .my-data-policy-link:visible').click();
    await page.locator('.privacy-policy .policy-item:visible').first().waitFor();
    await shot('privacy-policy', { top: true });
    await page.locator('.privacy-policy .policy-rights:visible').evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await shot('privacy-policy-end');
    await actAs('2024011101'); // the journey below is this student's
    await page.waitForTimeout(TOAST_FADES);
  }

  await page.goto(`${base}/#/pages/events/index`);
  await page.locator('.events-page .event-card').first().waitFor();
  await shot('catalogue');
  // Ended events are folded under the list: unfolded, they come greyed, marked 已结束.
  await page.locator('.events-page .events-ended-toggle').click();
  await page.locator('.events-page .events-ended .event-card').first().evaluate((el) => {
    el.scrollIntoView({ block: 'start' });
    window.scrollBy(0, -120);
  });
  await shot('catalogue-ended');
  await page.locator('.events-page .events-ended-toggle').click();

  await page.goto(`${base}/#/pages/event/index?id=e-firstaid-basic`);
  await page.locator('.event-page .signup-button:visible').waitFor();
  await shot('event-detail');
  await page.locator('.event-page .signup-button:visible').click();
  await page.locator('.toast-message', { hasText: '报名成功' }).waitFor();
  await shot('event-detail-signed-up');

  await page.goto(`${base}/#/pages/event/index?id=e-lecture-micro`);
  await page.locator('.event-page .signup-button:visible', { hasText: '加入候补' }).click();
  await page.locator('.toast-message', { hasText: '已加入候补' }).waitFor();
  await shot('event-detail-waitlisted');

  await page.goto(`${base}/#/pages/registrations/index`);
  await page.locator('.registrations-page .registration-card').first().waitFor();
  await shot('my-registrations', { top: true });
  await page.locator('.registrations-page .registration-card .cancel-button').first().click();
  await page.locator('.confirm-dialog').first().waitFor();
  await shot('my-registrations-cancel-dialog');

  await actAs('2025011101');
  await page.goto(`${base}/#/pages/registrations/index`);
  await page.locator('.registrations-page .registrations-empty').waitFor();
  await shot('my-registrations-empty');

  await page.goto(`${base}/#/pages/me/index`);
  await page.locator('.me-page .demo-user-none').click();
  await page.goto(`${base}/#/pages/event/index?id=e-volunteer-marathon`);
  await page.locator('.event-page .signup-button:visible').click();
  await page.locator('.confirm-dialog:visible').waitFor();
  await shot('event-detail-not-bound');

  // A new WeChat user binds to a student who is on the roster but not bound yet (demo data: ID last six = the
  // student number's last six). A wrong name first: the server says how many tries are left.
  const branch = '23级软件技术1班团支部';
  const { members } = await api('listBranchMembers', { branch }, 'o-demo-admin');
  const free = members.find((m) => !m.bound);
  if (!free) throw new Error(`no unbound member left in ${branch}`);
  await actAs('o-demo-newcomer-1', page.locator('.me-page .bind-submit'));
  await page.waitForTimeout(TOAST_FADES);
  await page.locator('.me-page .bind-student-no input').fill(free.studentNo);
  await page.locator('.me-page .bind-name input').fill(`${free.name}错`);
  await page.locator('.me-page .bind-id-last6 input').fill(free.studentNo.slice(-6));
  await page.locator('.me-page .bind-submit').click();
  await page.locator('.me-page .bind-error', { hasText: '还可尝试' }).waitFor();
  await shot('me-bind', { top: true });
  await page.locator('.me-page .bind-name input').fill(free.name);
  await page.locator('.me-page .bind-submit').click();
  await page.locator('.me-page .profile-student-no', { hasText: free.studentNo }).waitFor();

  // The branch officer: roles under the profile, then 团支部成员 (officer subpackage).
  await actAs('2023011102');
  await page.locator('.me-page .role-chip').first().waitFor();
  await page.waitForTimeout(TOAST_FADES);
  await shot('me-officer', { top: true });
  await page.locator('.me-page .officer-entry').click();
  await page.locator('.members-page .member-row').first().waitFor();
  await shot('officer-members');

  // A plain student opening the officer page: refused, not an empty list.
  await actAs('2024011101');
  await page.goto(`${base}/#/packages/officer/members/index?branch=${encodeURIComponent(branch)}`);
  await page.locator('.members-page .members-forbidden:visible').first().waitFor();
  await shot('officer-members-forbidden');

  // 医学院's 院团总支: picks one of the college's branches (grouped, filterable), never types its name.
  await actAs('2024021102');
  await page.waitForTimeout(TOAST_FADES);
  await page.locator('.me-page .officer-entry').click();
  await page.locator('.members-page .members-chooser .branch-option').first().waitFor();
  await shot('officer-members-pick', { top: true });
  await page.locator('.members-page .members-chooser .branch-option').nth(1).click();
  await page.locator('.members-page .member-row').first().waitFor();
  await shot('officer-members-college', { top: true });

  // The committee (subpackage packages/committee): a roster with one duplicate row is previewed, then only its clean
  // rows are imported; a branch role is granted; the audit log shows both.
  const rosterCsv = path.join(dataDir, 'roster-2024-software-1.csv');
  writeFileSync(
    rosterCsv,
    [
      '学号,姓名,二级学院,班级,团支部,是否团员,年级,身份证后六位,手机号',
      '2024019001,林晓雨,信息技术学院,24级软件技术1班,24级软件技术1班团支部,是,2024级,123456,13800001111',
      '2024019002,陈思远,信息技术学院,24级软件技术1班,24级软件技术1班团支部,否,2024级,,',
      '2024019003,王梓涵,信息技术学院,24级软件技术1班,24级软件技术1班团支部,是,2024级,65432X,',
      '2024019002,陈思远,信息技术学院,24级软件技术1班,24级软件技术1班团支部,否,2024级,,',
      '2024019004,赵一鸣,信息技术学院,24级软件技术1班,24级软件技术1班团支部,是,2024级,,',
    ].join('\n') + '\n',
  );
  await actAs('o-demo-admin', page.locator('.me-page .committee-entry'));
  // A teacher's account (roles, no student): its roles, not a binding form.
  await page.waitForTimeout(TOAST_FADES);
  await shot('me-work-account', { top: true });
  // 开学第一课 took walk-ins: 已到 exceeds 报名, and the header says by how many (含现场 N).
  await page.goto(`${base}/#/packages/officer/attendance/index?eventId=e-lecture-opening`);
  await page.locator('.attendance-page .attendance-walkins:visible').waitFor();
  await shot('officer-attendance-walkins');
  // Its 签到员 (seeded: two student volunteers), by name, 学号 and branch.
  await page.locator('.attendance-page .staff-item').first().evaluate((el) => {
    el.closest('.staff-section').scrollIntoView({ block: 'start' });
    window.scrollBy(0, -80);
  });
  await shot('officer-attendance-staff');
  await page.goto(`${base}/#/pages/me/index`);
  await page.locator('.me-page .committee-entry').click();
  await page.locator('.committee-home .committee-tool-roster').click();
  await page.locator('.roster-page .roster-file-input').setInputFiles(rosterCsv);
  await page.locator('.roster-page .roster-problem').first().waitFor();
  await shot('committee-roster-preview');
  await page.locator('.roster-page .roster-import-clean').click();
  await page.locator('.confirm-dialog:visible .nut-dialog-footer-ok').click();
  await page.locator('.roster-page .roster-result').waitFor();
  await shot('committee-roster-done');

  // 2024011101 becomes 团支部书记 of 24级软件技术1班 (found by 学号, the branch picked): the audit log shows it. The
  // roles page's own shots are scripts/screenshots-committee.mjs's.
  await page.goto(`${base}/#/packages/committee/roles/index`);
  const roles = page.locator('.roles-page:visible');
  await roles.locator('.person-search-input input').fill('2024011101');
  await roles.locator('.person-search-submit').click();
  await roles.locator('.person-result[data-account="2024011101"]').click();
  await roles.locator('.role-pick-branch_officer').click();
  await roles.locator('.role-scope-picker-filter input').fill('24级软件技术1班');
  await roles.locator('.role-scope-picker .branch-option[data-value="24级软件技术1班团支部"]').click();
  await roles.locator('.role-grant').click();
  await roles.locator('.role-result', { hasText: '已授予' }).waitFor();

  await page.goto(`${base}/#/packages/committee/audit/index`);
  await page.locator('.audit-page .audit-entry[data-action=importRoster]').first().waitFor();
  await shot('committee-audit');

  // Credits (subpackage packages/transcript): a demo student's transcript (seeded history), 生成可验证成绩单, the A4
  // printable page (at 794×1123, A4 at 96 dpi), then an employer's logged-out browser verifying the code, and a code
  // with one character changed. Last, a lecture attendee without credit opens 学分申诉 on the event page.
  {
    // Not 2024011101: the committee shots above made them a branch officer.
    await actAs('2024012101');
    await page.waitForTimeout(TOAST_FADES);
    await page.locator('.me-page .credits-entry').click();
    await page.locator('.transcript-home .transcript-total:visible').waitFor();
    await shot('transcript', { top: true });
    // 我的活动 → 已结束, as a member of 23级软件技术1班 (signed up for the branch's past events): how each went (已签到 /
    // 缺席) and the credit recorded. (Not in the demo switch: the identity is set as the switch stores it.)
    const setDemoUser = (id) => page.evaluate((v) => localStorage.setItem('ysc.demoUser', JSON.stringify({ data: v })), id);
    await setDemoUser('2023011105');
    await page.goto(`${base}/#/pages/registrations/index`);
    await page.reload();
    await page.locator('.registrations-page .activity-tabs').waitFor();
    await page.locator('.registrations-page .activity-tab-ended').click();
    await page.locator('.registrations-page .registration-card[data-phase="ended"] .registration-outcome').first().waitFor();
    await page.locator('.registrations-page .registration-credit').first().waitFor();
    await shot('my-activities-ended', { top: true });
    await setDemoUser('2024012101');
    await page.goto(`${base}/#/pages/me/index`);
    await page.reload();
    await page.locator('.me-page .credits-entry').click();
    await page.locator('.transcript-home .transcript-total:visible').waitFor();
    await page.locator('.transcript-home .transcript-share:visible').click();
    await page.locator('.share-page .share-create:visible').click();
    const codeEl = page.locator('.share-page .share-code:visible');
    await codeEl.waitFor();
    const code = (await codeEl.innerText()).trim();
    await page.waitForTimeout(TOAST_FADES);
    await shot('transcript-share');
    await page.locator('.share-page .share-print:visible').click();
    await page.locator('.print-sheet:visible').waitFor();
    await page.setViewportSize({ width: 794, height: 1123 });
    await kit.shot(page, 'transcript-print', { settle: 400, fullPage: true });
    if (wanted('transcript-print')) {
      // The sheet's foot: how to verify it, and who issued it, with room for the seal.
      await page.locator('.print-sheet .print-issuer').evaluate((el) => el.scrollIntoView({ block: 'end' }));
      await kit.shot(page, 'transcript-print-foot', { settle: 300 });
    }
    await page.setViewportSize({ width: 375, height: 812 });

    const verifier = await kit.open('phone');
    const verifierShot = (name) => kit.shot(verifier, name, { settle: 400 });
    await verifier.goto(`${base}/#/packages/transcript/verify/index?code=${encodeURIComponent(code)}`);
    await verifier.locator('.verify-page .verify-ok:visible').waitFor();
    await verifierShot('transcript-verify-ok');
    const chars = code.split('');
    chars[0] = chars.find((c) => c !== '-' && c !== chars[0]) ?? 'A';
    await verifier.locator('.verify-page .verify-code-input input:visible').fill(chars.join(''));
    await verifier.locator('.verify-page .verify-submit:visible').click();
    await verifier.locator('.verify-page .verify-refused:visible').waitFor();
    await verifierShot('transcript-verify-refused');
    await verifier.context().close();

    // 学分申诉 is offered once an event is over: someone confirmed for 开学第一课 who never checked in.
    const lecture = await api('getEventAttendance', { eventId: 'e-lecture-opening' }, 'o-demo-admin');
    const absentee = lecture.rows.find((r) => r.registration === 'confirmed' && r.state === 'absent');
    if (absentee) {
      await page.evaluate((v) => localStorage.setItem('ysc.demoUser', JSON.stringify({ data: v })), absentee.studentNo);
      await page.goto(`${base}/#/pages/event/index?id=e-lecture-opening`);
      await page.reload();
      await page.locator('.event-page .appeal-button:visible').click();
      await page.locator('.event-page .appeal-note textarea:visible').fill('19:05 到场，签到码扫不出来，坐在第三排，同班同学可以作证');
      await shot('event-appeal');
    }
  }

  // Credits, the officers' and the committee's side: a seeded pending appeal on 学分申诉 (from 签到管理) and its
  // decision sheet; 学分统计 for the whole school and for one college; 批量记学分's preview of a file with two
  // problems, then its report; 模块与毕业要求 with the no-show penalty turned on (not saved).
  {
    const mine = await api('listAppeals', { status: 'pending' }, '2023011102');
    const appealsOfficer = mine.appeals.length ? '2023011102' : '2024021102';
    await actAs(appealsOfficer);
    await page.waitForTimeout(TOAST_FADES);
    await page.locator('.me-page .checkin-entry').click();
    await page.locator('.checkin-events-page .appeals-entry-count:visible').waitFor();
    await page.locator('.checkin-events-page .appeals-entry:visible').click();
    await page.locator('.appeals-page .appeal-card:visible').first().waitFor();
    await shot('officer-appeals', { top: true });
    await page.locator('.appeals-page .appeal-card:visible .appeal-reject').first().click();
    await page.locator('.appeals-page .decision-sheet:visible').waitFor();
    await page.locator('.appeals-page .decision-submit:visible').click();
    await page.locator('.appeals-page .decision-error:visible').waitFor();
    await shot('officer-appeal-reject');
    await page.locator('.appeals-page .decision-close:visible').click();

    await actAs('o-demo-admin', page.locator('.me-page .committee-entry'));
    await page.waitForTimeout(TOAST_FADES);
    await page.locator('.me-page .committee-entry').click();
    await page.locator('.committee-home .committee-tool-credits:visible').click();
    await page.locator('.credits-page .credit-group:visible').first().waitFor();
    await shot('committee-credits', { top: true });
    await page.locator('.credits-page .credit-group[data-group="医学院"]:visible').click();
    await page.locator('.credits-page .credits-scope-clear:visible').waitFor();
    await page.locator('.credits-page .credit-group:visible').first().waitFor();
    // Down to the college's tools: module bars and the first branches.
    await page.locator('.credits-page .credits-group-college:visible').evaluate((el) => {
      el.scrollIntoView({ block: 'start' });
      window.scrollBy(0, -12);
    });
    await shot('committee-credits-college');

    const { members: awardees } = await api('listBranchMembers', { branch: '23级软件技术1班团支部' }, 'o-demo-admin');
    const awardsCsv = path.join(dataDir, '学分补记-挑战杯.csv');
    writeFileSync(
      awardsCsv,
      [
        '学号,模块,学分,事由',
        `${awardees[0].studentNo},学术科技与创新创业,1.5,“挑战杯”校赛二等奖`,
        `${awardees[1].studentNo},学术科技与创新创业,1.5,“挑战杯”校赛二等奖`,
        `${awardees[2].studentNo},社团活动与社会工作,0.5,担任迎新志愿者组长`,
        `${awardees[3].studentNo},创新创业,1,“挑战杯”校赛三等奖`,
        '2099999999,技能培训及其他,1,急救培训助教',
        `${awardees[4].studentNo},社团活动与社会工作,0.5,担任迎新志愿者组长`,
      ].join('\n') + '\n',
    );
    await page.goto(`${base}/#/packages/committee/credit-import/index`);
    await page.locator('.credit-import-page .credit-import-file-input').first().setInputFiles(awardsCsv);
    await page.locator('.credit-import-page .credit-import-problem:visible').first().waitFor();
    await shot('committee-credit-import-preview');
    await page.locator('.credit-import-page .credit-import-commit:visible').click();
    await page.locator('.confirm-dialog:visible .nut-dialog-footer-ok').click();
    await page.locator('.credit-import-page .credit-import-result:visible').waitFor();
    await shot('committee-credit-import-done');

    await page.goto(`${base}/#/packages/committee/credit-settings/index`);
    await page.locator('.credit-settings-page .settings-module:visible').first().waitFor();
    await page.locator('.credit-settings-page .settings-noshow-toggle:visible').click();
    await page.locator('.credit-settings-page .settings-noshow-threshold:visible').waitFor();
    await shot('committee-credit-settings', { top: true });
    await page.locator('.credit-settings-page .settings-requirement:visible').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot('committee-credit-settings-noshow');
  }

  // Student check-in (subpackage packages/checkin). A 医学院 student confirmed for the volunteering under way (it
  // records check-out): the event page's 活动签到 card, then 签到码; 医学院's college officer scans it (the API, as
  // the scanner page would), and the student's page catches up within a poll; then the same page with the network cut.
  // Students with seeded sign-ups are not in the demo switch: the identity is set as the switch stores it.
  const volunteerOfficer = 'o-demo-2024021102';
  const { rows } = await api('getEventAttendance', { eventId: 'e-volunteer-now' }, volunteerOfficer);
  const volunteer = rows.find((r) => r.registration === 'confirmed' && r.state === 'absent');
  if (!volunteer) throw new Error('no confirmed volunteer left to check in');
  const storeDemoUser = (id) => page.evaluate((v) => localStorage.setItem('ysc.demoUser', JSON.stringify({ data: v })), id);
  await storeDemoUser(volunteer.studentNo);
  await page.goto(`${base}/#/pages/event/index?id=e-volunteer-now`);
  await page.reload();
  await page.locator('.event-page .checkin-pass-button:visible').waitFor();
  await shot('event-detail-checkin');
  await page.locator('.event-page .checkin-pass-button:visible').click();
  const memberQr = page.locator('.pass-page [data-testid=checkin-qr]:visible');
  await page.locator('.pass-page [data-testid=checkin-qr][data-code^="Y1."]').first().waitFor();
  await page.locator('.pass-page .pass-holder-name', { hasText: volunteer.name }).first().waitFor();
  await shot('checkin-pass');
  const memberCode = await memberQr.first().getAttribute('data-code');
  await api('recordScans', {
    eventId: 'e-volunteer-now',
    scans: [{ scanId: `shot-${Date.now()}`, code: memberCode, purpose: 'in', scannedAt: new Date().toISOString(), offline: false }],
  }, volunteerOfficer);
  await page.locator('.pass-page .checkin-status', { hasText: '已签到' }).first().waitFor({ timeout: 15_000 });
  await page.waitForTimeout(TOAST_FADES);
  await shot('checkin-pass-checked-in');
  await page.context().setOffline(true);
  await page.locator('.pass-page .pass-offline').first().waitFor({ timeout: 15_000 });
  await shot('checkin-pass-offline');
  await page.context().setOffline(false);

  // 扫码签到 (正扫) as a member of the branch whose lecture is under way: headless Chromium has no camera, so the
  // event code (as the officer's screen would show it) is typed.
  const { code: eventCode } = await api('getEventCheckinCode', { eventId: 'e-lecture-now', purpose: 'in' }, 'o-demo-2023011102');
  const lecture = await api('getEventAttendance', { eventId: 'e-lecture-now' }, 'o-demo-2023011102');
  const attendee = lecture.rows.find((r) => r.registration === 'confirmed' && r.state === 'absent');
  if (!attendee) throw new Error('no confirmed attendee left for the lecture');
  await storeDemoUser(attendee.studentNo);
  await page.goto(`${base}/#/packages/checkin/scan/index`);
  await page.reload();
  await page.locator('.scan-page .scan-start:visible').waitFor();
  await shot('checkin-scan');
  await page.locator('.scan-page .scan-type-toggle:visible').click();
  await page.locator('.scan-page .scan-code-input input:visible').fill(eventCode);
  await page.locator('.scan-page .scan-code-submit:visible').click();
  await page.locator('.scan-page .scan-result--ok:visible').waitFor();
  await shot('checkin-scan-result');
  // Check-in (officer subpackage): the branch officer of the lecture on now scans students' 签到码 (read from their
  // own pages in a second browser, as a camera would read their screens), once with the network cut; then the live
  // list and the event code. The lecture's students are not among the demo switch's picks: act as them through the
  // stored demo identity.
  {
    const lecture = 'e-lecture-now';
    const students = await kit.open('phone');
    const codeOf = async (studentNo) => {
      await students.goto(`${base}/#/pages/me/index`);
      // A fresh pass for each student (the page keeps one per event on the phone).
      await students.evaluate(([id, ev]) => {
        localStorage.setItem('ysc.demoUser', JSON.stringify({ data: id }));
        localStorage.removeItem(`ysc.checkin.pass.${ev}`);
      }, [studentNo, lecture]);
      await students.goto(`${base}/#/packages/checkin/pass/index?eventId=${lecture}`);
      await students.reload();
      const qr = students.locator('[data-testid="checkin-qr"][data-code^="Y1."]:visible');
      await qr.waitFor();
      return qr.getAttribute('data-code');
    };
    const scanned = async (code, seq) => {
      await page.locator('.scanner-page .scanner-code-input textarea:visible').fill(code);
      await page.locator('.scanner-page .scanner-code-submit:visible').click();
      await page.locator(`.scanner-page .scanner-result[data-seq="${seq}"]:visible`).waitFor();
    };
    // Whoever has not come yet (the student check-in shots above took one): two were checked in by hand earlier (their
    // phones had no battery), three show their codes now.
    const absent = (await api('getEventAttendance', { eventId: lecture }, '2023011102')).rows
      .filter((r) => r.registration === 'confirmed' && r.state === 'absent')
      .map((r) => r.studentNo);
    if (absent.length < 5) throw new Error(`only ${absent.length} confirmed students of ${lecture} left to check in`);
    for (const no of absent.slice(3, 5)) {
      await api('correctAttendance', { eventId: lecture, studentNo: no, op: 'check_in', reason: '手机没电，现场核实本人' }, '2023011102');
    }
    const codes = [];
    for (const no of absent.slice(0, 3)) codes.push(await codeOf(no));

    await actAs('2023011102');
    await page.waitForTimeout(TOAST_FADES);
    await page.locator('.me-page .checkin-entry').click();
    await page.locator(`.checkin-events-page .checkin-event[data-id="${lecture}"]`).waitFor();
    await shot('officer-checkin-events');
    await page.locator(`.checkin-events-page .checkin-event[data-id="${lecture}"] .checkin-event-scan`).click();
    await page.locator('.scanner-page .scanner-package--ready:visible').waitFor();
    await scanned(codes[0], 1);
    await scanned(codes[1], 2);
    await shot('officer-scan');
    await page.context().setOffline(true);
    await scanned(codes[2], 3);
    await page.locator('.scanner-page .scanner-pending:visible').waitFor();
    await shot('officer-scan-offline');
    await page.context().setOffline(false);
    await page.locator('.scanner-page .scanner-report:visible').waitFor({ timeout: 30_000 });
    await page.locator('.scanner-page .scanner-open-attendance:visible').click();
    await page.locator('.attendance-page .attendance-row[data-state="in"]:visible').first().waitFor();
    await shot('officer-attendance');
    await page.locator(`.attendance-page .attendance-row[data-student-no="${absent[1]}"]:visible`).click();
    await page.locator('.attendance-page .correction-sheet:visible').waitFor();
    await page.locator('.attendance-page .correction-op-undo_check_in:visible').click();
    await shot('officer-attendance-correction');
    await page.locator('.attendance-page .correction-close:visible').click();
    // 到场名单's search: the last digits of a 学号, across 已到 and 未到.
    await page.locator('.attendance-page .attendance-search input:visible').fill(absent[0].slice(-4));
    await page.locator(`.attendance-page .attendance-row[data-student-no="${absent[0]}"]:visible`).waitFor();
    await shot('officer-attendance-search');

    await page.goto(`${base}/#/packages/officer/event-code/index?eventId=${lecture}`);
    await page.locator('.event-code-page .event-code-qr[data-code^="Y1E."]:visible').waitFor();
    await shot('officer-event-code');
    await students.context().close();
  }
  // Social-practice teams (subpackage packages/teams) and an application to an approval-required event: a student
  // opens 创建团队 from the 三下乡's page, joins 青禾调研队 with its code, leads a 返家乡 team of their own (我的团队),
  // then applies to the 志愿者招募 (申请已提交，等待主办方审核).
  {
    await actAs('2025013101');
    await page.waitForTimeout(TOAST_FADES);
    await page.goto(`${base}/#/pages/event/index?id=e-practice-sanxiaxiang`);
    await page.locator('.event-page .team-entry:visible').waitFor();
    await shot('event-detail-team');
    await page.locator('.event-page .team-create:visible').click();
    const create = page.locator('.create-team-page:visible');
    await create.locator('.team-name-input input').fill('星火宣讲队');
    await create.locator('.team-project-input input').fill('孝昌县乡村振兴政策宣讲与青少年普法');
    await shot('teams-create');

    await page.goto(`${base}/#/packages/teams/join/index`);
    const join = page.locator('.join-team-page:visible');
    await join.locator('.join-code-input input').fill('QH5P8R');
    await shot('teams-join');
    await join.locator('.join-submit').click();
    await page.locator('.my-teams-page:visible .team-card', { hasText: '青禾调研队' }).waitFor();

    await api('createTeam', { eventId: 'e-practice-fanjiaxiang', name: '归雁调研小组', project: '家乡社区养老服务现状调研', mentor: '' }, '2025013101');
    await page.reload(); // 我的团队 again, fresh: the 返家乡 team was made over the API
    await page.locator('.my-teams-page:visible .team-card', { hasText: '归雁调研小组' }).waitFor();
    await shot('teams', { top: true });

    await page.goto(`${base}/#/pages/event/index?id=e-volunteer-recruit`);
    await page.locator('.event-page .signup-button:visible').click();
    await page.locator('.event-page .application-pending:visible').waitFor();
    await page.waitForTimeout(TOAST_FADES);
    await shot('event-detail-pending');
  }
  // The committee's tools (subpackage packages/committee): 活动管理, 发布活动 (a first-aid session with errors named
  // under their fields, then filled in), its preview, 报名审核 of the 志愿者招募, 年度目标看板 on a phone and on a
  // computer (1280×800), 实践团队审核 and 消息发件箱 after 立即运行定时任务.
  {
    await actAs('o-demo-admin', page.locator('.me-page .committee-entry'));
    await page.waitForTimeout(TOAST_FADES);
    await page.goto(`${base}/#/packages/committee/events/index`);
    await page.locator('.events-admin-page:visible .events-admin-tab-published').first().click();
    await page.locator('.events-admin-page:visible .managed-event').first().waitFor();
    await shot('committee-events');

    await page.goto(`${base}/#/packages/committee/event-edit/index?category=firstaid`);
    const form = page.locator('.event-edit-page:visible').first();
    await form.locator('.event-title-input input').waitFor();
    await form.locator('.event-save').click();
    await form.locator('.field-error').first().waitFor();
    await page.waitForTimeout(TOAST_FADES);
    await shot('committee-event-edit-error');
    await form.locator('.event-title-input input').fill('红十字应急救护普及培训（第 12 期）');
    await form.locator('.event-location-input input').fill('医学院技能实训中心 2 楼');
    await form.locator('.event-description-input textarea').fill('心肺复苏（CPR）与 AED 使用、创伤包扎；培训后现场考核，通过者登记红十字救护证书编号。');
    await form.locator('.event-college [data-value="医学院"]').click();
    await form.locator('.event-assessment-bonus input').fill('0.5');
    await page.evaluate(() => document.querySelector('.event-form-kind')?.scrollIntoView());
    await shot('committee-event-edit');
    await form.locator('.event-save-preview').click();
    await page.locator('.event-preview-page:visible .preview-publish').first().waitFor();
    await shot('committee-event-preview');

    await page.goto(`${base}/#/packages/committee/applications/index?id=e-volunteer-recruit&title=${encodeURIComponent('志愿者招募')}`);
    await page.locator('.applications-page:visible .application-row, .applications-page:visible .applications-empty').first().waitFor();
    await shot('committee-applications');

    await page.goto(`${base}/#/packages/committee/dashboard/index`);
    await page.locator('.dashboard-page:visible .target-card').first().waitFor();
    await shot('committee-dashboard', { top: true });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.waitForTimeout(600);
    await shot('committee-dashboard-desktop', { top: true });
    await page.setViewportSize({ width: 375, height: 812 });

    await page.goto(`${base}/#/packages/committee/teams/index`);
    await page.locator('.teams-review-page:visible .team-review, .teams-review-page:visible .teams-empty').first().waitFor();
    await shot('committee-teams');

    await page.goto(`${base}/#/packages/committee/outbox/index`);
    await page.locator('.outbox-page:visible .outbox-run').first().click();
    await page.locator('.outbox-page:visible .outbox-report-text').first().waitFor();
    await page.waitForTimeout(TOAST_FADES);
    await shot('committee-outbox', { top: true });
  }
} finally {
  await kit.close();
}

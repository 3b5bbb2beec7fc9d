// The committee's pages as a teacher sees them: every page at 1280×800 (a computer, as after web login) and, where
// the page is also used in the mini program, at 375×812. Builds nothing itself (run `npx taro build --type h5` and
// `node scripts/build-server.mjs` first); starts the local server on a fresh demo database at TEST_CLOCK_START.
// Usage: node scripts/screenshots-committee.mjs   (SCREENSHOTS_DIR=<dir> writes them elsewhere)
import { CLOCK, startKit } from './screenshot-kit.mjs';

const ADMIN = 'o-demo-admin';
const kit = await startKit();
const { base, api, open } = kit;
const actAs = (page, id) => kit.switchTo(page, id, { settle: 2200 }); // the “已切换” toast fades
/** A committee page (route under packages/committee/) once `ready` shows. */
const shot = (page, name, route, ready, options) => kit.shotAt(page, name, `packages/committee/${route}`, ready, options);

const PAGES = [
  ['home', 'home/index', '.committee-home:visible .committee-tool-events', true],
  ['events', 'events/index', '.events-admin-page:visible .managed-event', true],
  ['event-edit', 'event-edit/index', '.event-edit-page:visible .event-save', false],
  ['event-preview', 'event-preview/index?id=e-firstaid-basic', '.event-preview-page:visible .preview-lifecycle', false],
  ['applications', 'applications/index?id=e-volunteer-recruit', '.applications-page:visible .application-row', false],
  ['dashboard', 'dashboard/index', '.dashboard-page:visible .target-card', true],
  ['teams', 'teams/index', '.teams-review-page:visible .team-review', false],
  ['outbox', 'outbox/index', '.outbox-page:visible .outbox-group', true],
  ['roster', 'roster/index', '.roster-page:visible .roster-pick', false],
  ['roles', 'roles/index', '.roles-page:visible .invitation-row', true],
  ['audit', 'audit/index', '.audit-page:visible .audit-entry', true],
  ['credits', 'credits/index', '.credits-page:visible .credit-group', true],
  ['credit-import', 'credit-import/index', '.credit-import-page:visible .credit-import-pick', false],
  ['credit-settings', 'credit-settings/index', '.credit-settings-page:visible .settings-module', false],
  ['poster', 'poster/index?id=e-firstaid-basic', '.poster-page:visible .poster-code img', true],
  ['data-requests', 'data-requests/index', '.data-requests-page:visible .data-request-row', true],
];

try {
  await api('runScheduledJobs', {}, ADMIN); // reminders for the next 24 hours: the outbox has something to show
  const desk = await open('desk');
  await actAs(desk, ADMIN);
  for (const [name, route, ready] of PAGES) await shot(desk, `committee-${name}-desktop`, route, ready);

  // 发布活动 of an event with its own cover (the demo's 主题团日): the card's top as students see it, 更换 / 移除封面.
  await shot(desk, 'committee-event-edit-cover-desktop', 'event-edit/index?id=e-theme-twenty', '.event-edit-page:visible .cover-remove');

  // 角色管理 in use: a student found by name, the role and branch picked; an invitation just made.
  await shot(desk, 'committee-roles-search-desktop', 'roles/index', '.roles-page:visible .invitation-row', {
    before: async (page) => {
      const roles = page.locator('.roles-page:visible');
      await roles.locator('.person-search-input input').fill('王');
      await roles.locator('.person-search-submit').click();
      await roles.locator('.person-result[data-kind="student"]:not(.person-result--unbound)').first().click();
      await roles.locator('.role-pick-branch_officer').click();
      await roles.locator('.role-scope-picker-filter input').fill('软件');
      await roles.locator('.role-scope-picker .branch-option').first().click();
      await roles.locator('.invite-name input').fill('王老师');
      await roles.locator('.invite-role-college_officer').click();
      await roles.locator('.invite-scope-picker .college-option[data-value="医学院"]').click();
      await roles.locator('.invite-create').click();
      await roles.locator('.invite-code').waitFor();
    },
  });
  await shot(desk, 'committee-outbox-open-desktop', 'outbox/index', '.outbox-page:visible .outbox-group', {
    before: async (page) => {
      await page.locator('.outbox-page:visible .outbox-group-open').first().click();
      await page.locator('.outbox-page:visible .outbox-item').first().waitFor();
    },
  });
  await shot(desk, 'committee-dashboard-college-desktop', 'dashboard/index', '.dashboard-page:visible .target-card', {
    before: async (page) => {
      await page.locator('.dashboard-page:visible .dashboard-college [data-value="医学院"]').click();
      await page.locator('.dashboard-page:visible .target-card[data-scope="college_share"]').first().waitFor();
    },
  });

  const phone = await open('phone');
  await actAs(phone, ADMIN);
  for (const [name, route, ready, onPhone] of PAGES) if (onPhone) await shot(phone, `committee-${name}`, route, ready);

  // A teacher accepts an invitation on the phone (the mini program's page, here its H5 twin).
  const { code } = await api('createRoleInvitation', { role: 'college_officer', scope: '医学院', inviteeName: '李老师' }, ADMIN);
  const teacher = await open('phone');
  await actAs(teacher, 'o-demo-newcomer-2');
  await shot(teacher, 'committee-invite', `invite/index?code=${code}`, '.invite-page:visible .invite-offer');
  await teacher.locator('.invite-page:visible .invite-accept').click();
  await teacher.locator('.invite-page:visible .invite-accepted').waitFor();
  await kit.shot(teacher, 'committee-invite-accepted', { settle: 2200 });

  // The two non-committee pages touched for a desk: 成绩单验证's button and the 活动码 on a projector.
  const verify = await open('desk');
  await verify.goto(`${base}/#/packages/transcript/verify/index`);
  await verify.locator('.verify-page:visible .verify-submit').waitFor();
  await kit.shot(verify, 'transcript-verify-desktop', { settle: 600 });
  await desk.goto(`${base}/#/packages/officer/event-code/index?eventId=e-lecture-now`);
  await desk.locator('.event-code-page:visible .event-code-qr').first().waitFor({ timeout: 20000 }).catch(() => {});
  await kit.shot(desk, 'officer-event-code-desktop', { settle: 800 });

  // Fair seats (issue 16): 缺席限制报名 beside 缺席扣分, 抽签优先 in 发布活动 (editable, then committed), and 开奖.
  const toView = (selector) => async (page) => {
    await page.locator(selector).first().evaluate((el) => {
      el.scrollIntoView({ block: 'start' });
      window.scrollBy(0, -16);
    });
  };
  const blockRuleOn = async (page) => {
    const card = page.locator('.credit-settings-page:visible .settings-block-rule');
    if (!(await card.locator('.block-rule-toggle--on').count())) await card.locator('.block-rule-toggle').click();
    await card.locator('.block-rule-save').click();
    await card.locator('.block-rule-saved').waitFor();
    await page.waitForTimeout(2300); // the “已保存” toast fades
    await toView('.credit-settings-page:visible .settings-page__pair')(page);
  };
  await shot(desk, 'committee-conduct-settings-desktop', 'credit-settings/index', '.credit-settings-page:visible .block-rule-save', { before: blockRuleOn });
  const lotteryForm = async (page) => {
    const form = page.locator('.event-edit-page:visible');
    await form.locator('.event-title-input input').fill('应急救护 AED 实操小班（第二期）');
    await form.locator('.event-lottery').click();
    await form.locator('.lottery-priority-add-module').click();
    await form.locator('.priority-weight-0 .choice-chip[data-value="3"]').click();
    await form.locator('.lottery-priority-add-college').click();
    await form.locator('.priority-college-1 .choice-chip[data-value="医学院"]').click();
    await toView('.event-edit-page:visible .event-lottery')(page);
    await page.evaluate(() => window.scrollBy(0, -60));
  };
  await shot(desk, 'committee-event-edit-lottery-desktop', 'event-edit/index?category=firstaid', '.event-edit-page:visible .event-save', { before: lotteryForm });
  const hour = 3_600_000;
  const at = (hours) => new Date(Date.parse(CLOCK) + hours * hour).toISOString();
  const { event: drafted } = await api('saveEvent', {
    fields: {
      title: '红十字救护员培训（抽签）', category: 'firstaid', details: { kind: 'firstaid', level: '救护员', assessment: true },
      organizer: '校团委 · 校红十字会', location: '医学院技能中心 201', description: '',
      startAt: at(120), endAt: at(124), signupStartAt: at(24), signupEndAt: at(72), cancelDeadlineAt: at(96),
      capacity: 30, waitlistEnabled: true, approvalRequired: false, audience: { colleges: [], grades: [], leagueMembersOnly: false },
      creditRule: { base: { kind: 'fixed', module: 'skills', amount: 100 }, assessmentBonus: null }, credits: 1,
      host: { kind: 'college', unit: '医学院' }, checkoutRequired: true, minStayRatio: 0.6, allowWalkIns: false,
      signupMode: 'lottery', lotteryPriority: [{ kind: 'new_to_module', module: 'skills', weight: 3 }, { kind: 'college', college: '医学院', weight: 2 }],
    },
  }, ADMIN);
  await api('changeEventStatus', { eventId: drafted.id, action: 'publish' }, ADMIN);
  await shot(desk, 'committee-event-edit-lottery-locked-desktop', `event-edit/index?id=${drafted.id}`, '.event-edit-page:visible .lottery-priority-locked', {
    before: toView('.event-edit-page:visible .event-form-seats'),
  });
  // 开奖 on the lottery just published (its window still ahead); 已开奖 on the seeded lecture, drawn and closed since.
  const drawRow = async (page) => {
    await page.locator('.events-admin-page:visible .events-admin-tab-published').first().click();
    await page.locator(`.events-admin-page:visible .managed-event[data-id="${drafted.id}"] .managed-event-draw`).waitFor();
    await toView(`.events-admin-page:visible .managed-event[data-id="${drafted.id}"]`)(page);
  };
  const drawnRow = async (page) => {
    await page.locator('.events-admin-page:visible .events-admin-tab-closed').first().click();
    await page.locator('.events-admin-page:visible .managed-event[data-id="e-lottery-lecture"] .managed-event-drawn').waitFor();
    await toView('.events-admin-page:visible .managed-event[data-id="e-lottery-lecture"]')(page);
  };
  await shot(desk, 'committee-events-lottery-desktop', 'events/index', '.events-admin-page:visible .managed-event', { before: drawRow });
  await shot(desk, 'committee-events-lottery-drawn-desktop', 'events/index', '.events-admin-page:visible .managed-event', { before: drawnRow });
  await shot(phone, 'committee-conduct-settings', 'credit-settings/index', '.credit-settings-page:visible .block-rule-save', {
    before: toView('.credit-settings-page:visible .settings-block-rule'),
  });
  await shot(phone, 'committee-event-edit-lottery', 'event-edit/index?category=firstaid', '.event-edit-page:visible .event-save', { before: lotteryForm });
  await shot(phone, 'committee-events-lottery', 'events/index', '.events-admin-page:visible .managed-event', { before: drawRow });
} finally {
  await kit.close();
}

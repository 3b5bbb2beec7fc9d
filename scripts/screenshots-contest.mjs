// 百生讲坛's pages as a student, a judge and the committee see them (375×812; the committee's also at 1280×800), on a
// fresh demo database at TEST_CLOCK_START: the seed has 信息技术学院's 院赛 published, 医学院's under judging, the 校赛
// open. Builds nothing itself (run `npx taro build --type h5` and `node scripts/build-server.mjs` first).
// Usage: node scripts/screenshots-contest.mjs   (SCREENSHOTS_DIR=<dir> writes them elsewhere)
import { startKit } from './screenshot-kit.mjs';

const kit = await startKit();
const { api } = kit;
const open = kit.open;
const actAs = (page, id) => kit.switchTo(page, id, { settle: 2200 }); // the “已切换” toast fades
const shot = kit.shotAt;

try {
  // A student who advanced from the 院赛: their results, and the 校赛 open to them.
  const student = await open();
  await actAs(student, '2023011101');
  await shot(student, 'contest-home', 'packages/contest/home/index', '.contest-home-page .entry-result-label');
  await shot(student, 'contest-home-rounds', null, '.contest-home-page .round-card', {
    before: (p) => p.locator('.contest-home-page .round-card').first().evaluate((el) => el.scrollIntoView({ block: 'start' })),
  });
  // Entering the 校赛's 主讲人 track.
  const home = await api('getContestHome', {}, '2023011101');
  const school = home.rounds.find((r) => r.level === 'school');
  await shot(student, 'contest-enter', `packages/contest/enter/index?roundId=${school.id}&track=speaker`, '.contest-enter-page .entry-save', {
    before: async (p) => {
      await p.locator('.entry-topic-input input').fill('青春向党 强国有我');
      await p.locator('.entry-outline-input textarea').fill('一、从一封家书讲起：青年与时代；二、身边的榜样；三、我们能做什么。');
    },
  });

  // A lecturer team member: progress and the form to record a talk.
  const lecturer = await open();
  await actAs(lecturer, '2024021101');
  await shot(lecturer, 'contest-talks', 'packages/contest/talks/index', '.talks-page .talk-save');

  // A judge (a teacher): the list, then one entry's sheet.
  const judge = await open();
  await actAs(judge, 'o-demo-judge-liu');
  await shot(judge, 'contest-judging', 'packages/contest/judging/index', '.judging-page .judging-entry--todo');
  const todo = (await api('listMyJudging', {}, 'o-demo-judge-liu')).rounds.flatMap((r) => r.entries).find((e) => !e.scored);
  await shot(judge, 'contest-score', `packages/contest/score/index?entryId=${encodeURIComponent(todo.entryId)}`, '.score-page .score-submit', {
    before: async (p) => {
      for (const [id, v] of [['content', '88'], ['delivery', '85.5'], ['design', '80'], ['effect', '90']]) await p.locator(`.score-input-${id} input`).fill(v);
    },
  });

  // The committee: the rounds, a round under judging and the published one.
  for (const size of ['desk', 'phone']) {
    const admin = await open(size);
    await actAs(admin, 'o-demo-admin');
    const suffix = size === 'desk' ? '' : '-phone';
    await shot(admin, `committee-contest${suffix}`, 'packages/committee/contest/index', '.contest-rounds-page:visible .contest-round-row');
    await shot(admin, `committee-lecturers${suffix}`, 'packages/committee/lecturers/index', '.lecturers-page:visible .pending-talk');
    if (size === 'desk') {
      const rounds = (await api('listContestRounds', {}, 'o-demo-admin')).rounds;
      const published = rounds.find((r) => r.status === 'published');
      const judging = rounds.find((r) => r.status === 'judging');
      await shot(admin, 'committee-contest-published', `packages/committee/contest-round/index?id=${published.id}`, '.contest-round-page:visible .ranking-row', {
        before: (p) => p.locator('.contest-round-page:visible .contest-ranking').first().evaluate((el) => el.scrollIntoView({ block: 'start' })),
      });
      await shot(admin, 'committee-contest-judging', `packages/committee/contest-round/index?id=${judging.id}`, '.contest-round-page:visible .round-entry');
      await shot(admin, 'committee-contest-new', 'packages/committee/contest/index', '.contest-rounds-page:visible .contest-round-row', {
        before: (p) => p.locator('.contest-rounds-page:visible .contest-round-new').first().click(),
      });
    }
  }
} finally {
  await kit.close();
}

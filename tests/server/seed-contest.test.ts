import { dispatch, type HandlerContext } from '../../server/dispatch';
import { DEMO_JUDGES } from '../../server/local/seed-contest';
import { seedDemoData } from '../../server/local/seed';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { SHANGHAI_MOMENTS } from '../support/test-moment';

/**
 * The demo shows 百生讲坛 whatever the moment it is laid out around: 2023011101 reads 晋级校赛 and may enter the school
 * round; 刘洋 has 医学院 entries waiting, 赵敏 (of 医学院) none of them; the committee sees three rounds; the lecturer
 * team has a member with a talk waiting.
 */
describe.each(SHANGHAI_MOMENTS)('demo seed: 百生讲坛, seeded at %s', (_label, now) => {
  let storage: SqliteStorage;
  const as = (user: string): HandlerContext => ({ storage, caller: { kind: 'demo', user }, now: () => now, demoMode: true });
  const ok = async (action: string, payload: unknown, ctx: HandlerContext) => {
    const r = await dispatch({ action, payload }, ctx);
    if (!r.ok) throw new Error(`${action}: ${r.code} ${r.message}`);
    return r.data as any;
  };

  beforeAll(async () => {
    storage = new SqliteStorage({ file: ':memory:' });
    await seedDemoData(storage, now);
  });
  afterAll(async () => {
    await storage.close();
  });

  it('shows a student their advancement and the school round open to them', async () => {
    const home = await ok('getContestHome', {}, as('2023011101'));
    // Their own 主讲人 entry, and their branch's 团支部 entry (they are of the branch).
    expect(home.entries.map((e: any) => e.track).sort()).toEqual(['branch', 'speaker']);
    expect(home.entries.find((e: any) => e.track === 'speaker').result).toMatchObject({ rank: 1, advanced: true, label: expect.stringContaining('晋级校赛') });
    const school = home.rounds.find((r: any) => r.level === 'school');
    expect(school.tracksForMe.find((t: any) => t.track === 'speaker').state).toBe('can_enter');
  });

  it('gives the judges their work, the conflict rule applied, and the committee its rounds', async () => {
    const liu = await ok('listMyJudging', {}, as(DEMO_JUDGES[0].openid));
    const medLiu = liu.rounds.find((r: any) => r.college === '医学院');
    expect(medLiu.entries.filter((e: any) => !e.scored)).toHaveLength(2);
    const zhao = await ok('listMyJudging', {}, as(DEMO_JUDGES[1].openid));
    expect(zhao.rounds.find((r: any) => r.college === '医学院')?.entries ?? []).toEqual([]);
    const rounds = await ok('listContestRounds', {}, as('o-demo-admin'));
    expect(rounds.rounds.map((r: any) => r.status).sort()).toEqual(['judging', 'open', 'published']);
    // A teacher judge has no 学号: the home says they judge, with no entries of their own.
    expect(await ok('getContestHome', {}, as(DEMO_JUDGES[0].openid))).toMatchObject({ judge: true, entries: [], lecturer: null });
    const users = await ok('listDemoUsers', {}, as('o-demo-admin'));
    expect(users.users.map((u: any) => u.name)).toEqual(expect.arrayContaining(['刘洋', '赵敏']));
  });

  it('lists the lecturer team with its progress', async () => {
    const team = await ok('listLecturers', {}, as('o-demo-admin'));
    expect(team.lecturers).toHaveLength(3);
  });
});

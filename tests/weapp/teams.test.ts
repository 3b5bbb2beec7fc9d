/**
 * Social-practice teams in the BUILT weapp (dist/weapp, subpackage packages/teams) rendered in miniprogram-simulate,
 * with the real handlers on a seeded SQLite database behind wx.cloud.callFunction (see ./harness.ts). The seed has
 * 青禾调研队, forming on the 三下乡 with two members and the join code QH5P8R; a demo student who starts clean joins
 * it with the code and then finds it under 我的团队.
 */
import { dispatch } from '../../server/dispatch';
import type { ActionOutput } from '../../types/actions';
import { bootWeapp, clipboard, createBackend, navigations, openPage, systemToasts, visibleText, type Backend, type PageHandle } from './harness';

const STUDENT_NO = '2024011101';
const OPENID = `o-demo-${STUDENT_NO}`;
const JOIN_CODE = 'QH5P8R';

jest.setTimeout(40_000);

let backend: Backend;
const opened: PageHandle[] = [];

beforeAll(async () => {
  backend = await createBackend({ openid: OPENID });
  bootWeapp(backend);
});

afterAll(async () => {
  for (const page of opened) page.close();
  await backend?.close();
});

async function myTeams(): Promise<ActionOutput<'getMyTeams'>['teams']> {
  const result = await dispatch(
    { action: 'getMyTeams', payload: {} },
    { storage: backend.storage, caller: backend.caller, now: () => new Date(), demoMode: false, idHashKey: backend.idHashKey, checkinKeys: backend.checkinKeys },
  );
  if (!result.ok) throw new Error(`getMyTeams refused: ${result.code}`);
  return (result.data as ActionOutput<'getMyTeams'>).teams;
}

describe('weapp build, 社会实践团队 (packages/teams)', () => {
  /** 我的团队, opened once (a route opens once per file) and kept for the copy test. */
  let teamsPage: PageHandle;

  it('refuses a wrong code in the server\'s words, then joins 青禾调研队 with its code', async () => {
    expect(await myTeams()).toEqual([]);
    const page = await openPage('packages/teams/join/index', {}, backend);
    opened.push(page);
    await page.waitFor('the join form', () => page.findAll('join-submit')[0]);

    await page.type(page.find('join-code-input'), 'ZZZZ22');
    await page.tap(page.find('join-submit'));
    const refusal = await page.waitFor('the refusal', () => page.findAll('join-error')[0]);
    expect(visibleText(refusal)).toBe('入队码不正确，请向队长核对');

    await page.type(page.find('join-code-input'), JOIN_CODE.toLowerCase());
    await page.tap(page.find('join-submit'));
    await page.waitFor('the move to 我的团队', () => navigations.find((n) => n.url.includes('/packages/teams/index/index')));
    expect(backend.calls.filter((c) => c.action === 'joinTeam').map((c) => c.ok)).toEqual([false, true]);

    const [team] = await myTeams();
    expect(team.name).toBe('青禾调研队');
    expect(team.members.map((m) => m.studentNo)).toContain(STUDENT_NO);
  });

  it('shows the team under 我的团队 with its members, the join code to share, and 退出团队 for a member', async () => {
    const [expected] = await myTeams();
    const page = await openPage('packages/teams/index/index', {}, backend);
    opened.push(page);
    teamsPage = page;
    const card = await page.waitFor('the team card', () => page.findAll('team-card')[0]);
    // data-* attributes do not reach the simulator's tree: the status class says it.
    expect(page.findAll('team-status--forming', card)).toHaveLength(1);
    expect(visibleText(page.find('team-name', card))).toBe('青禾调研队');
    expect(visibleText(page.find('team-status', card))).toBe('组建中');
    expect(visibleText(page.find('team-mentor', card))).toBe(expected.mentor);
    expect(page.findAll('team-member', card)).toHaveLength(expected.members.length);
    expect(visibleText(page.find('team-size', card))).toContain(`${expected.members.length} 人`);
    expect(visibleText(page.find('team-join-code', card))).toBe(JOIN_CODE);
    // A member, not the leader: may leave while forming, cannot sign the team up.
    expect(page.findAll('team-leave', card)).toHaveLength(1);
    expect(page.findAll('team-signup', card)).toHaveLength(0);
  });

  it('copying the join code leaves the one toast to WeChat (内容已复制): the page adds none, its button says 已复制', async () => {
    const page = teamsPage;
    const card = await page.waitFor('the team card', () => page.findAll('team-card')[0]);
    const toastsBefore = systemToasts.length;
    await page.tap(page.find('team-copy-code', card));
    await page.waitFor('the join code on the clipboard', () => clipboard.includes(JOIN_CODE));
    await page.waitFor('the button saying 已复制', () => visibleText(page.find('team-copy-code', card)).includes('已复制'));
    // WeChat's own toast, once; the page's toast (.toast-message) says nothing.
    expect(systemToasts.slice(toastsBefore)).toEqual(['内容已复制']);
    expect(page.findAll('toast-message').map((el) => visibleText(el)).filter(Boolean)).toEqual([]);
    expect(page.text()).not.toContain('入队码已复制');
  });
});

import type { ActionName, ApiResult } from '../../types';
import { dispatch, type HandlerContext } from '../../server/dispatch';
import { ContentCheckError, type ContentChecker, type TextToCheck } from '../../server/features/content/checker';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { eventFields } from '../support/event-fields';
import { NOW, at, detailsFor, makeEvent, makeStudent, makeTeam, studentNo } from '../support/factories';

/**
 * What users publish for others to read is checked before anything is written (WeChat's msgSecCheck on CloudBase,
 * here a checker that refuses one word): an appeal's note, a team's report, an event's title, place and description.
 * A refusal says in Chinese which field to change and what was seen in it, and stores nothing; a check that cannot
 * be made stores nothing either. Without a checker (the local server) everything passes.
 */
const ADMIN = 'o-admin';
let storage: SqliteStorage;
let asked: TextToCheck[];
let checker: ContentChecker;

const refusingOneWord: ContentChecker = {
  async checkText(input) {
    asked.push(input);
    return input.text.includes('违禁词') ? { ok: false, label: 20003 } : { ok: true, checked: true };
  },
  async submitImage() {
    return { traceId: null };
  },
};

function as(openid: string, now: Date = NOW, contentCheck: ContentChecker | null = checker): HandlerContext {
  return { storage, caller: { kind: 'wechat', openid }, now: () => now, demoMode: false, contentCheck: contentCheck ?? undefined };
}
const call = (action: ActionName, payload: unknown, ctx: HandlerContext): Promise<ApiResult<any>> => dispatch({ action, payload }, ctx);

beforeEach(async () => {
  storage = new SqliteStorage({ file: ':memory:' });
  asked = [];
  checker = refusingOneWord;
  await storage.putStudents([makeStudent(1, { openid: 'openid-1' }), makeStudent(2, { openid: 'openid-2' })]);
  await storage.putEvents([
    makeEvent(),
    makeEvent({ id: 'ev-practice', category: 'practice', tag: '三下乡', details: detailsFor('practice') }),
  ]);
  await storage.grantRole(
    { openid: ADMIN, role: 'committee_admin', scope: '', grantedBy: 'system', grantedAt: NOW.toISOString() },
    { at: NOW.toISOString(), actor: 'system', action: 'grantRole', target: ADMIN, detail: '{}' },
  );
  await storage.signUp('ev-lecture', studentNo(1), NOW);
});
afterEach(() => storage.close());

const AFTER_START = at(97);

describe('content checks before anything is written', () => {
  it('an appeal note: checked as a comment by its writer, refused naming 申诉说明, no appeal and no audit entry', async () => {
    const refused = await call('fileAppeal', { eventId: 'ev-lecture', note: '我来了，这里有违禁词' }, as('openid-1', AFTER_START));
    expect(refused).toEqual({ ok: false, code: 'CONTENT_REFUSED', message: '“申诉说明”中有辱骂内容，未通过内容安全检查，请修改后再提交' });
    expect(asked).toEqual([{ text: '我来了，这里有违禁词', openid: 'openid-1', scene: 'comment' }]);
    expect(await storage.getAppeal(`ev-lecture:${studentNo(1)}`)).toBeNull();
    expect(await storage.listAudit(10)).toHaveLength(1); // the grant of beforeEach only
    expect(await call('fileAppeal', { eventId: 'ev-lecture', note: '我参加了活动，但没有记入学分' }, as('openid-1', AFTER_START))).toMatchObject({ ok: true });
  });

  it('a team report: title and summary checked as a forum post, the refused one named, the team unchanged', async () => {
    await storage.createTeam(makeTeam({ eventId: 'ev-practice', status: 'signed_up' }));
    const report = { teamId: 'team-1', title: '乡村支教报告', summary: '我们在三所小学支教两周，这里有违禁词，收获很多。', link: '' };
    const refused = await call('submitTeamReport', report, as('openid-1'));
    expect(refused).toMatchObject({ ok: false, code: 'CONTENT_REFUSED' });
    expect((refused as { message: string }).message).toContain('“报告摘要”');
    expect(asked.map((a) => a.scene)).toEqual(['forum', 'forum']);
    expect((await storage.getTeam('team-1'))!).toMatchObject({ status: 'signed_up', report: null });
  });

  it('a new team: its name and project checked as a profile, the refused one named, no team made', async () => {
    const team = { eventId: 'ev-practice', name: '违禁词小队', project: '乡村小学暑期支教', mentor: '王老师' };
    const refused = await call('createTeam', team, as('openid-1'));
    expect(refused).toMatchObject({ ok: false, code: 'CONTENT_REFUSED' });
    expect((refused as { message: string }).message).toContain('“团队名称”');
    expect(asked).toEqual([
      { text: '违禁词小队', openid: 'openid-1', scene: 'profile' },
      { text: '乡村小学暑期支教', openid: 'openid-1', scene: 'profile' },
    ]);
    expect(await call('getMyTeams', {}, as('openid-1'))).toMatchObject({ ok: true, data: { teams: [] } });
    expect(await call('createTeam', { ...team, name: '红烛支教队' }, as('openid-1'))).toMatchObject({ ok: true });
  });

  it('an event: title, place and description checked; a refused description stores no event', async () => {
    const refused = await call('saveEvent', { fields: eventFields({ description: '报名从速，违禁词。' }) }, as(ADMIN));
    expect(refused).toMatchObject({ ok: false, code: 'CONTENT_REFUSED' });
    expect((refused as { message: string }).message).toContain('“活动介绍”');
    expect(asked.map((a) => a.text)).toEqual(['红十字应急救护普及培训（第一期）', '医学院技能中心 201', '报名从速，违禁词。']);
    const titles = async () => ((await call('listManagedEvents', {}, as(ADMIN))) as { data: { events: Array<{ title: string }> } }).data.events.map((e) => e.title);
    expect(await titles()).not.toContain('红十字应急救护普及培训（第一期）');
    expect(await call('saveEvent', { fields: eventFields() }, as(ADMIN))).toMatchObject({ ok: true });
    expect(await titles()).toContain('红十字应急救护普及培训（第一期）');
  });

  it('when the check cannot be made, answers CONTENT_CHECK_FAILED and writes nothing', async () => {
    checker = { ...refusingOneWord, checkText: async () => { throw new ContentCheckError('errcode -1: system error'); } };
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const failed = await call('fileAppeal', { eventId: 'ev-lecture', note: '我参加了活动，但没有记入学分' }, as('openid-1', AFTER_START));
    spy.mockRestore();
    expect(failed).toEqual({ ok: false, code: 'CONTENT_CHECK_FAILED', message: '内容安全检查暂时不可用，内容未保存，请稍后再试' });
    expect(await storage.getAppeal(`ev-lecture:${studentNo(1)}`)).toBeNull();
  });

  it('on the local server (no checker) everything passes', async () => {
    expect(await call('fileAppeal', { eventId: 'ev-lecture', note: '这里有违禁词也照样保存' }, as('openid-1', AFTER_START, null))).toMatchObject({ ok: true });
  });
});

import type { ApiResult } from '../../types';
import { dispatch, type HandlerContext } from '../../server/dispatch';
import { SqliteStorage } from '../../server/storage/sqlite/sqlite-storage';
import { DEFAULT_CONTEST_CREDITS, DEFAULT_SHEET } from '../../core';
import { NOW, makeStudent } from '../support/factories';
import { tempFileStore, upload } from '../support/files';

/**
 * 百生讲坛 through the handlers on SQLite: a student enters the 主讲人 track with slides, edits and others withdraw;
 * a second, a late and a malformed entry (an oversized or disallowed upload) are refused with nothing stored; the
 * organiser names three judges, the conflict rule keeps the college's own judge off; two judges score (out-of-range
 * marks refused, nothing stored; no judge sees another's score before their own), the organiser publishes and advances
 * the top entry, the student reads 晋级校赛 and holds the credits once; the lecturer team records and confirms a talk.
 */
let storage: SqliteStorage;
let files: ReturnType<typeof tempFileStore>;
const DAY = 86_400_000;
const AFTER = new Date(NOW.getTime() + 8 * DAY);
const COLLEGE = '信息工程学院';
const as = (openid: string, now = NOW): HandlerContext => ({ storage, caller: { kind: 'wechat', openid }, now: () => now, demoMode: false, files });
const call = (action: string, payload: unknown, ctx: HandlerContext) => dispatch({ action, payload }, ctx);
function ok(result: ApiResult<any>): any {
  if (!result.ok) throw new Error(`refused ${result.code}: ${result.message}`);
  return result.data;
}
const admin = (now = NOW) => as('o-admin', now);
const student = (i: number, now = NOW) => as(`openid-${i}`, now);
const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(70_000, 0x41)]);
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2_000, 1)]);
const outline = '一、学习二十大精神；二、青年的担当与行动；三、从身边做起';

const roundFields = {
  year: 2026,
  level: 'college',
  college: COLLEGE,
  title: '2026 百生讲坛 信息工程学院院赛',
  description: '院赛前两名晋级校赛',
  tracks: ['speaker', 'branch'],
  entryMode: 'open',
  deadlineAt: new Date(NOW.getTime() + 7 * DAY).toISOString(),
  sheet: DEFAULT_SHEET,
  conflictRule: true,
  judgesPerEntry: null,
  credits: DEFAULT_CONTEST_CREDITS,
  eventId: null,
};

async function grant(openid: string, role: 'committee_admin' | 'contest_judge'): Promise<void> {
  await storage.grantRole(
    { openid, role, scope: '', grantedBy: 'system', grantedAt: NOW.toISOString() },
    { at: NOW.toISOString(), actor: 'system', action: 'grantRole', target: openid, detail: '{}' },
  );
}

beforeEach(async () => {
  storage = new SqliteStorage({ file: ':memory:' });
  files = tempFileStore();
  await storage.putStudents([
    ...[1, 2, 3, 4, 5, 6].map((i) => makeStudent(i, { college: COLLEGE })),
    makeStudent(8, { college: '医学院', branch: '护理2401团支部' }),
    makeStudent(9, { college: '机电学院', branch: '机电2401团支部' }),
    makeStudent(10, { college: COLLEGE }),
  ]);
  await grant('o-admin', 'committee_admin');
  for (const i of [8, 9, 10]) await grant(`openid-${i}`, 'contest_judge');
});
afterEach(async () => {
  await storage.close();
  files.cleanup();
});

async function openRound(): Promise<string> {
  return ok(await call('saveContestRound', { fields: roundFields }, admin())).round.id as string;
}
const enter = (i: number, roundId: string, extra: Record<string, unknown> = {}, now = NOW) =>
  call('submitContestEntry', { roundId, track: 'speaker', topic: `青春宣讲 ${i}`, outline, materials: [], ...extra }, student(i, now));

it('runs a round: entering, judging with the conflict rule, publishing, 晋级校赛 and the credits once', async () => {
  const roundId = await openRound();
  const slides = await upload(student(1), 'contestSlides', '青春宣讲.pdf', pdf);
  const first = ok(await enter(1, roundId, { materials: [slides], mentor: '张老师' })).entry;
  expect(first).toMatchObject({ track: 'speaker', status: 'submitted', editable: true, materials: [{ fileId: slides, kind: 'slides', name: '青春宣讲.pdf' }] });
  ok(await enter(2, roundId));
  ok(await enter(3, roundId));
  ok(await enter(4, roundId));

  // The home page shows the round, the track entered, and no result yet.
  const home = ok(await call('getContestHome', {}, student(1)));
  expect(home.rounds).toHaveLength(1);
  expect(home.rounds[0].tracksForMe.find((t: any) => t.track === 'speaker').state).toBe('entered');
  expect(home.entries).toEqual([expect.objectContaining({ id: first.id, result: null })]);

  // Edit until the deadline; withdraw one.
  ok(await call('updateContestEntry', { entryId: first.id, topic: '青春向党 强国有我', outline, materials: [slides] }, student(1)));
  const [fourth] = await storage.listContestEntries({ studentNo: '20240004' });
  const withdrawn = ok(await call('withdrawContestEntry', { entryId: fourth.id }, student(4)));
  expect(withdrawn.entry.status).toBe('withdrawn');
  // Another student cannot change the entry.
  expect(await call('updateContestEntry', { entryId: first.id, topic: '别人的题目', outline, materials: [] }, student(2))).toMatchObject({ ok: false, code: 'FORBIDDEN' });

  // Judges: named by 学号; the college's own judge is never assigned (回避).
  ok(await call('setContestJudges', { roundId, judges: [{ account: '20240008', college: '医学院' }, { account: '20240009', college: '机电学院' }, { account: '20240010', college: COLLEGE }] }, admin()));
  expect(await call('startContestJudging', { roundId }, admin())).toMatchObject({ ok: false, code: 'CONTEST_STILL_OPEN' });
  const judging = ok(await call('startContestJudging', { roundId }, admin(AFTER))).round;
  expect(judging).toMatchObject({ status: 'judging', counts: { entries: 3, withdrawn: 1, scoresIn: 0, scoresNeeded: 6 } });
  expect(ok(await call('listMyJudging', {}, student(10, AFTER))).rounds[0].entries).toEqual([]);
  expect(await call('getJudgingEntry', { entryId: first.id }, student(10, AFTER))).toMatchObject({ ok: false, code: 'CONTEST_NOT_ASSIGNED' });
  // Frozen once judging started.
  expect(await call('updateContestEntry', { entryId: first.id, topic: '改题目', outline, materials: [] }, student(1, AFTER))).toMatchObject({ ok: false });

  const mine = ok(await call('listMyJudging', {}, student(8, AFTER))).rounds[0].entries;
  expect(mine.map((e: any) => e.entryId).sort()).toHaveLength(3);
  // Out of the sheet's range: refused, nothing stored.
  expect(await call('submitContestScore', { entryId: first.id, marks: { content: 101, delivery: 90, design: 90, effect: 90 } }, student(8, AFTER))).toMatchObject({
    ok: false,
    code: 'SCORE_OUT_OF_RANGE',
  });
  expect(await storage.getContestScore(first.id, 'openid-8')).toBeNull();

  const marks = (m: number) => ({ content: m, delivery: m, design: m, effect: m });
  const entries = await storage.listContestEntries({ roundIds: [roundId] });
  const submitted = entries.filter((e) => e.status === 'submitted');
  for (const [judge, base] of [[8, 80], [9, 70]] as const) {
    for (const e of submitted) {
      const before = ok(await call('getJudgingEntry', { entryId: e.id }, student(judge, AFTER)));
      expect(before.others).toBeNull();
      const bonus = e.id === first.id ? 15 : e.studentNo === '20240002' ? 5 : 0;
      ok(await call('submitContestScore', { entryId: e.id, marks: marks(base + bonus), comment: '讲得清楚' }, student(judge, AFTER)));
      if (judge === 8) {
        expect(await call('publishContestResults', { roundId, advance: { kind: 'top', n: 1 }, awards: [1, 1, 0] }, admin(AFTER))).toMatchObject({ ok: false, code: 'CONTEST_SCORING_INCOMPLETE' });
      }
    }
  }
  // A second score of the same judge is refused; the other judge's total is visible only now.
  expect(await call('submitContestScore', { entryId: first.id, marks: marks(10) }, student(8, AFTER))).toMatchObject({ ok: false, code: 'CONTEST_SCORE_SUBMITTED' });
  expect(ok(await call('getJudgingEntry', { entryId: first.id }, student(8, AFTER))).others).toEqual([8500]);

  const round = ok(await call('getContestRound', { roundId }, admin(AFTER)));
  expect(round.ranking.find((t: any) => t.track === 'speaker').rows.map((r: any) => r.entryId)[0]).toBe(first.id);

  const published = ok(await call('publishContestResults', { roundId, advance: { kind: 'top', n: 1 }, awards: [1, 1, 0] }, admin(AFTER)));
  expect(published.round.status).toBe('published');
  expect(published.credited).toBe(3);
  const mineNow = ok(await call('getContestHome', {}, student(1, AFTER))).entries[0];
  expect(mineNow.result).toMatchObject({ rank: 1, of: 3, advanced: true, award: 1, label: expect.stringContaining('晋级校赛') });
  const second = ok(await call('getContestHome', {}, student(2, AFTER))).entries[0];
  expect(second.result).toMatchObject({ rank: 2, advanced: false, award: 2, label: expect.stringContaining('二等奖') });

  // Credits: entering, advancing and the award for student 1; publishing again settles nothing more.
  const ledger = await storage.listLedger('20240001');
  const total = ledger.reduce((s, e) => s + e.amount, 0);
  expect(total).toBe(DEFAULT_CONTEST_CREDITS.entered + DEFAULT_CONTEST_CREDITS.advanced + DEFAULT_CONTEST_CREDITS.awards[0]);
  expect(ledger.every((e) => e.module === 'ideology')).toBe(true);
  ok(await call('publishContestResults', { roundId, advance: { kind: 'top', n: 1 }, awards: [1, 1, 0] }, admin(AFTER)));
  expect((await storage.listLedger('20240001')).length).toBe(ledger.length);
  // The withdrawn entrant is credited nothing.
  expect(await storage.listLedger('20240004')).toEqual([]);

  // Materials: the entrant and the entry's judges get a link; another student does not.
  expect(ok(await call('getContestMaterialLink', { entryId: first.id, fileId: slides }, student(1, AFTER)))).toMatchObject({ fileName: '青春宣讲.pdf', size: pdf.length });
  ok(await call('getContestMaterialLink', { entryId: first.id, fileId: slides }, student(8, AFTER)));
  expect(await call('getContestMaterialLink', { entryId: first.id, fileId: slides }, student(3, AFTER))).toMatchObject({ ok: false, code: 'NOT_FOUND' });
});

it('refuses a second, a late, an ineligible entry and bad materials, storing nothing', async () => {
  const roundId = await openRound();
  ok(await enter(1, roundId));
  expect(await enter(1, roundId)).toMatchObject({ ok: false, code: 'CONTEST_ENTRY_EXISTS' });
  expect(await enter(2, roundId, {}, AFTER)).toMatchObject({ ok: false, code: 'CONTEST_DEADLINE_PASSED' });
  // A student of another college does not enter this college's round.
  expect(await enter(8, roundId)).toMatchObject({ ok: false, code: 'CONTEST_NOT_ELIGIBLE' });
  expect(await storage.listContestEntries({ roundIds: [roundId] })).toHaveLength(1);

  // Upload limits: size and type at the start, content at the finish.
  expect(await call('startUpload', { purpose: 'contestVideo', fileName: '视频.mp4', size: 50 * 1024 * 1024 + 1 }, student(2))).toMatchObject({ ok: false, code: 'UPLOAD_TOO_LARGE' });
  expect(await call('startUpload', { purpose: 'contestSlides', fileName: '课件.docx', size: 1000 }, student(2))).toMatchObject({ ok: false, code: 'UPLOAD_TYPE_NOT_ALLOWED', message: expect.stringMatching(/\.pdf 或 \.pptx/) });
  await expect(upload(student(2), 'contestSlides', '课件.pdf', Buffer.alloc(1000, 0x41))).rejects.toThrow(/UPLOAD_TYPE_NOT_ALLOWED/);
  // A roster upload is the committee's; an unbound account uploads no material.
  expect(await call('startUpload', { purpose: 'roster', fileName: '名单.csv', size: 100 }, student(2))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await call('startUpload', { purpose: 'contestSlides', fileName: '课件.pdf', size: 100 }, as('o-teacher'))).toMatchObject({ ok: false, code: 'NOT_BOUND' });
  // Someone else's file, or a file of another purpose, is not a material.
  const others = await upload(student(3), 'contestSlides', '别人的.pdf', pdf);
  expect(await enter(2, roundId, { materials: [others] })).toMatchObject({ ok: false, code: 'FILE_NOT_FOUND' });
  // Two slides are refused by the rule of one file per kind.
  const a = await upload(student(2), 'contestSlides', 'a.pdf', pdf);
  const b = await upload(student(2), 'contestSlides', 'b.pdf', pdf);
  expect(await enter(2, roundId, { materials: [a, b] })).toMatchObject({ ok: false });
  expect(await storage.listContestEntries({ roundIds: [roundId] })).toHaveLength(1);
});

it('keeps a round to its organisers and its settings until judging starts', async () => {
  await storage.grantRole(
    { openid: 'o-college-b', role: 'college_officer', scope: '医学院', grantedBy: 'system', grantedAt: NOW.toISOString() },
    { at: NOW.toISOString(), actor: 'system', action: 'grantRole', target: 'o-college-b', detail: '{}' },
  );
  const roundId = await openRound();
  expect(await call('getContestRound', { roundId }, as('o-college-b'))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await call('saveContestRound', { fields: roundFields }, as('o-college-b'))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(ok(await call('listContestRounds', {}, as('o-college-b'))).rounds).toEqual([]);
  expect(await call('saveContestRound', { fields: { ...roundFields, sheet: [{ id: 'a', name: '内容', weight: 60, max: 100 }] } }, admin())).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  expect(await call('saveContestRound', { fields: { ...roundFields, deadlineAt: new Date(NOW.getTime() - 1000).toISOString() } }, admin())).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  // A judge must hold the role.
  expect(await call('setContestJudges', { roundId, judges: [{ account: '20240001', college: COLLEGE }] }, admin())).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringMatching(/评委/) });
  const pool = ok(await call('getContestRound', { roundId }, admin())).judgePool;
  expect(pool.map((j: any) => j.account).sort()).toEqual(['openid-10', 'openid-8', 'openid-9']);
  expect(pool.find((j: any) => j.account === 'openid-8').college).toBe('医学院');
});

it('records a lecturer’s talk with its photo, confirmed once by the committee, counted in the progress', async () => {
  // Not on the team: no photo upload, no talk.
  expect(await call('startUpload', { purpose: 'talkPhoto', fileName: '现场.png', size: png.length }, student(5))).toMatchObject({ ok: false, code: 'NOT_A_LECTURER' });
  const saved = ok(await call('saveLecturer', { year: 2026, account: '20240005', level: 'school', college: '', active: true }, admin()));
  expect(saved.lecturer).toMatchObject({ account: 'openid-5', name: '学生5', progress: { onCampus: { done: 0, need: 3 }, offCampus: { done: 0, need: 1 }, met: false } });
  const photo = await upload(student(5), 'talkPhoto', '现场.png', png);
  const talkInput = { date: '2026-03-01', place: '图书馆报告厅', onCampus: true, audience: 120, topic: '青春向党', photoFileId: photo };
  expect(await call('recordLecturerTalk', { ...talkInput, date: '2026-03-05' }, student(5))).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  expect(await call('recordLecturerTalk', talkInput, student(6))).toMatchObject({ ok: false, code: 'NOT_A_LECTURER' });
  const talk = ok(await call('recordLecturerTalk', talkInput, student(5))).talk;
  expect(talk).toMatchObject({ status: 'pending', lecturer: { name: '学生5' }, photo: { name: '现场.png' } });

  const listed = ok(await call('listLecturers', {}, admin()));
  expect(listed).toMatchObject({ year: 2026, pendingTalks: 1, lecturers: [expect.objectContaining({ account: 'openid-5' })] });
  expect(await call('decideLecturerTalk', { talkId: talk.id, confirm: false }, admin())).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  ok(await call('decideLecturerTalk', { talkId: talk.id, confirm: true }, admin()));
  expect(await call('decideLecturerTalk', { talkId: talk.id, confirm: false, reason: '照片看不清' }, admin())).toMatchObject({ ok: false, code: 'TALK_DECIDED' });
  const mine = ok(await call('getMyLecturerTalks', {}, student(5)));
  expect(mine.lecturer.progress).toMatchObject({ onCampus: { done: 1 }, pending: 0 });
  expect(mine.talks).toEqual([expect.objectContaining({ status: 'confirmed' })]);

  ok(await call('getLecturerTalkPhoto', { talkId: talk.id }, student(5)));
  ok(await call('getLecturerTalkPhoto', { talkId: talk.id }, admin()));
  expect(await call('getLecturerTalkPhoto', { talkId: talk.id }, student(6))).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  // In December a school member with one talk is behind.
  const december = ok(await call('listLecturers', {}, admin(new Date('2026-12-10T02:00:00.000Z'))));
  expect(december).toMatchObject({ behind: 1, lecturers: [expect.objectContaining({ progress: expect.objectContaining({ behind: true }) })] });
});

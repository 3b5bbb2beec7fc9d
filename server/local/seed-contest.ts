import { createHash } from 'node:crypto';
import { ApiError } from '../../types';
import { DEFAULT_CONTEST_CREDITS, DEFAULT_SHEET, type RoleInvitation } from '../../core';
import { submitContestEntry } from '../features/contest/entries';
import { submitContestScore } from '../features/contest/judging';
import { saveLecturer } from '../features/contest/lecturers';
import { publishContestResults, saveContestRound, setContestJudges, startContestJudging } from '../features/contest/rounds';
import type { HandlerContext } from '../features/shared/context';
import { campusYearMonth } from '../features/shared/campus-time';
import type { StoragePort } from '../storage/ports';

/**
 * 百生讲坛 in the demo, driven through the real handlers at the times things happened: 信息技术学院's 院赛 published a
 * month ago (2023011101 晋级校赛 in the 主讲人 track, the 23级软件技术1班 branch entered the 团支部 track, credits
 * settled); 医学院's 院赛 under judging (刘洋 has scored part of it; 赵敏 is of 医学院 and, by the conflict rule, scores
 * none of it); the school round (校赛) open for the entries that advanced. Two teachers judge, known by invitations they
 * accepted; the lecturer team has three school-level members (2024021101, on the demo switch, with two talks confirmed
 * and one waiting).
 */
export const DEMO_JUDGES = [
  { openid: 'o-demo-judge-liu', name: '刘洋', college: '' },
  { openid: 'o-demo-judge-zhao', name: '赵敏', college: '医学院' },
] as const;

const DAY = 86_400_000;
const ADMIN = 'o-demo-admin';
const OUTLINE = '一、从一封家书讲起：青年与时代；二、身边的榜样：志愿服务与基层一线；三、我们能做什么：学好本领、服务社会。';

function ctxAs(storage: StoragePort, openid: string, at: Date): HandlerContext {
  return { storage, caller: { kind: 'wechat', openid }, now: () => at, demoMode: true };
}

async function judgeAccounts(storage: StoragePort, now: Date): Promise<void> {
  const at = new Date(now.getTime() - 45 * DAY).toISOString();
  for (const j of DEMO_JUDGES) {
    const codeHash = createHash('sha256').update(`demo-judge-${j.openid}`).digest('hex');
    const invitation: RoleInvitation = {
      id: codeHash.slice(0, 12), codeHash, role: 'contest_judge', scope: '', inviteeName: j.name, createdBy: ADMIN, createdAt: at,
      expiresAt: new Date(Date.parse(at) + 72 * 3_600_000).toISOString(), acceptedBy: j.openid, acceptedAt: at, revokedAt: null,
    };
    await storage.createInvitation(invitation, { at, actor: ADMIN, action: 'invitation.create', target: invitation.id, detail: JSON.stringify({ role: 'contest_judge', name: j.name, seed: true }) });
    await storage.grantRole(
      { openid: j.openid, role: 'contest_judge', scope: '', grantedBy: ADMIN, grantedAt: at },
      { at, actor: ADMIN, action: 'grantRole', target: j.openid, detail: JSON.stringify({ role: 'contest_judge', scope: '', seed: true }) },
    );
  }
}

const fields = (year: number, level: 'college' | 'school', college: string, title: string, deadlineAt: Date, description: string) => ({
  year, level, college, title, description,
  tracks: ['branch', 'speaker', 'micro'] as Array<'branch' | 'speaker' | 'micro'>,
  entryMode: level === 'school' ? ('advanced' as const) : ('open' as const),
  deadlineAt: deadlineAt.toISOString(), sheet: DEFAULT_SHEET, conflictRule: true, judgesPerEntry: null, credits: DEFAULT_CONTEST_CREDITS, eventId: null,
});

async function entered(storage: StoragePort, studentNo: string, roundId: string, track: 'branch' | 'speaker' | 'micro', topic: string, at: Date, team?: { teamName: string; members: string[] }) {
  const { entry } = await submitContestEntry(
    { roundId, track, topic, outline: OUTLINE, mentor: '校团委 陈雯', materials: [], ...(team ?? {}) },
    ctxAs(storage, `o-demo-${studentNo}`, at),
  );
  return entry.id;
}

/** Marks for a judge and an entry: a base per entry, a little spread per judge; steps of 0.5. */
const marks = (base: number, judge: number) => ({ content: base + judge, delivery: base - 2 + judge, design: base - 4, effect: base + 1 });

export async function seedContest(storage: StoragePort, now: Date): Promise<{ rounds: number; entries: number }> {
  const { year } = campusYearMonth(now);
  await judgeAccounts(storage, now);
  const admin = (at: Date) => ctxAs(storage, ADMIN, at);
  const judges = DEMO_JUDGES.map((j) => ({ account: j.openid, college: j.college }));

  // 信息技术学院's 院赛: entered 40 days ago, judged and published a month ago.
  const t0 = new Date(now.getTime() - 40 * DAY);
  const it = (await saveContestRound({ fields: fields(year, 'college', '信息技术学院', `${year} 百生讲坛 信息技术学院院赛`, new Date(t0.getTime() + 8 * DAY), '每个赛道前 2 名晋级校赛') }, admin(t0))).round;
  const speakers: Array<[string, string, number]> = [
    ['2023011101', '青春向党 强国有我', 88],
    ['2023011103', '从“两弹一星”看科技报国', 84],
    ['2023012104', '数字中国里的青年担当', 79],
    ['2024011105', '志愿服务中的雷锋精神', 81],
  ];
  const itEntries: Array<[string, number]> = [];
  for (const [k, [no, topic, base]] of speakers.entries()) itEntries.push([await entered(storage, no, it.id, 'speaker', topic, new Date(t0.getTime() + (k + 1) * 3_600_000)), base]);
  itEntries.push([await entered(storage, '2023011102', it.id, 'branch', '支部里的“红色故事会”', new Date(t0.getTime() + DAY), { teamName: '星火宣讲队', members: ['2023011102', '2023011103', '2023011104'] }), 86]);
  itEntries.push([await entered(storage, '2024011102', it.id, 'micro', '微团课：团旗团徽的故事', new Date(t0.getTime() + DAY), { teamName: '薪火微课组', members: ['2024011102', '2024011103'] }), 83]);
  await setContestJudges({ roundId: it.id, judges }, admin(t0));
  const t1 = new Date(t0.getTime() + 9 * DAY);
  await startContestJudging({ roundId: it.id }, admin(t1));
  for (const [j, judge] of DEMO_JUDGES.entries()) {
    for (const [entryId, base] of itEntries) {
      await submitContestScore({ entryId, marks: marks(base, j), comment: '' }, ctxAs(storage, judge.openid, new Date(t1.getTime() + (j + 1) * 3_600_000)));
    }
  }
  await publishContestResults({ roundId: it.id, advance: { kind: 'top', n: 2 }, awards: [1, 1, 1] }, admin(new Date(t1.getTime() + 2 * DAY)));

  // 医学院's 院赛: the deadline passed two days ago; 刘洋 has scored the first entries (赵敏 is of 医学院: no entry for her).
  const m0 = new Date(now.getTime() - 20 * DAY);
  const med = (await saveContestRound({ fields: fields(year, 'college', '医学院', `${year} 百生讲坛 医学院院赛`, new Date(now.getTime() - 2 * DAY), '护理、药学、医学检验技术专业同学均可报名') }, admin(m0))).round;
  const medTopics: Array<[string, string]> = [
    ['2024021103', '南丁格尔誓言与青春誓言'],
    ['2024021104', '健康中国，青年先行'],
    ['2023022105', '抗疫一线的青年身影'],
  ];
  const medEntries: string[] = [];
  for (const [k, [no, topic]] of medTopics.entries()) medEntries.push(await entered(storage, no, med.id, 'speaker', topic, new Date(m0.getTime() + (k + 1) * DAY)));
  await setContestJudges({ roundId: med.id, judges }, admin(m0));
  const m1 = new Date(now.getTime() - DAY);
  try {
    await startContestJudging({ roundId: med.id }, admin(m1));
    await submitContestScore({ entryId: medEntries[0], marks: marks(85, 0), comment: '' }, ctxAs(storage, DEMO_JUDGES[0].openid, new Date(m1.getTime() + 3_600_000)));
  } catch (error) {
    // With the conflict rule and one judge outside 医学院 every entry still has its judge; refuse loudly otherwise.
    if (error instanceof ApiError) throw new Error(`demo 医学院院赛: ${error.code} ${error.message}`);
    throw error;
  }

  // The school round (校赛): open for three weeks, for the entries that advanced from a 院赛.
  const s0 = new Date(now.getTime() - 3 * DAY);
  await saveContestRound({ fields: fields(year, 'school', '', `${year} 百生讲坛 校赛`, new Date(now.getTime() + 21 * DAY), '院赛各赛道晋级的作品参赛；校赛前三名推荐参加省赛') }, admin(s0));

  // The lecturer team: three school-level members; confirmed talks, one waiting for the committee.
  for (const no of ['2024021101', '2023021103', '2024031103']) {
    await saveLecturer({ year, account: no, level: 'school', college: '', active: true }, admin(new Date(now.getTime() - 60 * DAY)));
  }
  const talk = (id: string, no: string, daysAgo: number, onCampus: boolean, status: 'confirmed' | 'pending', topic: string, place: string, audience: number) => ({
    id, year, openid: `o-demo-${no}`, date: new Date(now.getTime() - daysAgo * DAY + 8 * 3_600_000).toISOString().slice(0, 10), place, onCampus, audience, topic,
    photo: null, status, decidedBy: status === 'confirmed' ? ADMIN : null, decidedAt: status === 'confirmed' ? new Date(now.getTime() - (daysAgo - 1) * DAY).toISOString() : null,
    decisionReason: null, createdAt: new Date(now.getTime() - daysAgo * DAY).toISOString(),
  });
  for (const t of [
    talk('t-demo-1', '2024021101', 30, true, 'confirmed', '青春向党 强国有我', '图书馆报告厅', 160),
    talk('t-demo-2', '2024021101', 12, true, 'confirmed', '学习二十大 青春勇担当', '医学院 B204', 85),
    talk('t-demo-3', '2024021101', 5, false, 'pending', '走进社区讲党史', '孝南区书院街社区', 40),
    talk('t-demo-4', '2023021103', 20, true, 'confirmed', '健康中国 青年先行', '医学院报告厅', 120),
  ]) {
    if (t.date > now.toISOString().slice(0, 10) || Number(t.date.slice(0, 4)) !== year) continue;
    await storage.addLecturerTalk(t);
  }
  return { rounds: 3, entries: itEntries.length + medEntries.length };
}

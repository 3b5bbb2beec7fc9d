import * as fc from 'fast-check';
import '../support/property-seed';
import {
  contestCreditSources,
  conflicts,
  decideAdvancement,
  decideEntry,
  decideEntryChange,
  decideScore,
  decideStartJudging,
  decideTalk,
  DEFAULT_CONTEST_CREDITS,
  DEFAULT_SHEET,
  entrantFor,
  expectedTalks,
  finalScore,
  isRefusal,
  lecturerProgress,
  marksRefusal,
  materialsRefusal,
  mayActForEntry,
  planAssignments,
  rankTrack,
  resultLabel,
  scoringProgress,
  sheetProblem,
  talkDateRefusal,
  teamRefusal,
  trackStateFor,
  weightedTotal,
  type ContestEntry,
  type ContestRound,
  type ContestScore,
  type JudgeSeat,
  type LecturerTalk,
} from '../../core';

const NOW = new Date('2026-04-10T02:00:00.000Z');
const DEADLINE = '2026-04-20T10:00:00.000Z';
const AFTER = new Date('2026-04-21T02:00:00.000Z');

function round(overrides: Partial<ContestRound> = {}): ContestRound {
  return {
    id: 'r-aaaaaaaaaa',
    year: 2026,
    level: 'college',
    college: '信息工程学院',
    title: '2026 百生讲坛 信息工程学院院赛',
    description: '',
    tracks: ['branch', 'speaker', 'micro'],
    entryMode: 'open',
    deadlineAt: DEADLINE,
    status: 'open',
    sheet: DEFAULT_SHEET,
    conflictRule: true,
    judgesPerEntry: null,
    credits: DEFAULT_CONTEST_CREDITS,
    eventId: null,
    judges: [],
    assignments: [],
    entrySeq: 0,
    results: null,
    createdBy: 'o-admin',
    createdAt: '2026-03-01T00:00:00.000Z',
    updatedAt: '2026-03-01T00:00:00.000Z',
    ...overrides,
  };
}

function entry(id: string, overrides: Partial<ContestEntry> = {}): ContestEntry {
  return {
    id,
    roundId: 'r-aaaaaaaaaa',
    track: 'speaker',
    entrantKind: 'student',
    studentNo: `s-${id}`,
    branch: '24级软件技术1班团支部',
    college: '信息工程学院',
    teamName: '',
    members: [`s-${id}`],
    topic: '青春向党',
    outline: '一、二、三',
    mentor: '',
    materials: [],
    status: 'submitted',
    submittedBy: `o-${id}`,
    submittedAt: '2026-04-01T00:00:00.000Z',
    createdAt: '2026-04-01T00:00:00.000Z',
    updatedAt: '2026-04-01T00:00:00.000Z',
    ...overrides,
  };
}

const judge = (openid: string, college = ''): JudgeSeat => ({ openid, name: openid, college });
const student = { studentNo: '20240001', branch: '24级软件技术1班团支部', college: '信息工程学院' };
const marks = (content: number, delivery: number, design: number, effect: number) => ({ content, delivery, design, effect });
function score(entryId: string, judgeId: string, m: Record<string, number>): ContestScore {
  return { roundId: 'r-aaaaaaaaaa', entryId, judge: judgeId, marks: m, total: weightedTotal(DEFAULT_SHEET, m), comment: '', submittedAt: NOW.toISOString() };
}

describe('entering a round', () => {
  it('takes a student speaker or a branch, by track', () => {
    expect(entrantFor('speaker', student)).toEqual({ kind: 'student', studentNo: '20240001', branch: student.branch, college: student.college });
    expect(entrantFor('micro', student)).toEqual({ kind: 'branch', studentNo: null, branch: student.branch, college: student.college });
    expect(entrantFor('branch', student).kind).toBe('branch');
  });

  it('accepts an entry before the deadline of an open round', () => {
    expect(decideEntry(round(), 'speaker', entrantFor('speaker', student), null, false, NOW)).toBeNull();
  });

  it('refuses a late entry at and after the deadline', () => {
    expect(decideEntry(round(), 'speaker', entrantFor('speaker', student), null, false, new Date(DEADLINE))).toEqual({ code: 'CONTEST_DEADLINE_PASSED' });
    expect(decideEntry(round(), 'speaker', entrantFor('speaker', student), null, false, AFTER)).toEqual({ code: 'CONTEST_DEADLINE_PASSED' });
  });

  it('refuses entries once judging started or results are out, whatever the deadline says', () => {
    for (const status of ['judging', 'published'] as const) {
      expect(decideEntry(round({ status }), 'speaker', entrantFor('speaker', student), null, false, NOW)).toEqual({ code: 'CONTEST_ROUND_NOT_OPEN' });
    }
  });

  it('refuses a second entry of the same entrant in a track and round, but takes a withdrawn one again', () => {
    const entrant = entrantFor('speaker', student);
    expect(decideEntry(round(), 'speaker', entrant, { status: 'submitted' }, false, NOW)).toEqual({ code: 'CONTEST_ENTRY_EXISTS' });
    expect(decideEntry(round(), 'speaker', entrant, { status: 'withdrawn' }, false, NOW)).toBeNull();
  });

  it('keeps a college round to its own college and a round to its tracks', () => {
    const other = entrantFor('speaker', { ...student, college: '医学院' });
    expect(decideEntry(round(), 'speaker', other, null, false, NOW)).toMatchObject({ code: 'CONTEST_NOT_ELIGIBLE', message: expect.stringContaining('信息工程学院的院赛') });
    expect(decideEntry(round({ level: 'school', college: '' }), 'speaker', other, null, false, NOW)).toBeNull();
    expect(decideEntry(round({ tracks: ['speaker'] }), 'micro', entrantFor('micro', student), null, false, NOW)).toMatchObject({
      code: 'CONTEST_NOT_ELIGIBLE',
      message: '本轮比赛没有“微团课”赛道',
    });
  });

  it('lets only entrants who advanced into an advanced-only round', () => {
    const school = round({ level: 'school', college: '', entryMode: 'advanced' });
    expect(decideEntry(school, 'speaker', entrantFor('speaker', student), null, false, NOW)).toMatchObject({ code: 'CONTEST_NOT_ELIGIBLE' });
    expect(decideEntry(school, 'speaker', entrantFor('speaker', student), null, true, NOW)).toBeNull();
  });

  it('ranks a closed round before eligibility, and eligibility before an existing entry', () => {
    const other = entrantFor('speaker', { ...student, college: '医学院' });
    expect(decideEntry(round(), 'speaker', other, { status: 'submitted' }, false, AFTER)?.code).toBe('CONTEST_DEADLINE_PASSED');
    expect(decideEntry(round(), 'speaker', other, { status: 'submitted' }, false, NOW)?.code).toBe('CONTEST_NOT_ELIGIBLE');
  });

  it('lets an entry be edited or withdrawn until the deadline, and never a withdrawn one', () => {
    expect(decideEntryChange(round(), { status: 'submitted' }, NOW)).toBeNull();
    expect(decideEntryChange(round(), { status: 'submitted' }, AFTER)).toEqual({ code: 'CONTEST_DEADLINE_PASSED' });
    expect(decideEntryChange(round({ status: 'judging' }), { status: 'submitted' }, NOW)).toEqual({ code: 'CONTEST_ROUND_NOT_OPEN' });
    expect(decideEntryChange(round(), { status: 'withdrawn' }, NOW)).toEqual({ code: 'CONTEST_ENTRY_WITHDRAWN' });
  });

  it('lets the speaker, or the branch entry’s submitter, team and officers act for an entry', () => {
    const speaker = entry('e1', { studentNo: '20240001' });
    expect(mayActForEntry(speaker, { studentNo: '20240001', openid: 'x', officerBranches: [] })).toBe(true);
    expect(mayActForEntry(speaker, { studentNo: '20240002', openid: 'o-e1', officerBranches: [speaker.branch] })).toBe(false);
    const branch = entry('e2', { entrantKind: 'branch', studentNo: null, members: ['20240003'], submittedBy: 'o-sub' });
    expect(mayActForEntry(branch, { studentNo: null, openid: 'o-sub', officerBranches: [] })).toBe(true);
    expect(mayActForEntry(branch, { studentNo: '20240003', openid: 'x', officerBranches: [] })).toBe(true);
    expect(mayActForEntry(branch, { studentNo: '20240009', openid: 'x', officerBranches: [branch.branch] })).toBe(true);
    expect(mayActForEntry(branch, { studentNo: '20240009', openid: 'x', officerBranches: [] })).toBe(false);
  });

  it('asks a branch for a team name and 1–10 of its own students', () => {
    const entrant = entrantFor('micro', student);
    const branchOf = (no: string) => (no === '20249999' ? null : no.startsWith('2024') ? student.branch : '别的团支部');
    expect(teamRefusal('micro', entrant, '星火宣讲队', ['20240001', '20240002'], branchOf)).toBeNull();
    expect(teamRefusal('micro', entrant, '', ['20240001'], branchOf)?.message).toContain('队名');
    expect(teamRefusal('micro', entrant, '星火宣讲队', [], branchOf)?.message).toContain('至少');
    expect(teamRefusal('micro', entrant, '星火宣讲队', ['20240001', '20240001'], branchOf)?.message).toContain('重复');
    expect(teamRefusal('micro', entrant, '星火宣讲队', ['20249999'], branchOf)?.message).toContain('名单中没有');
    expect(teamRefusal('micro', entrant, '星火宣讲队', ['20230001'], branchOf)?.message).toContain('须来自本团支部');
    expect(teamRefusal('speaker', entrantFor('speaker', student), '', [], branchOf)).toBeNull();
  });

  it('takes at most one deck of slides and one video', () => {
    expect(materialsRefusal([{ kind: 'slides' }, { kind: 'video' }])).toBeNull();
    expect(materialsRefusal([{ kind: 'video' }, { kind: 'video' }])?.code).toBe('INVALID_INPUT');
  });

  it('tells a student per track whether they can enter, have entered, or why not', () => {
    const r = round({ tracks: ['speaker', 'micro'] });
    expect(trackStateFor(r, 'speaker', entrantFor('speaker', student), null, false, NOW)).toEqual({ state: 'can_enter', note: '个人报名' });
    expect(trackStateFor(r, 'micro', entrantFor('micro', student), { status: 'submitted' }, false, NOW)).toEqual({ state: 'entered', note: '本团支部已报名' });
    expect(trackStateFor(r, 'speaker', entrantFor('speaker', student), null, false, AFTER)).toEqual({ state: 'closed', note: '报名已截止' });
    expect(trackStateFor(r, 'speaker', null, null, false, NOW).state).toBe('not_eligible');
  });
});

describe('the scoring sheet', () => {
  it('needs distinct criteria whose weights add up to 100', () => {
    expect(sheetProblem(DEFAULT_SHEET)).toBeNull();
    expect(sheetProblem([{ id: 'a', name: '内容', weight: 60, max: 10 }])).toContain('合计应为 100，现在是 60');
    expect(sheetProblem([{ id: 'a', name: '内容', weight: 50, max: 10 }, { id: 'a', name: '表达', weight: 50, max: 10 }])).toContain('重复');
  });

  it('weights each mark by its share and its points: a total out of 100, in hundredths', () => {
    expect(weightedTotal(DEFAULT_SHEET, marks(100, 100, 100, 100))).toBe(10_000);
    expect(weightedTotal(DEFAULT_SHEET, marks(90, 80, 70, 60))).toBe(8_000);
    const tenPoint = [{ id: 'a', name: '内容', weight: 70, max: 10 }, { id: 'b', name: '表达', weight: 30, max: 5 }];
    expect(weightedTotal(tenPoint, { a: 8.5, b: 4 })).toBe(5_950 + 2_400);
  });

  it('refuses a mark outside 0..max, off the half-point steps, missing, or of no criterion, naming it', () => {
    expect(marksRefusal(DEFAULT_SHEET, marks(90, 80, 70, 60))).toBeNull();
    expect(marksRefusal(DEFAULT_SHEET, marks(101, 80, 70, 60))).toEqual({ code: 'SCORE_OUT_OF_RANGE', message: '“内容与思想性”的分数应在 0–100 分之间，收到 101 分' });
    expect(marksRefusal(DEFAULT_SHEET, marks(-1, 80, 70, 60))?.code).toBe('SCORE_OUT_OF_RANGE');
    expect(marksRefusal(DEFAULT_SHEET, marks(90.25, 80, 70, 60))?.message).toContain('0.5 分一档');
    expect(marksRefusal(DEFAULT_SHEET, { content: 90, delivery: 80, design: 70 })?.message).toBe('请为“现场效果”打分（0–100 分）');
    expect(marksRefusal(DEFAULT_SHEET, { ...marks(90, 80, 70, 60), bonus: 5 })?.message).toContain('没有“bonus”');
  });
});

describe('judges and the conflict-of-interest rule', () => {
  const judges = [judge('j1', '信息工程学院'), judge('j2', '医学院'), judge('j3')];

  it('keeps a judge off entries of their own college only when the rule is on', () => {
    expect(conflicts({ conflictRule: true }, judge('j', '医学院'), { college: '医学院' })).toBe(true);
    expect(conflicts({ conflictRule: false }, judge('j', '医学院'), { college: '医学院' })).toBe(false);
    expect(conflicts({ conflictRule: true }, judge('j', ''), { college: '医学院' })).toBe(false);
  });

  it('gives every entry every judge free of conflict, when no number per entry is set', () => {
    const plan = planAssignments(round({ level: 'school', judges }), [entry('e1'), entry('e2', { college: '医学院' })]);
    expect(plan).toEqual({
      assignments: [
        { entryId: 'e1', judges: ['j2', 'j3'] },
        { entryId: 'e2', judges: ['j1', 'j3'] },
      ],
      uncovered: [],
    });
  });

  it('spreads a fixed number of judges per entry evenly, the same way every time', () => {
    const four = [judge('a'), judge('b'), judge('c'), judge('d')];
    const entries = ['e1', 'e2', 'e3', 'e4'].map((id) => entry(id));
    const plan = planAssignments(round({ judges: four, judgesPerEntry: 2 }), entries);
    expect(plan.assignments.map((a) => a.judges)).toEqual([['a', 'b'], ['c', 'd'], ['a', 'b'], ['c', 'd']]);
    expect(planAssignments(round({ judges: four, judgesPerEntry: 2 }), [...entries].reverse())).toEqual(plan);
  });

  it('leaves withdrawn entries out, and marks an entry no judge may score as uncovered', () => {
    const plan = planAssignments(round({ judges: [judge('j1', '信息工程学院')] }), [entry('e1'), entry('e2', { status: 'withdrawn' })]);
    expect(plan).toEqual({ assignments: [], uncovered: ['e1'] });
  });

  it('never assigns a judge to an entry of their own college, and keeps loads within one (property)', () => {
    const colleges = ['信息工程学院', '医学院', '建筑学院', ''];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...colleges), { minLength: 1, maxLength: 8 }),
        fc.array(fc.constantFrom(...colleges.slice(0, 3)), { minLength: 0, maxLength: 30 }),
        fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
        (judgeColleges, entryColleges, perEntry) => {
          const seats = judgeColleges.map((c, i) => judge(`j${i}`, c));
          const es = entryColleges.map((c, i) => entry(`e${String(i).padStart(2, '0')}`, { college: c }));
          const r = round({ level: 'school', judges: seats, judgesPerEntry: perEntry });
          const plan = planAssignments(r, es);
          expect(plan.assignments.length + plan.uncovered.length).toBe(es.length);
          for (const a of plan.assignments) {
            const e = es.find((x) => x.id === a.entryId)!;
            expect(new Set(a.judges).size).toBe(a.judges.length);
            for (const j of a.judges) expect(conflicts(r, seats.find((s) => s.openid === j)!, e)).toBe(false);
            if (perEntry !== null) expect(a.judges).toHaveLength(perEntry);
          }
          if (perEntry !== null && seats.every((s) => s.college === '')) {
            const loads = seats.map((s) => plan.assignments.filter((a) => a.judges.includes(s.openid)).length);
            expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
          }
        },
      ),
    );
  });

  it('starts judging only after the deadline, with judges, and with every entry covered', () => {
    const withJudges = round({ judges });
    expect(decideStartJudging(withJudges, [entry('e1')], NOW)).toEqual({ code: 'CONTEST_STILL_OPEN' });
    expect(decideStartJudging(round(), [entry('e1')], AFTER)).toEqual({ code: 'CONTEST_NO_JUDGES' });
    expect(decideStartJudging(round({ judges: [judge('j1', '信息工程学院')] }), [entry('e1')], AFTER)).toMatchObject({
      code: 'CONTEST_NO_JUDGES',
      message: expect.stringContaining('1 件作品'),
    });
    const plan = decideStartJudging(withJudges, [entry('e1')], AFTER);
    expect(isRefusal(plan)).toBe(false);
    expect(plan).toEqual({ assignments: [{ entryId: 'e1', judges: ['j2', 'j3'] }], uncovered: [] });
    expect(decideStartJudging(round({ status: 'judging' }), [], AFTER)).toBeNull();
    expect(decideStartJudging(round({ status: 'published' }), [], AFTER)).toMatchObject({ code: 'CONTEST_NOT_JUDGING' });
  });

  it('takes one score per assigned judge while judging, within the sheet', () => {
    const judging = round({ status: 'judging', judges, assignments: [{ entryId: 'e1', judges: ['j2', 'j3'] }] });
    expect(decideScore(judging, 'e1', 'j2', null, marks(90, 80, 70, 60))).toEqual({ total: 8_000 });
    expect(decideScore(judging, 'e1', 'j1', null, marks(90, 80, 70, 60))).toEqual({ code: 'CONTEST_NOT_ASSIGNED' });
    expect(decideScore(judging, 'e1', 'j2', score('e1', 'j2', marks(1, 1, 1, 1)), marks(90, 80, 70, 60))).toEqual({ code: 'CONTEST_SCORE_SUBMITTED' });
    expect(decideScore(judging, 'e1', 'j2', null, marks(90, 80, 70, 120))).toMatchObject({ code: 'SCORE_OUT_OF_RANGE' });
    expect(decideScore(round({ ...judging, status: 'open' }), 'e1', 'j2', null, marks(90, 80, 70, 60))).toEqual({ code: 'CONTEST_NOT_JUDGING' });
    expect(decideScore(round({ ...judging, status: 'published' }), 'e1', 'j2', null, marks(90, 80, 70, 60))).toEqual({ code: 'CONTEST_NOT_JUDGING' });
  });

  it('counts only assigned scores toward completion', () => {
    const r = round({ assignments: [{ entryId: 'e1', judges: ['j2', 'j3'] }, { entryId: 'e2', judges: ['j3'] }] });
    const partial = scoringProgress(r, [score('e1', 'j2', marks(1, 1, 1, 1)), score('e1', 'j1', marks(1, 1, 1, 1))]);
    expect(partial).toMatchObject({ needed: 3, in: 1, complete: false });
    expect(partial.perEntry.get('e1')).toMatchObject({ needed: 2, in: 1 });
    const full = scoringProgress(r, [score('e1', 'j2', marks(1, 1, 1, 1)), score('e1', 'j3', marks(1, 1, 1, 1)), score('e2', 'j3', marks(1, 1, 1, 1))]);
    expect(full).toMatchObject({ needed: 3, in: 3, complete: true });
  });
});

describe('ranking with ties', () => {
  it('averages the judges, dropping the highest and the lowest from five judges up', () => {
    expect(finalScore([8_000, 9_000])).toBe(8_500);
    expect(finalScore([8_000, 9_000, 7_001])).toBe(8_000);
    expect(finalScore([1_000, 8_000, 8_200, 8_400, 10_000])).toBe(8_200);
    expect(finalScore([])).toBe(0);
  });

  it('orders by final score, ranks 1..n per track', () => {
    const es = [entry('e1'), entry('e2'), entry('e3'), entry('m1', { track: 'micro' })];
    const scores = [score('e1', 'j', marks(60, 60, 60, 60)), score('e2', 'j', marks(90, 90, 90, 90)), score('e3', 'j', marks(75, 75, 75, 75)), score('m1', 'j', marks(10, 10, 10, 10))];
    expect(rankTrack(DEFAULT_SHEET, 'speaker', es, scores).map((r) => [r.entryId, r.rank, r.score, r.tieBrokenBy])).toEqual([
      ['e2', 1, 9_000, null],
      ['e3', 2, 7_500, null],
      ['e1', 3, 6_000, null],
    ]);
    expect(rankTrack(DEFAULT_SHEET, 'micro', es, scores).map((r) => r.entryId)).toEqual(['m1']);
  });

  it('breaks a tie by the heaviest criterion, then by who entered first', () => {
    // Same total 8,000: e1 is stronger on content (weight 40), e2 and e3 equal on it; e3 entered before e2.
    const es = [
      entry('e1', { submittedAt: '2026-04-05T00:00:00.000Z' }),
      entry('e2', { submittedAt: '2026-04-03T00:00:00.000Z' }),
      entry('e3', { submittedAt: '2026-04-02T00:00:00.000Z' }),
    ];
    const scores = [score('e1', 'j', marks(100, 70, 65, 60)), score('e2', 'j', marks(80, 80, 80, 80)), score('e3', 'j', marks(80, 80, 80, 80))];
    expect(scores.map((s) => s.total)).toEqual([8_000, 8_000, 8_000]);
    const ranked = rankTrack(DEFAULT_SHEET, 'speaker', es, scores);
    expect(ranked.map((r) => [r.entryId, r.rank, r.tieBrokenBy])).toEqual([
      ['e1', 1, 'criterion'],
      ['e3', 2, 'submittedAt'],
      ['e2', 3, 'submittedAt'],
    ]);
  });

  it('leaves withdrawn entries out of the ranking', () => {
    const ranked = rankTrack(DEFAULT_SHEET, 'speaker', [entry('e1'), entry('e2', { status: 'withdrawn' })], [score('e1', 'j', marks(1, 1, 1, 1))]);
    expect(ranked.map((r) => r.entryId)).toEqual(['e1']);
  });

  it('gives a strict order whatever the input order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 12 }), (cases) => {
        const es = cases.map(([, day], i) => entry(`e${i}`, { submittedAt: `2026-04-0${day + 1}T00:00:00.000Z` }));
        const scores = cases.map(([level], i) => score(`e${i}`, 'j', marks(50 + level * 10, 50, 50, 50)));
        const a = rankTrack(DEFAULT_SHEET, 'speaker', es, scores);
        const b = rankTrack(DEFAULT_SHEET, 'speaker', [...es].reverse(), [...scores].reverse());
        expect(b).toEqual(a);
        expect(a.map((r) => r.rank)).toEqual(a.map((_, i) => i + 1));
        for (let i = 1; i < a.length; i++) expect(a[i - 1].score).toBeGreaterThanOrEqual(a[i].score);
      }),
    );
  });
});

describe('advancement and awards', () => {
  const ranked = rankTrack(
    DEFAULT_SHEET,
    'speaker',
    ['e1', 'e2', 'e3', 'e4'].map((id) => entry(id)),
    [
      score('e1', 'j', marks(95, 95, 95, 95)),
      score('e2', 'j', marks(85, 85, 85, 85)),
      score('e3', 'j', marks(80, 80, 80, 80)),
      score('e4', 'j', marks(60, 60, 60, 60)),
    ],
  );

  it('advances the top N', () => {
    expect(decideAdvancement(ranked, { kind: 'top', n: 2 }, [0, 0, 0]).map((r) => r.advanced)).toEqual([true, true, false, false]);
  });

  it('advances every entry at or over the threshold', () => {
    expect(decideAdvancement(ranked, { kind: 'threshold', min: 80 }, [0, 0, 0]).map((r) => r.advanced)).toEqual([true, true, true, false]);
    expect(decideAdvancement(ranked, { kind: 'threshold', min: 80.5 }, [0, 0, 0]).map((r) => r.advanced)).toEqual([true, true, false, false]);
  });

  it('gives awards by rank, tier after tier, and says where each stands', () => {
    const results = decideAdvancement(ranked, { kind: 'top', n: 1 }, [1, 1, 1]);
    expect(results.map((r) => [r.award, r.of])).toEqual([[1, 4], [2, 4], [3, 4], [null, 4]]);
    expect(resultLabel('college', { kind: 'top', n: 1 }, results[0])).toBe('晋级校赛 · 一等奖');
    expect(resultLabel('college', { kind: 'top', n: 1 }, results[3])).toBe('未晋级');
    expect(resultLabel('school', { kind: 'top', n: 1 }, results[0])).toBe('入选省赛推荐 · 一等奖');
    expect(resultLabel('school', { kind: 'none' }, { advanced: false, award: null })).toBe('已评审');
  });
});

describe('credits for entering, advancing and winning', () => {
  const r = round();
  const branchEntry = entry('r-aaaaaaaaaa.micro.x', { track: 'micro', members: ['20240001', '20240002'], topic: '微团课' });

  it('credits every member for entering, and for advancing and an award when earned, each under its own key', () => {
    const sources = contestCreditSources(r, branchEntry, { advanced: true, award: 2 }, 'o-admin', AFTER);
    expect(sources.map((s) => [s.base, s.target.amount, s.target.module])).toEqual([
      ['ctn:r-aaaaaaaaaa.micro.x:20240001', 50, 'ideology'],
      ['cta:r-aaaaaaaaaa.micro.x:20240001', 100, 'ideology'],
      ['ctw:r-aaaaaaaaaa.micro.x:20240001', 200, 'ideology'],
      ['ctn:r-aaaaaaaaaa.micro.x:20240002', 50, 'ideology'],
      ['cta:r-aaaaaaaaaa.micro.x:20240002', 100, 'ideology'],
      ['ctw:r-aaaaaaaaaa.micro.x:20240002', 200, 'ideology'],
    ]);
    expect(sources[2].target).toMatchObject({ sourceType: 'contest', rule: '百生讲坛二等奖 2 学分', reason: '2026 百生讲坛 信息工程学院院赛（微团课）：微团课' });
  });

  it('gives nothing for what is worth nothing', () => {
    const free = round({ credits: { ...DEFAULT_CONTEST_CREDITS, entered: 0 } });
    expect(contestCreditSources(free, branchEntry, { advanced: false, award: null }, 'o', AFTER)).toEqual([]);
  });
});

describe('the lecturer team', () => {
  const member = { year: 2026, openid: 'o-l', level: 'school' as const, active: true };
  const talk = (i: number, onCampus: boolean, status: LecturerTalk['status'] = 'confirmed', overrides: Partial<LecturerTalk> = {}): LecturerTalk => ({
    id: `t${i}`, year: 2026, openid: 'o-l', date: '2026-03-01', place: '报告厅', onCampus, audience: 80, topic: '二十大精神',
    photo: null, status, decidedBy: null, decidedAt: null, decisionReason: null, createdAt: NOW.toISOString(), ...overrides,
  });

  it('expects the year pro rata by month, rounded down', () => {
    expect([3, 4, 8, 11, 12].map((m) => expectedTalks(3, 2026, 2026, m))).toEqual([0, 1, 2, 2, 3]);
    expect(expectedTalks(1, 2026, 2026, 11)).toBe(0);
    expect(expectedTalks(1, 2026, 2026, 12)).toBe(1);
    expect(expectedTalks(3, 2025, 2026, 1)).toBe(3);
    expect(expectedTalks(3, 2027, 2026, 12)).toBe(0);
  });

  it('counts confirmed talks of the member’s year toward 3 on campus and 1 off', () => {
    const talks = [talk(1, true), talk(2, true), talk(3, false), talk(4, true, 'pending'), talk(5, true, 'rejected'), talk(6, true, 'confirmed', { openid: 'o-x' }), talk(7, true, 'confirmed', { year: 2025 })];
    expect(lecturerProgress(member, talks, 2026, 9)).toEqual({
      onCampus: { done: 2, need: 3, expected: 2 },
      offCampus: { done: 1, need: 1, expected: 0 },
      pending: 1,
      met: false,
      behind: false,
    });
    expect(lecturerProgress(member, [...talks, talk(8, true)], 2026, 12)).toMatchObject({ met: true, behind: false });
  });

  it('marks a member behind when below what the year expects by now; a college member never is', () => {
    expect(lecturerProgress(member, [talk(1, true)], 2026, 9).behind).toBe(true);
    expect(lecturerProgress(member, [talk(1, true), talk(2, true), talk(3, true)], 2026, 12).behind).toBe(true);
    expect(lecturerProgress({ ...member, active: false }, [], 2026, 12).behind).toBe(false);
    expect(lecturerProgress({ ...member, level: 'college' }, [], 2026, 12)).toMatchObject({ behind: false, met: true });
  });

  it('takes no talk dated after today, and decides a talk once', () => {
    expect(talkDateRefusal('2026-04-11', '2026-04-10')?.code).toBe('INVALID_INPUT');
    expect(talkDateRefusal('2026-04-10', '2026-04-10')).toBeNull();
    expect(decideTalk({ status: 'pending' })).toBeNull();
    expect(decideTalk({ status: 'confirmed' })).toEqual({ code: 'TALK_DECIDED' });
  });
});

import { ApiError } from '../../types';
import {
  decideEntry,
  decideScore,
  decideStartJudging,
  decideTalk,
  DEFAULT_CONTEST_CREDITS,
  DEFAULT_SHEET,
  entrantFor,
  isRefusal,
  rankTrack,
  decideAdvancement,
  scoringProgress,
  type AuditDraft,
  type ContestEntry,
  type ContestRound,
  type ContestScore,
  type Lecturer,
  type LecturerTalk,
} from '../../core';
import type { StoragePort } from '../../server/storage/ports';
import { NOW, at } from '../support/factories';
import { refusalOf, type StorageHarness } from './storage-contract';

/**
 * 百生讲坛's contest and the lecturer team, on every adapter: rounds created and changed with their audit entries, a
 * change that refuses writes nothing; entries written atomically with their round (a second entry of one entrant, or
 * a late one, stores nothing; ten at once store one); judging planned on exactly the entries stored; one score per
 * judge and entry (two at once store one); results written with the round; lecturers and their talks, a talk decided
 * once.
 */
export function runContestContract(name: string, makeHarness: () => Promise<StorageHarness>): void {
  describe(`${name}: contest contract`, () => {
    let harness: StorageHarness;
    let storage: StoragePort;
    const audit = (action: string, target: string): AuditDraft => ({ at: NOW.toISOString(), actor: 'openid-admin', action, target, detail: '{}' });
    const round = (id: string, overrides: Partial<ContestRound> = {}): ContestRound => ({
      id,
      year: 2026,
      level: 'college',
      college: '信息工程学院',
      title: `院赛 ${id}`,
      description: '',
      tracks: ['speaker', 'micro'],
      entryMode: 'open',
      deadlineAt: at(24).toISOString(),
      status: 'open',
      sheet: DEFAULT_SHEET,
      conflictRule: true,
      judgesPerEntry: null,
      credits: DEFAULT_CONTEST_CREDITS,
      eventId: null,
      judges: [
        { openid: 'openid-j1', name: '王老师', college: '医学院' },
        { openid: 'openid-j2', name: '李老师', college: '' },
      ],
      assignments: [],
      entrySeq: 0,
      results: null,
      createdBy: 'openid-admin',
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
      ...overrides,
    });
    const student = (i: number) => ({ studentNo: `2024000${i}`, branch: '24级软件技术1班团支部', college: '信息工程学院' });
    const entryOf = (roundId: string, i: number, now: Date, overrides: Partial<ContestEntry> = {}): ContestEntry => ({
      id: `${roundId}.speaker.${i}`,
      roundId,
      track: 'speaker',
      entrantKind: 'student',
      studentNo: student(i).studentNo,
      branch: student(i).branch,
      college: student(i).college,
      teamName: '',
      members: [student(i).studentNo],
      topic: `青春宣讲 ${i}`,
      outline: '一、学习二十大；二、青年担当',
      mentor: '',
      materials: [],
      status: 'submitted',
      submittedBy: `openid-${i}`,
      submittedAt: now.toISOString(),
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      ...overrides,
    });
    /** An entry as the handler writes it: decided with the rules inside the adapter's step. */
    const enter = (roundId: string, i: number, now = NOW, overrides: Partial<ContestEntry> = {}) =>
      storage.writeContestEntry(roundId, `${roundId}.speaker.${i}`, (r, existing) => {
        const refusal = decideEntry(r, 'speaker', entrantFor('speaker', student(i)), existing, false, now);
        if (refusal) throw new ApiError(refusal.code, refusal.message);
        return entryOf(roundId, i, now, overrides);
      });
    const scoreBy = (r: ContestRound, entryId: string, judge: string, content: number) =>
      storage.submitContestScore(r.id, entryId, judge, (current, existing) => {
        const marks = { content, delivery: 80, design: 80, effect: 80 };
        const decided = decideScore(current, entryId, judge, existing, marks);
        if ('code' in decided) throw new ApiError(decided.code, decided.message);
        return { roundId: r.id, entryId, judge, marks, total: decided.total, comment: '', submittedAt: NOW.toISOString() };
      });
    const startJudging = (roundId: string, now: Date) =>
      storage.startContestJudging(
        roundId,
        (r, entries) => {
          const plan = decideStartJudging(r, entries, now);
          if (plan === null) return r;
          if (isRefusal(plan)) throw new ApiError(plan.code, plan.message);
          return { ...r, status: 'judging', assignments: plan.assignments, updatedAt: now.toISOString() };
        },
        (r) => audit('contest.startJudging', r.id),
      );

    beforeEach(async () => {
      harness = await makeHarness();
      storage = harness.storage;
    });
    afterEach(() => harness.cleanup());

    it('creates a round with its audit entry, reads it back whole, and lists rounds by year and by judge', async () => {
      const r = round('r-aaaaaaaaaa');
      await storage.createContestRound(r, audit('contest.round.create', r.id));
      await storage.createContestRound(round('r-bbbbbbbbbb', { year: 2025, judges: [], deadlineAt: at(1).toISOString() }), audit('contest.round.create', 'r-bbbbbbbbbb'));
      await storage.createContestRound(round('r-cccccccccc', { deadlineAt: at(2).toISOString(), judges: [{ openid: 'openid-j2', name: '李老师', college: '' }] }), audit('x', 'r-cccccccccc'));
      expect(await storage.getContestRound(r.id)).toEqual(r);
      expect(await storage.getContestRound('r-nothing000')).toBeNull();
      expect((await storage.listContestRounds({ year: 2026 })).map((x) => x.id)).toEqual(['r-cccccccccc', 'r-aaaaaaaaaa']);
      expect((await storage.listContestRounds({ judge: 'openid-j1' })).map((x) => x.id)).toEqual(['r-aaaaaaaaaa']);
      expect((await storage.listContestRounds({ judge: 'openid-j2' })).map((x) => x.id)).toEqual(['r-cccccccccc', 'r-aaaaaaaaaa']);
      expect((await storage.listAudit(10)).map((a) => a.action)).toContain('contest.round.create');
      expect(await refusalOf(storage.createContestRound(r, audit('again', r.id)))).toBe('INVALID_INPUT');
    });

    it('changes a round with its audit entry; a change that refuses writes nothing', async () => {
      const r = round('r-aaaaaaaaaa');
      await storage.createContestRound(r, audit('contest.round.create', r.id));
      const changed = await storage.changeContestRound(r.id, (current) => ({ ...current, title: '新名称', updatedAt: at(1).toISOString() }), (x) => audit('contest.round.update', x.id));
      expect(changed.title).toBe('新名称');
      expect((await storage.getContestRound(r.id))?.title).toBe('新名称');
      const refused = storage.changeContestRound(r.id, () => { throw new ApiError('CONTEST_ROUND_NOT_OPEN'); }, (x) => audit('never', x.id));
      expect(await refusalOf(refused)).toBe('CONTEST_ROUND_NOT_OPEN');
      expect((await storage.listAudit(10)).map((a) => a.action)).not.toContain('never');
      expect(await refusalOf(storage.changeContestRound('r-nothing000', (x) => x, (x) => audit('x', x.id)))).toBe('NOT_FOUND');
    });

    it('stores an entry with its round’s count; a second or late entry stores nothing', async () => {
      await storage.createContestRound(round('r-aaaaaaaaaa'), audit('c', 'r'));
      const first = await enter('r-aaaaaaaaaa', 1);
      expect(await storage.getContestEntry(first.id)).toEqual(first);
      expect((await storage.getContestRound('r-aaaaaaaaaa'))?.entrySeq).toBe(1);
      expect(await refusalOf(enter('r-aaaaaaaaaa', 1, at(1), { topic: '第二份' }))).toBe('CONTEST_ENTRY_EXISTS');
      expect(await refusalOf(enter('r-aaaaaaaaaa', 2, at(25)))).toBe('CONTEST_DEADLINE_PASSED');
      expect(await storage.getContestEntry('r-aaaaaaaaaa.speaker.2')).toBeNull();
      expect((await storage.getContestEntry(first.id))?.topic).toBe('青春宣讲 1');
      expect((await storage.getContestRound('r-aaaaaaaaaa'))?.entrySeq).toBe(1);
      expect(await refusalOf(enter('r-nothing000', 1))).toBe('NOT_FOUND');
    });

    it('edits and withdraws an entry in place, and takes it again after a withdrawal', async () => {
      await storage.createContestRound(round('r-aaaaaaaaaa'), audit('c', 'r'));
      const first = await enter('r-aaaaaaaaaa', 1);
      const edited = await storage.writeContestEntry('r-aaaaaaaaaa', first.id, (_r, existing) => ({ ...existing!, topic: '改过的题目', updatedAt: at(1).toISOString() }));
      expect((await storage.getContestEntry(first.id))?.topic).toBe('改过的题目');
      await storage.writeContestEntry('r-aaaaaaaaaa', first.id, (_r, existing) => ({ ...existing!, status: 'withdrawn', updatedAt: at(2).toISOString() }));
      expect((await storage.getContestEntry(first.id))?.status).toBe('withdrawn');
      const again = await enter('r-aaaaaaaaaa', 1, at(3));
      expect(again).toMatchObject({ status: 'submitted', submittedAt: at(3).toISOString() });
      expect(edited.createdAt).toBe(NOW.toISOString());
      expect((await storage.getContestRound('r-aaaaaaaaaa'))?.entrySeq).toBe(4);
    });

    it('stores one entry when the same entrant enters ten times at once', async () => {
      await storage.createContestRound(round('r-aaaaaaaaaa'), audit('c', 'r'));
      const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => enter('r-aaaaaaaaaa', 1)));
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      for (const o of outcomes) if (o.status === 'rejected') expect((o.reason as ApiError).code).toBe('CONTEST_ENTRY_EXISTS');
      expect(await storage.listContestEntries({ roundIds: ['r-aaaaaaaaaa'] })).toHaveLength(1);
    });

    it('lists entries by round, and a student’s own (as speaker or team member) and their branch’s', async () => {
      await storage.createContestRound(round('r-aaaaaaaaaa'), audit('c', 'r'));
      await storage.createContestRound(round('r-bbbbbbbbbb'), audit('c', 'r'));
      await enter('r-aaaaaaaaaa', 1);
      await enter('r-bbbbbbbbbb', 2);
      const branchEntry: ContestEntry = {
        ...entryOf('r-bbbbbbbbbb', 9, NOW),
        id: 'r-bbbbbbbbbb.micro.b1',
        track: 'micro',
        entrantKind: 'branch',
        studentNo: null,
        branch: '24级护理1班团支部',
        college: '医学院',
        teamName: '星火宣讲队',
        members: ['20240003', '20240001'],
      };
      await storage.writeContestEntry('r-bbbbbbbbbb', branchEntry.id, () => branchEntry);
      expect((await storage.listContestEntries({ roundIds: ['r-aaaaaaaaaa'] })).map((e) => e.id)).toEqual(['r-aaaaaaaaaa.speaker.1']);
      expect((await storage.listContestEntries({ roundIds: ['r-aaaaaaaaaa', 'r-bbbbbbbbbb'] })).map((e) => e.id)).toEqual([
        'r-aaaaaaaaaa.speaker.1',
        'r-bbbbbbbbbb.micro.b1',
        'r-bbbbbbbbbb.speaker.2',
      ]);
      expect((await storage.listContestEntries({ studentNo: '20240001' })).map((e) => e.id)).toEqual(['r-aaaaaaaaaa.speaker.1', 'r-bbbbbbbbbb.micro.b1']);
      expect((await storage.listContestEntries({ studentNo: '20240005', branch: '24级护理1班团支部' })).map((e) => e.id)).toEqual(['r-bbbbbbbbbb.micro.b1']);
      expect(await storage.listContestEntries({ branch: '24级软件技术1班团支部' })).toEqual([]);
    });

    it('plans judging on exactly the entries stored, once; refuses before the deadline writing nothing', async () => {
      await storage.createContestRound(round('r-aaaaaaaaaa'), audit('c', 'r'));
      await enter('r-aaaaaaaaaa', 1);
      await enter('r-aaaaaaaaaa', 2);
      expect(await refusalOf(startJudging('r-aaaaaaaaaa', at(1)))).toBe('CONTEST_STILL_OPEN');
      expect((await storage.getContestRound('r-aaaaaaaaaa'))?.status).toBe('open');
      const judging = await startJudging('r-aaaaaaaaaa', at(25));
      expect(judging.status).toBe('judging');
      expect(judging.assignments).toEqual([
        { entryId: 'r-aaaaaaaaaa.speaker.1', judges: ['openid-j1', 'openid-j2'] },
        { entryId: 'r-aaaaaaaaaa.speaker.2', judges: ['openid-j1', 'openid-j2'] },
      ]);
      expect(await storage.getContestRound('r-aaaaaaaaaa')).toEqual(judging);
      expect(await startJudging('r-aaaaaaaaaa', at(26))).toEqual(judging);
      expect((await storage.listAudit(20)).filter((a) => a.action === 'contest.startJudging')).toHaveLength(1);
      expect(await refusalOf(enter('r-aaaaaaaaaa', 3, at(2)))).toBe('CONTEST_ROUND_NOT_OPEN');
    });

    it('takes one score per judge and entry: a second, or two at once, store one', async () => {
      await storage.createContestRound(round('r-aaaaaaaaaa'), audit('c', 'r'));
      await enter('r-aaaaaaaaaa', 1);
      const r = await startJudging('r-aaaaaaaaaa', at(25));
      const entryId = 'r-aaaaaaaaaa.speaker.1';
      const both = await Promise.allSettled([scoreBy(r, entryId, 'openid-j1', 90), scoreBy(r, entryId, 'openid-j1', 70)]);
      expect(both.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect(both.map((o) => (o.status === 'rejected' ? (o.reason as ApiError).code : 'ok')).sort()).toEqual(['CONTEST_SCORE_SUBMITTED', 'ok']);
      expect(await refusalOf(scoreBy(r, entryId, 'openid-j1', 60))).toBe('CONTEST_SCORE_SUBMITTED');
      expect(await refusalOf(scoreBy(r, entryId, 'openid-j9', 60))).toBe('CONTEST_NOT_ASSIGNED');
      const stored = await storage.getContestScore(entryId, 'openid-j1');
      expect(stored).toMatchObject({ roundId: 'r-aaaaaaaaaa', entryId, judge: 'openid-j1' });
      expect([8_400, 8_000]).toContain(stored!.total);
      expect(await storage.getContestScore(entryId, 'openid-j2')).toBeNull();
      expect(await storage.listContestScores('r-aaaaaaaaaa')).toEqual([stored]);
    });

    it('writes results with the round from the entries and scores stored', async () => {
      await storage.createContestRound(round('r-aaaaaaaaaa'), audit('c', 'r'));
      await enter('r-aaaaaaaaaa', 1);
      await enter('r-aaaaaaaaaa', 2);
      const r = await startJudging('r-aaaaaaaaaa', at(25));
      await scoreBy(r, 'r-aaaaaaaaaa.speaker.1', 'openid-j1', 70);
      await scoreBy(r, 'r-aaaaaaaaaa.speaker.1', 'openid-j2', 70);
      await scoreBy(r, 'r-aaaaaaaaaa.speaker.2', 'openid-j1', 90);
      const publish = () =>
        storage.publishContestResults(
          'r-aaaaaaaaaa',
          (current, entries, scores: ContestScore[]) => {
            if (!scoringProgress(current, scores).complete) throw new ApiError('CONTEST_SCORING_INCOMPLETE');
            const results = decideAdvancement(rankTrack(current.sheet, 'speaker', entries, scores), { kind: 'top', n: 1 }, [1, 0, 0]);
            return { ...current, status: 'published', results: { advance: { kind: 'top', n: 1 }, awards: [1, 0, 0], publishedAt: at(30).toISOString(), publishedBy: 'openid-admin', entries: results } };
          },
          (x) => audit('contest.publish', x.id),
        );
      expect(await refusalOf(publish())).toBe('CONTEST_SCORING_INCOMPLETE');
      expect((await storage.getContestRound('r-aaaaaaaaaa'))?.status).toBe('judging');
      await scoreBy(r, 'r-aaaaaaaaaa.speaker.2', 'openid-j2', 90);
      const published = await publish();
      expect(published.results?.entries.map((e) => [e.entryId, e.rank, e.advanced, e.award])).toEqual([
        ['r-aaaaaaaaaa.speaker.2', 1, true, 1],
        ['r-aaaaaaaaaa.speaker.1', 2, false, null],
      ]);
      expect(await storage.getContestRound('r-aaaaaaaaaa')).toEqual(published);
    });

    it('keeps a year’s lecturer team and their talks; a talk of someone not on it is refused; a talk is decided once', async () => {
      const member: Lecturer = { year: 2026, openid: 'openid-l1', level: 'school', college: '', active: true, addedBy: 'openid-admin', updatedAt: NOW.toISOString() };
      await storage.putLecturer(member, audit('lecturer.save', 'openid-l1'));
      await storage.putLecturer({ ...member, openid: 'openid-l2', level: 'college', college: '医学院' }, audit('lecturer.save', 'openid-l2'));
      await storage.putLecturer({ ...member, active: false, updatedAt: at(1).toISOString() }, audit('lecturer.save', 'openid-l1'));
      expect(await storage.getLecturer(2026, 'openid-l1')).toMatchObject({ active: false, level: 'school' });
      expect(await storage.getLecturer(2025, 'openid-l1')).toBeNull();
      expect((await storage.listLecturers(2026)).map((l) => l.openid)).toEqual(['openid-l1', 'openid-l2']);
      const talk = (id: string, date: string, openid = 'openid-l1'): LecturerTalk => ({
        id, year: 2026, openid, date, place: '图书馆报告厅', onCampus: true, audience: 120, topic: '青年与二十大',
        photo: { fileId: 'f-aaaaaaaaaaaaaaaaaaaaaaaaaa', name: '现场.jpg' }, status: 'pending', decidedBy: null, decidedAt: null,
        decisionReason: null, createdAt: NOW.toISOString(),
      });
      await storage.addLecturerTalk(talk('t-1', '2026-03-01'));
      await storage.addLecturerTalk(talk('t-2', '2026-03-05'));
      await storage.addLecturerTalk(talk('t-3', '2026-02-01', 'openid-l2'));
      expect(await refusalOf(storage.addLecturerTalk(talk('t-4', '2026-03-01', 'openid-nobody')))).toBe('NOT_A_LECTURER');
      expect(await storage.getLecturerTalk('t-4')).toBeNull();
      expect(await storage.getLecturerTalk('t-1')).toEqual(talk('t-1', '2026-03-01'));
      expect((await storage.listLecturerTalks({ year: 2026 })).map((t) => t.id)).toEqual(['t-2', 't-1', 't-3']);
      expect((await storage.listLecturerTalks({ openid: 'openid-l2' })).map((t) => t.id)).toEqual(['t-3']);
      const decide = (confirm: boolean) =>
        storage.decideLecturerTalk(
          't-1',
          (current) => {
            const refusal = decideTalk(current);
            if (refusal) throw new ApiError(refusal.code);
            return { ...current, status: confirm ? 'confirmed' : 'rejected', decidedBy: 'openid-admin', decidedAt: at(2).toISOString(), decisionReason: confirm ? null : '照片不清楚' };
          },
          (t) => audit(`lecturerTalk.${t.status}`, t.id),
        );
      const both = await Promise.allSettled([decide(true), decide(false)]);
      expect(both.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const stored = await storage.getLecturerTalk('t-1');
      expect(['confirmed', 'rejected']).toContain(stored?.status);
      expect((await storage.listLecturerTalks({ year: 2026, status: 'pending' })).map((t) => t.id)).toEqual(['t-2', 't-3']);
      expect(await refusalOf(decide(true))).toBe('TALK_DECIDED');
      expect(await refusalOf(storage.decideLecturerTalk('t-nothing', (t) => t, (t) => audit('x', t.id)))).toBe('NOT_FOUND');
    });
  });
}

import {
  afterFailure,
  afterSuccess,
  collegeShareOf,
  expectedByMonth,
  audienceRefusal,
  decideJoin,
  decideLeave,
  decideReportSubmission,
  decideReview,
  decideTeamSignup,
  evaluateTargets,
  joinCodeFrom,
  mayTransition,
  outboxKey,
  planItemsOf,
  reminderDue,
  statusAfter,
  tagOf,
  visibleToStudents,
  DEFAULT_TARGETS,
  EVERYONE,
  JOIN_CODE_ALPHABET,
  RETRY_DELAYS_MS,
  type OutboxMessage,
  type TeamRecord,
} from '../../core';

const now = new Date('2026-03-10T02:00:00.000Z');

describe('event lifecycle', () => {
  it('publishes drafts, closes and reopens, cancels for good', () => {
    expect(statusAfter('draft', 'publish')).toBe('published');
    expect(statusAfter('published', 'close')).toBe('closed');
    expect(statusAfter('closed', 'reopen')).toBe('published');
    expect(statusAfter('published', 'cancel')).toBe('cancelled');
    expect(mayTransition('cancelled', 'edit')).toBe(false);
    expect(mayTransition('cancelled', 'publish')).toBe(false);
    expect(mayTransition('draft', 'close')).toBe(false);
    expect(() => statusAfter('cancelled', 'reopen')).toThrow();
  });

  it('students see published and closed events, never drafts', () => {
    expect(visibleToStudents('draft')).toBe(false);
    expect(visibleToStudents('published')).toBe(true);
    expect(visibleToStudents('closed')).toBe(true);
    expect(visibleToStudents('cancelled')).toBe(false);
  });

  it('derives the card tag from the kind details', () => {
    expect(tagOf({ kind: 'lecture', track: '微团课', speaker: '张老师', topic: '青年' })).toBe('微团课赛道');
    expect(tagOf({ kind: 'volunteer', roles: ['引导'], hours: 3, recruitment: 'interview' })).toBe('志愿者招募');
    expect(tagOf({ kind: 'firstaid', level: '救护员', assessment: true })).toBe('救护员');
  });
});

describe('audience', () => {
  const student = { college: '医学院', grade: '2024', isLeagueMember: false };
  it('admits everyone by default and refuses by college, grade and league membership', () => {
    expect(audienceRefusal(EVERYONE, student)).toBeNull();
    expect(audienceRefusal({ ...EVERYONE, colleges: ['信息技术学院'] }, student)).toBe('AUDIENCE_COLLEGE');
    expect(audienceRefusal({ ...EVERYONE, grades: ['2023'] }, student)).toBe('AUDIENCE_GRADE');
    expect(audienceRefusal({ ...EVERYONE, leagueMembersOnly: true }, student)).toBe('AUDIENCE_LEAGUE_ONLY');
    expect(audienceRefusal({ colleges: ['医学院'], grades: ['2024'], leagueMembersOnly: true }, { ...student, isLeagueMember: true })).toBeNull();
  });
});

describe('yearly targets', () => {
  it('"at least" and "over" differ at the boundary', () => {
    const figures = { firstaid_trainees: 2500, volunteer_signups: 6500, theme_participations: 50001, practice_share: 49.9 };
    const byMetric = Object.fromEntries(evaluateTargets(DEFAULT_TARGETS, figures).map((t) => [t.metric, t]));
    expect(byMetric.firstaid_trainees.met).toBe(true);
    expect(byMetric.volunteer_signups.met).toBe(false);
    expect(byMetric.theme_participations.met).toBe(true);
    expect(byMetric.practice_share.met).toBe(false);
    expect(byMetric.firstaid_trainees.ratio).toBe(1);
  });

  it('lists the plan items of a month, including spans', () => {
    expect(planItemsOf(3).map((i) => i.category)).toEqual(['theme', 'volunteer', 'lecture']);
    expect(planItemsOf(8).map((i) => i.category)).toEqual(['practice']);
    expect(planItemsOf(1)).toEqual([]);
  });
});

describe('outbox', () => {
  const message: OutboxMessage = {
    key: outboxKey('event_reminder', 'e1', 's1'),
    kind: 'event_reminder',
    studentNo: 's1',
    eventId: 'e1',
    data: {},
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now.toISOString(),
    lastError: null,
    createdAt: now.toISOString(),
    sentAt: null,
    deadlineAt: '2026-03-03T02:00:00.000Z',
  };

  it('is keyed by the reason', () => {
    expect(message.key).toBe('event_reminder:e1:s1');
  });

  it('backs off after failures and gives up as failed (reported), never silently', () => {
    let m = message;
    for (let i = 0; i < RETRY_DELAYS_MS.length; i++) {
      m = afterFailure(m, 'errcode 43101', now);
      expect(m.status).toBe('pending');
      expect(Date.parse(m.nextAttemptAt) - now.getTime()).toBe(RETRY_DELAYS_MS[i]);
    }
    m = afterFailure(m, 'errcode 43101', now);
    expect(m).toMatchObject({ status: 'failed', attempts: RETRY_DELAYS_MS.length + 1, lastError: 'errcode 43101' });
    expect(afterSuccess(message, now)).toMatchObject({ status: 'sent', attempts: 1, sentAt: now.toISOString() });
  });

  it('reminds within 24 hours before a published event only', () => {
    const inHours = (h: number) => new Date(now.getTime() + h * 3_600_000).toISOString();
    expect(reminderDue({ startAt: inHours(23), status: 'published' }, now)).toBe(true);
    expect(reminderDue({ startAt: inHours(25), status: 'published' }, now)).toBe(false);
    expect(reminderDue({ startAt: inHours(-1), status: 'published' }, now)).toBe(false);
    expect(reminderDue({ startAt: inHours(2), status: 'cancelled' }, now)).toBe(false);
  });
});

describe('social-practice teams', () => {
  const limits = { teamSizeMin: 3, teamSizeMax: 4 };
  const team: TeamRecord = {
    id: 't1',
    eventId: 'e-practice',
    name: '乡村振兴调研队',
    project: '孝南区乡村电商调研',
    leaderStudentNo: 'L',
    members: ['L', 'A'],
    mentor: '',
    joinCode: 'ABCDEF',
    status: 'forming',
    report: null,
    review: null,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };

  it('joins within the size limit, one team per student', () => {
    expect(decideJoin(team, limits, 'B', null)).toBeNull();
    expect(decideJoin(team, limits, 'B', 't2')).toBe('TEAM_ALREADY_IN_ONE');
    expect(decideJoin({ ...team, members: ['L', 'A', 'B', 'C'] }, limits, 'D', null)).toBe('TEAM_FULL');
    expect(decideJoin({ ...team, status: 'signed_up' }, limits, 'B', null)).toBe('TEAM_NOT_FORMING');
    expect(decideLeave(team, 'L')).toBe('TEAM_NOT_LEADER');
    expect(decideLeave(team, 'A')).toBeNull();
  });

  it('signs up only by the leader, within limits, with a mentor', () => {
    const full = { ...team, members: ['L', 'A', 'B'], mentor: '王老师' };
    expect(decideTeamSignup(full, limits, 'A')).toBe('TEAM_NOT_LEADER');
    expect(decideTeamSignup(team, limits, 'L')).toBe('TEAM_TOO_SMALL');
    expect(decideTeamSignup({ ...full, mentor: ' ' }, limits, 'L')).toBe('TEAM_NO_MENTOR');
    expect(decideTeamSignup(full, limits, 'L')).toBeNull();
  });

  it('submits a report after signing up, and is reviewed only once submitted', () => {
    expect(decideReportSubmission(team, 'L')).toBe('TEAM_NOT_SIGNED_UP');
    expect(decideReportSubmission({ ...team, status: 'signed_up' }, 'L')).toBeNull();
    expect(decideReportSubmission({ ...team, status: 'returned' }, 'L')).toBeNull();
    expect(decideReview({ ...team, status: 'signed_up' })).toBe('TEAM_NOT_SUBMITTED');
    expect(decideReview({ ...team, status: 'report_submitted' })).toBeNull();
  });

  it('makes join codes from the unambiguous alphabet', () => {
    const code = joinCodeFrom(Uint8Array.from([0, 31, 32, 63, 200, 255]));
    expect(code).toHaveLength(6);
    expect([...code].every((c) => JOIN_CODE_ALPHABET.includes(c))).toBe(true);
    expect(code).not.toMatch(/[01OI]/);
  });
});

describe('a college against its share of the yearly targets', () => {
  const firstaid = { metric: 'firstaid_trainees', label: '应急救护培训', comparator: '>=', value: 2500, unit: '人次' } as const;
  const practice = { metric: 'practice_share', label: '学生参与社会实践比例', comparator: '>=', value: 50, unit: '%' } as const;

  it('asks a college for the counts in proportion to its students, rounded up, and for the same share', () => {
    expect(collegeShareOf(firstaid, 1000, 20000).value).toBe(125);
    expect(collegeShareOf(firstaid, 1, 3).value).toBe(834);
    expect(collegeShareOf(practice, 1000, 20000).value).toBe(50);
  });

  it('expects a target pro rata by the Shanghai month: all of it for a past year, nothing for a future one', () => {
    expect(expectedByMonth(2500, 2026, 2026, 11)).toBe(2291.7);
    expect(expectedByMonth(2500, 2026, 2026, 12)).toBe(2500);
    expect(expectedByMonth(2500, 2025, 2026, 3)).toBe(2500);
    expect(expectedByMonth(2500, 2027, 2026, 3)).toBe(0);
  });
});

import { auditSentence } from '../../src/packages/committee/logic/audit-sentence';

/** The contest's audit entries read as sentences, and never show an account id (an openid means nothing to a teacher). */
const entry = (action: string, target: string, detail: Record<string, unknown>) => ({ id: 1, at: '2026-03-02T02:00:00.000Z', actor: 'o-admin', action, target, detail: JSON.stringify(detail) });
const lookups = { names: { 'o-admin': '陈雯' }, events: {} };

it.each([
  ['contest.round.create', 'r-abc', { title: '2026 百生讲坛 医学院院赛', level: 'college', college: '医学院' }, '创建了百生讲坛比赛「2026 百生讲坛 医学院院赛」'],
  ['contest.judges', 'r-abc', { judges: [{ name: '刘洋', college: '' }, { name: '赵敏', college: '医学院' }] }, '指定了一轮百生讲坛比赛的评委'],
  ['contest.startJudging', 'r-abc', { entries: 3 }, '开始了一轮百生讲坛比赛的评审（3 件作品）'],
  ['contest.publish', 'r-abc', { advanced: 2 }, '公布了一轮百生讲坛比赛的结果，2 件作品晋级'],
  ['lecturer.save', 'o-demo-2024031103', { year: 2026, name: '吴佳琪', level: 'school', active: true }, '把 吴佳琪 列入青年讲师团'],
  ['lecturer.talk.reject', 't-1', { topic: '走进社区讲党史', reason: '照片看不清' }, '退回了一场讲师团宣讲「走进社区讲党史」'],
])('%s reads as a sentence', (action, target, detail, what) => {
  const s = auditSentence(entry(action, target, detail), lookups);
  expect(s.who).toBe('陈雯');
  expect(s.what).toBe(what);
  expect(`${s.what}${s.note}`).not.toMatch(/o-/);
});

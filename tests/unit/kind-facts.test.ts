import { EVERYONE, toEventDetail } from '../../core';
import { kindFactRows } from '../../src/utils/kind-facts';
import { makeEvent } from '../support/factories';

const facts = (rows: ReturnType<typeof kindFactRows>) => Object.fromEntries(rows.map((r) => [r.label, r.value]));

describe("an event's kind facts on the student's page", () => {
  it('the detail a student receives carries the kind details, the audience and whether sign-ups are applications', () => {
    const event = makeEvent({
      details: { kind: 'lecture', track: '主讲人', speaker: '王老师', topic: '我的奋斗故事' },
      audience: { colleges: ['医学院'], grades: [], leagueMembersOnly: true },
      approvalRequired: true,
    });
    const detail = toEventDetail(event);
    expect(detail).toMatchObject({
      details: { kind: 'lecture', speaker: '王老师' },
      audience: { colleges: ['医学院'], leagueMembersOnly: true },
      approvalRequired: true,
    });
    expect(facts(kindFactRows(detail))).toEqual({
      赛道: '主讲人赛道',
      主讲人: '王老师',
      主题: '我的奋斗故事',
      面向: '仅限 医学院 · 共青团员',
      报名方式: '需主办方审核，通过后占用名额',
    });
  });

  it('lists what each kind needs', () => {
    const base = { audience: EVERYONE, approvalRequired: false };
    expect(facts(kindFactRows({ ...base, details: { kind: 'volunteer', roles: ['导诊', '宣教'], hours: 3, recruitment: 'interview' } }))).toEqual({
      志愿岗位: '导诊、宣教',
      服务时长: '约 3 小时',
      招募方式: '报名后面试选拔',
    });
    expect(
      facts(kindFactRows({ ...base, details: { kind: 'practice', mode: '三下乡', teamSizeMin: 3, teamSizeMax: 8, destination: '孝南区', reportDueAt: '2026-09-10T04:00:00.000Z' } })),
    ).toMatchObject({ 实践形式: '三下乡', 团队人数: '每队 3–8 人', 实践地点: '孝南区' });
    expect(facts(kindFactRows({ ...base, details: { kind: 'firstaid', level: '救护员', assessment: true } }))).toMatchObject({ 培训级别: '救护员' });
    expect(kindFactRows({ ...base, details: null })).toEqual([]);
  });
});

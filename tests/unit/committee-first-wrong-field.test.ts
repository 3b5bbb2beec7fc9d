import { firstWrongField } from '../../src/packages/committee/logic/first-wrong-field';

describe('发布活动: the field a failed save scrolls to', () => {
  it('is the first wrong one in the form’s order, whatever order the errors came in', () => {
    expect(firstWrongField({ capacity: '名额应为 1–20000 的整数', title: '请填写标题' })).toBe('event-title-input');
    expect(firstWrongField({ 'creditRule.base.amount': 'x', endAt: 'y' })).toBe('event-time-end');
    expect(firstWrongField({ 'audience.colleges': 'x', minStayRatio: 'y' })).toBe('event-college');
  });

  it('finds a server path by any of the names its field shows, and falls back to the line above the buttons', () => {
    expect(firstWrongField({ credits: '学分不正确' })).toBe('event-credit-amount');
    expect(firstWrongField({ 'host.unit': '请选择学院' })).toBe('event-host-unit');
    expect(firstWrongField({ somethingElse: '未知问题' })).toBe('event-form-error');
  });

  it('is none when nothing is wrong', () => {
    expect(firstWrongField({})).toBeNull();
    expect(firstWrongField({ title: undefined })).toBeNull();
  });
});

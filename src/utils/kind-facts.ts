import type { EventDetail } from '../../types/models';
import { formatDateTime } from './time';

export interface FactRow {
  key: string;
  label: string;
  value: string;
}

const RECRUITMENT: Record<string, string> = { open: '直接报名', approval: '报名后由主办方审核', interview: '报名后面试选拔' };

/**
 * What an event's kind adds to its facts, as the student's page lists them: the lecture's track, speaker and topic;
 * the volunteering roles, hours and how volunteers are chosen; the practice's form, team size, destination and report
 * due; the first-aid level and assessment; the theme; and who may sign up.
 */
export function kindFactRows(event: Pick<EventDetail, 'details' | 'audience' | 'approvalRequired'>): FactRow[] {
  const rows: FactRow[] = [];
  const d = event.details;
  if (d?.kind === 'lecture') {
    rows.push({ key: 'track', label: '赛道', value: `${d.track}赛道` });
    if (d.speaker) rows.push({ key: 'speaker', label: '主讲人', value: d.speaker });
    if (d.topic) rows.push({ key: 'topic', label: '主题', value: d.topic });
  } else if (d?.kind === 'volunteer') {
    if (d.roles.length) rows.push({ key: 'roles', label: '志愿岗位', value: d.roles.join('、') });
    if (d.hours > 0) rows.push({ key: 'hours', label: '服务时长', value: `约 ${d.hours} 小时` });
    rows.push({ key: 'recruitment', label: '招募方式', value: RECRUITMENT[d.recruitment] ?? d.recruitment });
  } else if (d?.kind === 'practice') {
    rows.push({ key: 'mode', label: '实践形式', value: d.mode });
    rows.push({ key: 'team-size', label: '团队人数', value: `每队 ${d.teamSizeMin}–${d.teamSizeMax} 人` });
    if (d.destination) rows.push({ key: 'destination', label: '实践地点', value: d.destination });
    rows.push({ key: 'report-due', label: '报告截止', value: formatDateTime(d.reportDueAt) });
  } else if (d?.kind === 'firstaid') {
    rows.push({ key: 'level', label: '培训级别', value: d.level });
    rows.push({ key: 'assessment', label: '考核', value: d.assessment ? '结业考核，通过可获证书与额外学分' : '无考核' });
  } else if (d?.kind === 'theme' && d.theme) {
    rows.push({ key: 'theme', label: '主题', value: d.theme });
  }
  const a = event.audience;
  const who = [a.colleges.length ? a.colleges.join('、') : '', a.grades.length ? `${a.grades.join('、')}级` : '', a.leagueMembersOnly ? '共青团员' : '']
    .filter(Boolean)
    .join(' · ');
  if (who) rows.push({ key: 'audience', label: '面向', value: `仅限 ${who}` });
  if (event.approvalRequired) rows.push({ key: 'approval', label: '报名方式', value: '需主办方审核，通过后占用名额' });
  return rows;
}

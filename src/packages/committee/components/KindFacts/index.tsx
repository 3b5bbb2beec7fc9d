import { Text, View } from '@tarojs/components';
import type { EventFields } from '../../../../../types/committee-actions';
import { CATEGORY_LABELS } from '../../../../../types/enums';
import { formatCredits } from '../../../../utils/credits';
import { formatDateTime } from '../../../../utils/time';
import { RECRUITMENT_LABELS } from '../../logic/labels';
import './index.scss';

/** What a kind of event adds for students (主讲人, 岗位, 团队人数…), who may sign up, and what it earns. */
export function kindRows(f: EventFields): Array<{ key: string; label: string; value: string }> {
  const d = f.details;
  const rows: Array<{ key: string; label: string; value: string }> = [];
  if (d.kind === 'lecture') rows.push({ key: 'track', label: '赛道', value: d.track }, { key: 'speaker', label: '主讲人', value: d.speaker }, { key: 'topic', label: '主题', value: d.topic });
  if (d.kind === 'volunteer')
    rows.push(
      { key: 'roles', label: '志愿岗位', value: d.roles.join('、') || '—' },
      { key: 'hours', label: '服务时长', value: `${d.hours} 小时` },
      { key: 'recruitment', label: '招募方式', value: RECRUITMENT_LABELS[d.recruitment] },
    );
  if (d.kind === 'practice')
    rows.push(
      { key: 'mode', label: '实践类型', value: d.mode },
      { key: 'destination', label: '目的地', value: d.destination },
      { key: 'team', label: '团队人数', value: `${d.teamSizeMin}–${d.teamSizeMax} 人，以团队报名` },
      { key: 'report', label: '报告截止', value: formatDateTime(d.reportDueAt) },
    );
  if (d.kind === 'firstaid') rows.push({ key: 'level', label: '培训级别', value: d.level }, { key: 'assessment', label: '考核', value: d.assessment ? '有考核，通过后登记证书编号' : '无考核' });
  if (d.kind === 'theme') rows.push({ key: 'theme', label: '教育主题', value: d.theme });

  const a = f.audience;
  const who = [a.colleges.length ? a.colleges.join('、') : '全校', a.grades.length ? a.grades.join('、') : '', a.leagueMembersOnly ? '仅限团员' : ''].filter(Boolean).join(' · ');
  rows.push({ key: 'audience', label: '面向', value: who });
  const b = f.creditRule.base;
  const credit =
    b.kind === 'fixed'
      ? `${formatCredits(b.amount)} 学分`
      : b.kind === 'per_hour'
        ? `每小时 ${formatCredits(b.perHour)} 学分${b.cap ? `，最多 ${formatCredits(b.cap)} 学分` : ''}`
        : '不计学分';
  const bonus = f.creditRule.assessmentBonus ? `；考核通过另加 ${formatCredits(f.creditRule.assessmentBonus.amount)} 学分` : '';
  rows.push({ key: 'credit', label: '学分', value: credit + bonus });
  if (f.approvalRequired) rows.push({ key: 'approval', label: '报名', value: '需审核，通过后占用名额' });
  if (f.checkoutRequired) rows.push({ key: 'checkout', label: '签到', value: `需签到和签退，停留不少于 ${Math.round(f.minStayRatio * 100)}%` });
  return rows;
}

export default function KindFacts({ fields }: { fields: EventFields }) {
  return (
    <View className='kind-facts'>
      <Text className='kind-facts__title'>{CATEGORY_LABELS[fields.category]}信息</Text>
      {kindRows(fields).map((r) => (
        <View key={r.key} className={`kind-facts__row kind-fact-${r.key}`}>
          <Text className='kind-facts__label'>{r.label}</Text>
          <Text className='kind-facts__value'>{r.value}</Text>
        </View>
      ))}
    </View>
  );
}

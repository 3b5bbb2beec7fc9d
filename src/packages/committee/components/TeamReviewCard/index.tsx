import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { formatDateTime } from '../../../../utils/time';
import { TEAM_STATUS_LABELS, type Team } from '../../logic/labels';
import './index.scss';

interface Props {
  team: Team;
  busy: boolean;
  onApprove: () => void;
  onReturn: () => void;
}

/** A social-practice team: its project, members, mentor and report; 通过 / 退回 while the report awaits review. */
export default function TeamReviewCard({ team: t, busy, onApprove, onReturn }: Props) {
  return (
    <View className={`team-review team-review--${t.status}`} data-id={t.id}>
      <View className='team-review__top'>
        <Text className='team-review__name team-name'>{t.name}</Text>
        <Text className={`team-review__status team-status team-review__status--${t.status}`}>{TEAM_STATUS_LABELS[t.status]}</Text>
      </View>
      <Text className='team-review__line'>{t.eventTitle}</Text>
      <Text className='team-review__line'>项目：{t.project}</Text>
      <Text className='team-review__line'>
        队长 {t.leader.name} · 指导老师 {t.mentor || '未填写'} · {t.members.length} 人
      </Text>
      <Text className='team-review__members'>{t.members.map((m) => m.name).join('、')}</Text>
      {t.report ? (
        <View className='team-review__report team-report'>
          <Text className='team-review__report-title'>《{t.report.title}》</Text>
          <Text className='team-review__report-summary'>{t.report.summary}</Text>
          {t.report.link ? <Text className='team-review__report-link' userSelect>{t.report.link}</Text> : null}
          <Text className='team-review__report-at'>{formatDateTime(t.report.submittedAt)} 提交</Text>
        </View>
      ) : null}
      {t.review ? (
        <Text className='team-review__review'>
          {formatDateTime(t.review.at)} 审核：{t.review.reason}
        </Text>
      ) : null}
      {t.status === 'report_submitted' ? (
        <View className='team-review__actions'>
          <Button className='team-return' size='small' fill='outline' disabled={busy} onClick={onReturn}>
            退回修改
          </Button>
          <Button className='team-review__approve team-approve' size='small' type='primary' loading={busy} onClick={onApprove}>
            通过并记学分
          </Button>
        </View>
      ) : null}
    </View>
  );
}

import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { formatDateTime } from '../../../utils/time';
import type { Team } from '../stores/teams';
import { reportOpen, signUpReadiness, sizeRange, TEAM_STATUS_LABELS } from '../team-view';
import ReportForm from './ReportForm';
import TeamForm, { type TeamFormValues } from './TeamForm';

interface Props {
  team: Team;
  isLeader: boolean;
  busy: boolean;
  onEdit: (values: TeamFormValues) => Promise<string | null>;
  onSignUp: () => void;
  onSubmitReport: (values: { title: string; summary: string; link: string }) => Promise<string | null>;
  onLeave: () => void;
  onCopyCode: (code: string) => void;
  /** The join code just copied (its button reads 已复制). */
  copied?: string | null;
}

/**
 * One team on 我的团队: status, project, mentor, members, the join code to share (members only, while forming), and
 * what the student may do: the leader edits, signs the team up (整体报名) and submits the report; a member leaves
 * while the team is forming. Hooks: see src/testids.md (`.team-card[data-team-id][data-status]`).
 */
export default function TeamCard({ team, isLeader, busy, onEdit, onSignUp, onSubmitReport, onLeave, onCopyCode, copied = null }: Props) {
  const [editing, setEditing] = useState(false);
  const forming = team.status === 'forming';
  const readiness = signUpReadiness(team);

  return (
    <View className='team-card' data-team-id={team.id} data-status={team.status}>
      <View className='team-card__head'>
        <Text className='team-card__name team-name'>{team.name}</Text>
        <Text className={`team-card__status team-status team-status--${team.status}`}>{TEAM_STATUS_LABELS[team.status]}</Text>
      </View>
      <Text className='team-card__event team-event'>{team.eventTitle}</Text>

      {editing ? (
        <TeamForm
          initial={{ name: team.name, project: team.project, mentor: team.mentor }}
          submitText='保存'
          busy={busy}
          onCancel={() => setEditing(false)}
          onSubmit={async (values) => {
            const problem = await onEdit(values);
            if (!problem) setEditing(false);
            return problem;
          }}
        />
      ) : (
        <View className='team-card__facts'>
          <View className='team-card__fact'>
            <Text className='team-card__fact-label'>项目</Text>
            <Text className='team-card__fact-value team-project'>{team.project}</Text>
          </View>
          <View className='team-card__fact'>
            <Text className='team-card__fact-label'>队长</Text>
            <Text className='team-card__fact-value team-leader'>{team.leader.name}</Text>
          </View>
          <View className='team-card__fact'>
            <Text className='team-card__fact-label'>指导老师</Text>
            <Text className={`team-card__fact-value team-mentor ${team.mentor ? '' : 'team-card__fact-value--missing'}`}>
              {team.mentor || '未填写'}
            </Text>
          </View>
          <View className='team-card__fact'>
            <Text className='team-card__fact-label'>人数</Text>
            <Text className='team-card__fact-value team-size'>
              {team.members.length} 人（本活动每队 {sizeRange(team)}）
            </Text>
          </View>
        </View>
      )}

      <View className='team-card__members'>
        {team.members.map((m) => (
          <View key={m.studentNo} className='team-member' data-student-no={m.studentNo}>
            <Text className='team-member__name'>{m.name}</Text>
            {m.studentNo === team.leader.studentNo ? <Text className='team-member__leader'>队长</Text> : null}
            <Text className='team-member__class'>{m.className}</Text>
          </View>
        ))}
      </View>

      {forming && team.joinCode ? (
        <View className='team-card__code'>
          <View>
            <Text className='team-card__code-label'>入队码</Text>
            <Text className='team-card__code-value team-join-code' data-code={team.joinCode} userSelect>
              {team.joinCode}
            </Text>
          </View>
          <Button className='team-card__copy team-copy-code' size='small' fill='outline' type='primary' onClick={() => onCopyCode(team.joinCode!)}>
            {copied === team.joinCode ? '已复制 ✓' : '复制'}
          </Button>
        </View>
      ) : null}

      {team.review && team.status === 'returned' ? (
        <Text className='team-card__review team-review'>退回原因：{team.review.reason}</Text>
      ) : null}
      {team.report ? (
        <View className='team-card__report team-report'>
          <Text className='team-card__report-title'>实践报告：{team.report.title}</Text>
          <Text className='team-card__report-meta'>提交于 {formatDateTime(team.report.submittedAt)}</Text>
        </View>
      ) : null}

      {isLeader && forming && !editing ? (
        <View className='team-card__signup'>
          <Text className={`team-card__rule team-signup-rule ${readiness.ready ? 'team-card__rule--ready' : ''}`}>
            {readiness.ready ? `人数符合要求（${sizeRange(team)}），可以整体报名：全体成员一并报名，之后成员不能再变动` : readiness.reason}
          </Text>
          <View className='team-card__actions'>
            <Button className='team-button team-edit' fill='outline' type='default' disabled={busy} onClick={() => setEditing(true)}>
              修改信息
            </Button>
            <Button
              className={`team-button team-signup ${readiness.ready ? '' : 'team-signup--blocked'}`}
              type='primary'
              loading={busy}
              disabled={busy || !readiness.ready}
              onClick={onSignUp}
            >
              整体报名
            </Button>
          </View>
        </View>
      ) : null}

      {isLeader && !forming && !editing && reportOpen(team) ? (
        <ReportForm busy={busy} onSubmit={onSubmitReport} />
      ) : null}

      {!isLeader && forming ? (
        <View className='team-card__actions'>
          <Button className='team-button team-leave' fill='outline' type='default' disabled={busy} onClick={onLeave}>
            退出团队
          </Button>
        </View>
      ) : null}
    </View>
  );
}

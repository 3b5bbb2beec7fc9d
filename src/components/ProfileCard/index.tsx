import { Skeleton } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import type { RoleGrantView, StudentProfile } from '../../../types/models';
import { roleText } from '../../utils/roles';
import './index.scss';

interface Props {
  student: StudentProfile | null;
  /** getMe has not answered yet: a placeholder, never 未绑定学号 to someone who may well be bound. */
  loading?: boolean;
  /** Officer and committee roles of the account, shown as chips under the profile. */
  roles?: RoleGrantView[];
}

function RoleChips({ roles }: { roles: RoleGrantView[] }) {
  if (roles.length === 0) return null;
  return (
    <View className='profile-card__roles role-chips'>
      {roles.map((g) => (
        <Text key={`${g.role}:${g.scope}`} className={`profile-card__role role-chip role-chip--${g.role}`}>
          {roleText(g)}
        </Text>
      ))}
    </View>
  );
}

/**
 * The student's identity on 我的: name, 学号 and league membership, then college, class and branch; then roles. While
 * getMe is on its way, a placeholder (`.profile-loading`); an account with roles and no student (a teacher's) is a
 * work account (`.profile-work`): its roles, not a call to bind.
 */
export default function ProfileCard({ student, roles = [], loading = false }: Props) {
  if (loading) {
    return (
      <View className='profile-card profile-card--loading profile-loading loading-skeleton'>
        <View className='profile-card__top'>
          <View className='profile-card__avatar profile-card__avatar--empty' />
          <View className='profile-card__main'>
            <Skeleton rows={1} width='40%' animated />
            <Skeleton rows={1} size='small' width='64%' animated className='profile-card__skeleton-line' />
          </View>
        </View>
      </View>
    );
  }
  if (!student && roles.length > 0) {
    return (
      <View className='profile-card profile-card--work profile-work'>
        <View className='profile-card__top'>
          <View className='profile-card__avatar profile-card__avatar--work'>
            <Text>团</Text>
          </View>
          <View className='profile-card__main'>
            <Text className='profile-card__name'>工作账号</Text>
            <Text className='profile-card__sub'>凭下列角色使用下方的管理功能</Text>
          </View>
        </View>
        <RoleChips roles={roles} />
      </View>
    );
  }
  if (!student) {
    return (
      <View className='profile-card profile-card--unbound profile-unbound'>
        <View className='profile-card__top'>
          <View className='profile-card__avatar profile-card__avatar--empty'>
            <Text>?</Text>
          </View>
          <View className='profile-card__main'>
            <Text className='profile-card__name'>未绑定学号</Text>
            <Text className='profile-card__sub'>绑定学号后即可报名活动、累计学分</Text>
          </View>
        </View>
      </View>
    );
  }
  const rows: Array<[string, string]> = [
    ['学院', student.college],
    ['班级', student.className],
    ['团支部', student.branch],
  ];
  return (
    <View className='profile-card profile-bound'>
      <View className='profile-card__top'>
        <View className='profile-card__avatar'>
          <Text>{student.name.slice(-1)}</Text>
        </View>
        <View className='profile-card__main'>
          <View className='profile-card__name-row'>
            <Text className='profile-card__name profile-name'>{student.name}</Text>
            <Text className={`profile-card__member ${student.isLeagueMember ? 'is-member' : 'not-member'} profile-member`}>
              {student.isLeagueMember ? '共青团员' : '非团员'}
            </Text>
          </View>
          <Text className='profile-card__sub profile-student-no'>学号 {student.studentNo}</Text>
        </View>
      </View>
      <View className='profile-card__rows'>
        {rows.map(([label, value]) => (
          <View key={label} className='profile-card__row'>
            <Text className='profile-card__label'>{label}</Text>
            <Text className='profile-card__value'>{value || '—'}</Text>
          </View>
        ))}
      </View>
      <RoleChips roles={roles} />
    </View>
  );
}

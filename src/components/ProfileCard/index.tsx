import { Text, View } from '@tarojs/components';
import type { RoleGrantView, StudentProfile } from '../../../types/models';
import { roleText } from '../../utils/roles';
import './index.scss';

interface Props {
  student: StudentProfile | null;
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

/** The student's identity on 我的: name, 学号 and league membership, then college, class and branch; then roles. */
export default function ProfileCard({ student, roles = [] }: Props) {
  if (!student) {
    return (
      <View className='profile-card profile-card--unbound profile-unbound'>
        <View className='profile-card__top'>
          <View className='profile-card__avatar profile-card__avatar--empty'>
            <Text>?</Text>
          </View>
          <View className='profile-card__main'>
            <Text className='profile-card__name'>未绑定学号</Text>
            <Text className='profile-card__sub'>
              {roles.length > 0 ? '工作账号：可使用下方的团干部功能' : '绑定学号后即可报名活动、累计学分'}
            </Text>
          </View>
        </View>
        <RoleChips roles={roles} />
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

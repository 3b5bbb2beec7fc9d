import { Text, View } from '@tarojs/components';
import type { Member } from '../../../../../types/models';
import './index.scss';

/** One member as an officer sees them: name, 团员 or not, 学号 · 班级, and whether a WeChat account is bound. */
export default function MemberRow({ member }: { member: Member }) {
  return (
    <View className='member-row' data-student-no={member.studentNo}>
      <View className={`member-row__avatar ${member.bound ? '' : 'member-row__avatar--unbound'}`}>
        <Text>{member.name.slice(-1)}</Text>
      </View>
      <View className='member-row__body'>
        <View className='member-row__name-line'>
          <Text className='member-row__name member-name'>{member.name}</Text>
          <Text className={`member-row__league member-league ${member.isLeagueMember ? 'member-league--yes' : 'member-league--no'}`}>
            {member.isLeagueMember ? '团员' : '非团员'}
          </Text>
        </View>
        <Text className='member-row__meta'>
          <Text className='member-student-no'>{member.studentNo}</Text>
          <Text className='member-row__dot'> · </Text>
          <Text className='member-class'>{member.className}</Text>
        </Text>
      </View>
      <Text className={`member-row__bound member-bound ${member.bound ? 'member-bound--yes' : 'member-bound--no'}`}>
        {member.bound ? '已绑定' : '未绑定'}
      </Text>
    </View>
  );
}

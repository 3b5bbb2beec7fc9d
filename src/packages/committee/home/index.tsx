// Only icons the main package already uses: the icon library is one shared module, so a new icon would land there.
import { Order, ShieldCheck, User } from '@nutui/icons-react-taro';
import { Text, View } from '@tarojs/components';
import { openMe } from '../../../utils/navigation';
import { useCommitteeAccess } from '../access';
import CommitteeHero from '../components/CommitteeHero';
import CommitteeRefusal from '../components/CommitteeRefusal';
import CommitteeSkeleton from '../components/CommitteeSkeleton';
import { openCommitteeTool, type CommitteeTool } from '../routes';
import './index.scss';

const TOOLS: Array<{ tool: CommitteeTool; title: string; description: string; Icon: typeof Order }> = [
  { tool: 'roster', title: '名单导入', description: '上传 .xlsx / .csv 学生名单，逐行预览后导入', Icon: User },
  { tool: 'roles', title: '角色管理', description: '授予或撤销团支部、院团总支和校团委角色', Icon: ShieldCheck },
  { tool: 'audit', title: '审计日志', description: '查看绑定、角色、名单的变更记录；解绑学号', Icon: Order },
];

/** 校团委工作台: the way in to the committee's tools (opened from 我的 by accounts holding the 校团委 role). */
export default function CommitteeHomePage() {
  const access = useCommitteeAccess();
  return (
    <View className='committee-page committee-home'>
      <CommitteeHero title='校团委工作台' subtitle='维护学生名单与权限；所有变更均记入审计日志' />
      {access.state === 'checking' ? (
        <CommitteeSkeleton />
      ) : access.state === 'forbidden' ? (
        <CommitteeRefusal message={access.message} onBack={openMe} />
      ) : (
        <View className='committee-home__tools'>
          {TOOLS.map(({ tool, title, description, Icon }) => (
            <View key={tool} className={`committee-home__tool committee-tool-${tool}`} onClick={() => openCommitteeTool(tool)}>
              <View className={`committee-home__icon committee-home__icon--${tool}`}>
                <Icon size={22} color='#ffffff' />
              </View>
              <View className='committee-home__body'>
                <Text className='committee-home__title'>{title}</Text>
                <Text className='committee-home__desc'>{description}</Text>
              </View>
              <Text className='committee-home__go'>›</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}

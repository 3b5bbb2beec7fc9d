// Only icons the main package already uses: the icon library is one shared module, so a new icon would land there.
import { Checked, Clock, Edit, Order, ShieldCheck, Star, Tips, User, Weixin } from '@nutui/icons-react-taro';
import { Text, View } from '@tarojs/components';
import { useCommitteeAccess } from '../hooks/use-committee-access';
import CommitteeHero from '../components/CommitteeHero';
import CommitteeGate from '../components/CommitteeGate';
import { openCommitteeTool, type CommitteeTool } from '../services/routes';
import './index.scss';
import { COLORS } from '../../../styles/colors';

const TOOLS: Array<{ tool: CommitteeTool; title: string; description: string; Icon: typeof Order }> = [
  { tool: 'events', title: '活动管理', description: '发布、编辑、关闭与取消活动；报名审核与导出', Icon: Clock },
  { tool: 'dashboard', title: '年度目标看板', description: '应急救护、志愿服务、主题教育与社会实践的年度目标', Icon: Star },
  { tool: 'contest', title: '百生讲坛比赛', description: '院赛、校赛：赛道、截止、评分表、评委与晋级', Icon: Star },
  { tool: 'lecturers', title: '青年讲师团', description: '成员名单、宣讲进度（校内 3 场、校外 1 场）与宣讲确认', Icon: User },
  { tool: 'teams', title: '实践团队审核', description: '审核社会实践团队的报告，通过后全体记入学分', Icon: Checked },
  { tool: 'outbox', title: '消息发件箱', description: '活动提醒、候补转正与取消通知，按活动汇总发送情况', Icon: Weixin },
  { tool: 'roster', title: '名单导入', description: '上传 .xlsx / .csv 学生名单，逐行预览后导入', Icon: User },
  { tool: 'roles', title: '角色管理', description: '授予或撤销团支部、院团总支和校团委角色', Icon: ShieldCheck },
  { tool: 'data-requests', title: '删除申请', description: '学生申请删除个人信息：处理并答复，学分记录按隐私政策保留', Icon: ShieldCheck },
  { tool: 'audit', title: '审计日志', description: '查看绑定、角色、名单的变更记录；解绑学号', Icon: Order },
  { tool: 'credits', title: '学分统计', description: '按学院、团支部、模块统计学分与毕业达标', Icon: Star },
  { tool: 'credit-import', title: '批量记学分', description: '上传 .xlsx / .csv，逐行预览后记入成绩单', Icon: Edit },
  { tool: 'leave', title: '请假审批', description: '全校活动的请假：批准后不记缺席、名额递补，不批准须写明原因', Icon: Checked },
  { tool: 'credit-settings', title: '模块与毕业要求', description: '修改、增加学分模块；设置毕业要求与缺席扣分', Icon: Tips },
];

/** 校团委工作台: the way in to the committee's tools (opened from 我的 by accounts holding the 校团委 role). */
export default function CommitteeHomePage() {
  const access = useCommitteeAccess();
  const hero = <CommitteeHero title='校团委工作台' subtitle='活动、目标、名单、权限与第二课堂学分；变更均记入审计日志' />;
  return (
    <CommitteeGate access={access} page='committee-home' hero={hero}>
      {() => (
        <>
          {hero}
          <View className='committee-home__tools'>
            {TOOLS.map(({ tool, title, description, Icon }) => (
              <View key={tool} className={`committee-home__tool committee-tool-${tool}`} onClick={() => openCommitteeTool(tool)}>
                <View className={`committee-home__icon committee-home__icon--${tool}`}>
                  <Icon size={22} color={COLORS.white} />
                </View>
                <View className='committee-home__body'>
                  <Text className='committee-home__title'>{title}</Text>
                  <Text className='committee-home__desc'>{description}</Text>
                </View>
                <Text className='committee-home__go'>›</Text>
              </View>
            ))}
          </View>
        </>
      )}
    </CommitteeGate>
  );
}

import { Cell, CellGroup } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import BindStudentCard, { type BindValues } from '../../components/BindStudentCard';
import CreditsCard from '../../components/CreditsCard';
import DemoIdentityChip from '../../components/DemoIdentityChip';
import DemoUserSwitch from '../../components/DemoUserSwitch';
import ErrorState from '../../components/ErrorState';
import { usePageToast } from '../../components/PageToast';
import ProfileCard from '../../components/ProfileCard';
import ScanWebLoginCell from '../../components/ScanWebLoginCell';
import WebLoginEntry from '../../components/WebLoginEntry';
import { useTranscriptStore } from '../../stores/transcript';
import { selectDemoChipShown, selectDemoName, useUserStore } from '../../stores/user';
import {
  openBranchMembers,
  openCheckinEvents,
  openCommitteeHome,
  openContest,
  openContestRounds,
  openCreditsOverview,
  openDashboard,
  openEvents,
  openFollows,
  openManagedEvents,
  openMyAppeals,
  openMyData,
  openPrivacyPolicy,
  openMyTeams,
  openSelfCheckin,
  openTranscript,
} from '../../utils/navigation';
import { officerAccess } from '../../utils/roles';
import { takeReturnAfterBind } from '../../stores/return-after-bind';
import './index.scss';
import PrivacySheet from '../../components/PrivacySheet';

/**
 * 我的: who I am and the roles I hold, or the form to bind my 学号; officers find their members here, the committee
 * its workbench; on H5 in demo mode, whom to act as. Web login: on H5 the way in (电脑端扫码登录) and out
 * (退出网页登录); on weapp the scanner that confirms it (扫码登录网页). Each platform's part is built only into it.
 */
export default function MePage() {
  const { signedIn, bound, student, roles, loaded, error, binding, demoAvailable, demoUsers, demoUser, webSession } = useUserStore();
  const demoName = useUserStore(selectDemoName);
  const demoChip = useUserStore(selectDemoChipShown);
  const { getMe, bindStudent, loadDemoUsers, selectDemoUser, endWebSession } = useUserStore.getState();
  const [toastNode, showToast] = usePageToast();
  const officer = officerAccess(roles);
  const committee = roles.some((g) => g.role === 'committee_admin');
  // 院团总支 reach 学分统计 (their college) from here; the committee from 工作台.
  const collegeOfficer = !committee && roles.some((g) => g.role === 'college_officer');
  const judge = roles.some((g) => g.role === 'contest_judge');
  const transcript = useTranscriptStore((s) => s.transcript);
  const transcriptFailed = useTranscriptStore((s) => s.error !== null);
  const loadTranscript = useTranscriptStore.getState().load;
  const studentNo = bound ? (student?.studentNo ?? null) : null;
  // A work account (roles, no student: a teacher) binds only on purpose: the form stays folded until asked for.
  const workAccount = loaded && !bound && roles.length > 0;
  const [bindUnfolded, setBindUnfolded] = useState(false);
  const pendingAppeals = transcript ? transcript.appeals.filter((a) => a.status === 'pending').length : 0;
  const appealCount = transcript?.appeals.length ?? 0;

  useDidShow(() => {
    void getMe({ silent: useUserStore.getState().loaded });
    void loadDemoUsers();
    // Back from an event or the transcript: the total may have changed.
    if (useUserStore.getState().bound) void loadTranscript({ silent: true });
  });

  // A student (newly bound, or another demo identity): their total on the card.
  useEffect(() => {
    if (studentNo) void loadTranscript({ silent: true });
  }, [studentNo, loadTranscript]);

  usePullDownRefresh(async () => {
    await Promise.all([getMe({ silent: true }), loadDemoUsers(), useUserStore.getState().bound ? loadTranscript({ silent: true }) : null]);
    Taro.stopPullDownRefresh();
  });

  async function switchTo(id: string | null) {
    await selectDemoUser(id);
    const name = id ? useUserStore.getState().demoUsers.find((u) => u.id === id)?.name ?? id : '匿名访客';
    showToast(`已切换为 ${name}`, 'success');
  }

  async function logoutWeb() {
    await endWebSession();
    showToast('已退出网页登录', 'success');
  }

  const webLogin = { loaded, signedIn, webSession, demoActive: demoAvailable && demoUser !== null, onLogout: () => void logoutWeb() };

  async function bind(values: BindValues): Promise<string | null> {
    const result = await bindStudent(values);
    if (!result.ok) return result.message;
    showToast('绑定成功', 'success');
    // Came from an event a shared card opened (去绑定): back to that event, now able to sign up.
    const back = takeReturnAfterBind();
    if (back) void Taro.navigateTo({ url: back });
    return null;
  }

  const menu = (
    <CellGroup className='me-page__menu'>
      {committee ? (
        <Cell
          className='me-page__cell committee-entry'
          title='校团委工作台'
          description='名单导入 · 角色管理 · 审计日志'
          extra={<Text className='me-page__cell-go'>进入</Text>}
          clickable
          onClick={openCommitteeHome}
        />
      ) : null}
      {officer ? (
        <Cell
          className='me-page__cell officer-entry'
          title='团支部成员'
          description={officer.hint}
          extra={<Text className='me-page__cell-go'>查看</Text>}
          clickable
          onClick={() => openBranchMembers(officer.branch)}
        />
      ) : null}
      {officer ? (
        <Cell
          className='me-page__cell checkin-entry'
          title='签到管理'
          description='扫码签到 · 到场名单 · 活动码'
          extra={<Text className='me-page__cell-go'>进入</Text>}
          clickable
          onClick={openCheckinEvents}
        />
      ) : null}
      {collegeOfficer ? (
        <Cell
          className='me-page__cell credit-stats-entry'
          title='学分统计'
          description='本学院各团支部、各模块学分与毕业达标'
          extra={<Text className='me-page__cell-go'>查看</Text>}
          clickable
          onClick={openCreditsOverview}
        />
      ) : null}
      {collegeOfficer ? (
        <Cell
          className='me-page__cell managed-events-entry'
          title='活动管理'
          description='发布、编辑、关闭或取消本学院的活动 · 报名审核'
          extra={<Text className='me-page__cell-go'>进入</Text>}
          clickable
          onClick={openManagedEvents}
        />
      ) : null}
      {collegeOfficer ? (
        <Cell
          className='me-page__cell dashboard-entry'
          title='年度目标看板'
          description='本学院的应急救护、志愿服务、主题教育与社会实践'
          extra={<Text className='me-page__cell-go'>查看</Text>}
          clickable
          onClick={openDashboard}
        />
      ) : null}
      {collegeOfficer ? (
        <Cell
          className='me-page__cell contest-rounds-entry'
          title='百生讲坛比赛'
          description='本学院院赛：赛道、截止、评委、评审与晋级'
          extra={<Text className='me-page__cell-go'>进入</Text>}
          clickable
          onClick={openContestRounds}
        />
      ) : null}
      {bound || judge ? (
        <Cell
          className='me-page__cell contest-entry'
          title='百生讲坛'
          description={judge ? '报名参赛、查看结果 · 评委评审作品' : '主讲人、团支部、微团课赛道报名，查看晋级结果'}
          extra={<Text className='me-page__cell-go'>进入</Text>}
          clickable
          onClick={openContest}
        />
      ) : null}
      {bound ? (
        <Cell
          className='me-page__cell my-teams-entry'
          title='我的团队'
          description='三下乡、返家乡社会实践团队：入队码、整体报名、实践报告'
          extra={<Text className='me-page__cell-go'>查看</Text>}
          clickable
          onClick={openMyTeams}
        />
      ) : null}
      {bound ? (
        <Cell
          className='me-page__cell my-appeals-entry'
          title='我的申诉'
          description={
            pendingAppeals > 0
              ? `${pendingAppeals} 条正在等待团干部核实`
              : appealCount > 0
                ? `共 ${appealCount} 条，均已处理`
                : '参加了活动却没记上学分？在活动页提交申诉'
          }
          extra={<Text className='me-page__cell-go'>查看</Text>}
          clickable
          onClick={openMyAppeals}
        />
      ) : null}
      {bound ? (
        <Cell
          className='me-page__cell follows-entry'
          title='活动提醒'
          description='关注喜欢的活动类型，新活动开放报名时提醒我'
          extra={<Text className='me-page__cell-go'>设置</Text>}
          clickable
          onClick={openFollows}
        />
      ) : null}
      {bound ? (
        <Cell
          className='me-page__cell self-checkin-entry'
          title='扫码签到'
          description='扫描活动现场大屏或团干部手机上的签到码'
          extra={<Text className='me-page__cell-go'>扫码</Text>}
          clickable
          onClick={openSelfCheckin}
        />
      ) : null}
      {bound ? (
        <Cell
          className='me-page__cell my-data-entry'
          title='我的数据'
          description='导出我的个人信息 · 申请删除 · 解除绑定'
          extra={<Text className='me-page__cell-go'>查看</Text>}
          clickable
          onClick={openMyData}
        />
      ) : null}
      {loaded && signedIn && !bound ? (
        <Cell
          className='me-page__cell my-data-entry'
          title='我的数据'
          description='隐私说明 · 删除申请的处理结果'
          extra={<Text className='me-page__cell-go'>查看</Text>}
          clickable
          onClick={openMyData}
        />
      ) : null}
      <Cell
        className='me-page__cell privacy-policy-entry'
        title='隐私政策'
        description='收集哪些信息 · 用途 · 保存多久 · 谁能看到'
        extra={<Text className='me-page__cell-go'>查看</Text>}
        clickable
        onClick={openPrivacyPolicy}
      />
      {bound ? (
        <Cell
          className='me-page__cell bind-entry'
          title='绑定学号'
          description='信息有误请联系所在团支部'
          extra={<Text className='me-page__cell-extra'>已绑定</Text>}
        />
      ) : null}
      <Cell
        className='me-page__cell browse-entry'
        title='浏览活动'
        description='发现感兴趣的第二课堂活动'
        extra={<Text className='me-page__cell-go'>去看看</Text>}
        clickable
        onClick={openEvents}
      />
    </CellGroup>
  );

  function scrollToSwitch() {
    void Taro.pageScrollTo({ selector: '.demo-user-switch', duration: 300 });
  }

  return (
    <View className='me-page'>
      <View className='me-page__hero'>
        <Text className='me-page__hero-title'>青年第二课堂</Text>
        {demoChip ? <DemoIdentityChip name={demoName} tone='onBrand' onClick={scrollToSwitch} /> : null}
      </View>

      {error && !loaded ? (
        <ErrorState className='me-error' exit={false} message={error} onRetry={() => void getMe()} />
      ) : (
        <ProfileCard student={bound ? student : null} roles={roles} loading={!loaded} />
      )}

      {/* The student's credits at a glance; the transcript itself is a subpackage. */}
      {bound ? <CreditsCard transcript={transcript} failed={transcriptFailed} onOpen={openTranscript} /> : null}

      {/* H5, not signed in: 电脑端扫码登录 (officers on a computer). Nothing on weapp. */}
      <WebLoginEntry part='login' {...webLogin} />

      {/* A work account (e.g. the committee's teacher) comes for the officer entry, not the binding form. */}
      {officer ? menu : null}
      {loaded && !bound && (!workAccount || bindUnfolded) ? <BindStudentCard signedIn={signedIn} busy={binding} onSubmit={bind} /> : null}
      {workAccount && !bindUnfolded ? (
        <Text className='me-page__bind-unfold bind-unfold' onClick={() => setBindUnfolded(true)}>
          我也是在校学生，绑定学号 ›
        </Text>
      ) : null}
      {officer || !loaded ? null : menu}

      {/* weapp: 扫码登录网页 (confirm a computer's login). H5: 退出网页登录 when signed in through web login. */}
      <ScanWebLoginCell signedIn={loaded && signedIn} onNotice={showToast} />
      <WebLoginEntry part='logout' {...webLogin} />

      {demoAvailable ? <DemoUserSwitch users={demoUsers} current={demoUser} onSelect={(id) => void switchTo(id)} /> : null}

      <Text className='me-page__footer'>共青团 · 青年第二课堂</Text>
      {toastNode}
      <PrivacySheet />
    </View>
  );
}

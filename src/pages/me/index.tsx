import { Cell, CellGroup } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import DemoIdentityChip from '../../components/DemoIdentityChip';
import DemoUserSwitch from '../../components/DemoUserSwitch';
import ErrorState from '../../components/ErrorState';
import { usePageToast } from '../../components/PageToast';
import ProfileCard from '../../components/ProfileCard';
import { selectDemoName, useUserStore } from '../../stores/user';
import { openEvents } from '../../utils/navigation';
import './index.scss';

/** 我的: who I am (or that I still need to bind my 学号); on H5 in demo mode, whom to act as. */
export default function MePage() {
  const { bound, student, loaded, error, demoAvailable, demoUsers, demoUser } = useUserStore();
  const demoName = useUserStore(selectDemoName);
  const { getMe, loadDemoUsers, selectDemoUser } = useUserStore.getState();
  const [toastNode, showToast] = usePageToast();

  useDidShow(() => {
    void getMe({ silent: useUserStore.getState().loaded });
    void loadDemoUsers();
  });

  usePullDownRefresh(async () => {
    await Promise.all([getMe({ silent: true }), loadDemoUsers()]);
    Taro.stopPullDownRefresh();
  });

  async function switchTo(studentNo: string | null) {
    await selectDemoUser(studentNo);
    const name = studentNo ? useUserStore.getState().demoUsers.find((u) => u.studentNo === studentNo)?.name ?? studentNo : '匿名访客';
    showToast(`已切换为 ${name}`, 'success');
  }

  function scrollToSwitch() {
    void Taro.pageScrollTo({ selector: '.demo-user-switch', duration: 300 });
  }

  return (
    <View className='me-page'>
      <View className='me-page__hero'>
        <Text className='me-page__hero-title'>青年第二课堂</Text>
        {demoAvailable ? <DemoIdentityChip name={demoName} tone='onBrand' onClick={scrollToSwitch} /> : null}
      </View>

      {error && !loaded ? (
        <ErrorState className='me-error' message={error} onRetry={() => void getMe()} />
      ) : (
        <ProfileCard student={bound ? student : null} />
      )}

      <CellGroup className='me-page__menu'>
        <Cell
          className={`me-page__cell bind-entry ${bound ? '' : 'bind-entry--disabled'}`}
          title='绑定学号'
          description={bound ? '信息有误请联系所在团支部' : '绑定功能即将开放'}
          extra={<Text className='me-page__cell-extra'>{bound ? '已绑定' : '暂未开放'}</Text>}
        />
        <Cell
          className='me-page__cell browse-entry'
          title='浏览活动'
          description='发现感兴趣的第二课堂活动'
          extra={<Text className='me-page__cell-go'>去看看</Text>}
          clickable
          onClick={openEvents}
        />
      </CellGroup>

      {demoAvailable ? <DemoUserSwitch users={demoUsers} current={demoUser} onSelect={(no) => void switchTo(no)} /> : null}

      <Text className='me-page__footer'>共青团 · 青年第二课堂</Text>
      {toastNode}
    </View>
  );
}

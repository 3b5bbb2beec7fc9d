import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useEffect } from 'react';
import ErrorState from '../../../components/ErrorState';
import PageHeader from '../../../components/PageHeader';
import { usePageToast } from '../../../components/PageToast';
import { alertConsentAvailable } from '../../../services/subscribe-consent';
import PageHero from '../../../shared/components/PageHero';
import { useUserStore } from '../../../stores/user';
import { followToast } from '../../../utils/follow-copy';
import { openMe } from '../../../utils/navigation';
import { useFollowsStore, type FollowTopicView } from '../../../stores/follows';
import { H5_NOTE, RULE_NOTE, TOPIC_HINTS, UNAVAILABLE_NOTE } from './copy';
import './index.scss';

const IS_H5 = process.env.TARO_ENV === 'h5';

/**
 * 活动提醒 (alerts subpackage): the kinds of events a student follows (百生讲坛 and its tracks, 志愿服务 …) and how many
 * alerts WeChat still lets us send. 关注 asks for one alert inside the tap (WeChat's rule: one message per "allow");
 * 补充提醒次数 asks again. The browser cannot receive WeChat messages: it keeps the follows and says so.
 */
export default function FollowsPage() {
  const { loaded: meLoaded, signedIn, bound } = useUserStore();
  const studentNo = useUserStore((s) => s.student?.studentNo ?? null);
  const { topics, alertsLeft, loaded, error, pending } = useFollowsStore();
  const { load, setFollow, addAlert } = useFollowsStore.getState();
  const [toastNode, showToast] = usePageToast();
  const canAsk = alertConsentAvailable();

  useDidShow(() => {
    const user = useUserStore.getState();
    if (!user.loaded && !user.loading) void user.getMe({ silent: true });
    if (user.bound) void load({ silent: useFollowsStore.getState().loaded });
  });
  useEffect(() => {
    if (bound) void load({ silent: useFollowsStore.getState().loaded });
  }, [bound, studentNo]);

  async function toggle(topic: FollowTopicView) {
    const follow = !topic.followed;
    const outcome = await setFollow(topic.id, follow);
    if (outcome.ok) showToast(followToast(outcome, follow), follow && outcome.consent !== 'refused' ? 'success' : 'text');
    else showToast(outcome.message, 'fail');
  }

  async function more() {
    const outcome = await addAlert();
    if (outcome.ok) showToast(followToast(outcome, null), outcome.consent === 'accepted' ? 'success' : 'text');
    else showToast(outcome.message, 'fail');
  }

  const hero = <PageHero badge='新活动提醒' title='关注的活动类型' subtitle='关注的类型有新活动开放报名时，微信提醒你' />;

  if (!meLoaded || (bound && !loaded)) {
    return (
      <View className='follows-page'>
        <PageHeader title='活动提醒' />
        {hero}
        <Text className='follows-page__loading'>正在读取…</Text>
      </View>
    );
  }

  if (!bound) {
    return (
      <View className='follows-page'>
        <PageHeader title='活动提醒' />
        {hero}
        <View className='follows-card follows-unbound'>
          <Text className='follows-card__title'>{signedIn ? '尚未绑定学号' : '尚未登录'}</Text>
          <Text className='follows-card__note'>
            {signedIn ? '绑定学号后，可以关注喜欢的活动类型，有新活动开放报名时收到提醒。' : '登录并绑定学号后，可以关注喜欢的活动类型，有新活动开放报名时收到提醒。'}
          </Text>
          <Button className='follows-action follows-bind' type='primary' onClick={openMe}>
            {signedIn ? '去绑定学号' : '去登录'}
          </Button>
        </View>
        {toastNode}
      </View>
    );
  }

  if (error && topics.length === 0) {
    return (
      <View className='follows-page'>
        <PageHeader title='活动提醒' />
        {hero}
        <ErrorState className='follows-error' message={error} onRetry={() => void load()} />
      </View>
    );
  }

  const following = topics.filter((t) => t.followed).length;
  return (
    <View className='follows-page'>
      <PageHeader title='活动提醒' />
      {hero}

      <View className='follows-card follows-alerts'>
        <View className='follows-alerts__head'>
          <Text className='follows-card__title'>剩余提醒次数</Text>
          <Text className={`follows-alerts__count alerts-left${alertsLeft === 0 ? ' follows-alerts__count--none' : ''}`}>
            {alertsLeft}
            <Text className='follows-alerts__unit'> 次</Text>
          </Text>
        </View>
        {following > 0 && alertsLeft === 0 && canAsk ? (
          <Text className='follows-alerts__warn alerts-used-up'>提醒次数已用完：有新活动时收不到通知，点下面的按钮再允许一次。</Text>
        ) : null}
        <Text className='follows-card__note'>{IS_H5 ? H5_NOTE : canAsk ? RULE_NOTE : UNAVAILABLE_NOTE}</Text>
        {canAsk ? (
          <Button
            className='follows-action follows-more'
            type='primary'
            fill='outline'
            loading={pending === 'consent'}
            disabled={pending !== null}
            onClick={() => void more()}
          >
            补充提醒次数
          </Button>
        ) : null}
      </View>

      <View className='follows-card follows-topics'>
        <Text className='follows-card__title'>活动类型</Text>
        <Text className='follows-card__note'>{following ? `已关注 ${following} 类。关注后，这类活动一开放报名就提醒你。` : '关注后，这类活动一开放报名就提醒你。'}</Text>
        {topics.map((t) => (
          <View key={t.id} className={`follows-topic follow-topic${t.followed ? ' follows-topic--on follow-topic--on' : ''}`} data-topic={t.id}>
            <View className='follows-topic__text'>
              <Text className='follows-topic__label'>{t.label}</Text>
              {TOPIC_HINTS[t.id] ? <Text className='follows-topic__hint'>{TOPIC_HINTS[t.id]}</Text> : null}
            </View>
            <Button
              className={`follows-topic__button follow-toggle${t.followed ? ' follows-topic__button--on' : ''}`}
              type='primary'
              fill={t.followed ? 'none' : 'outline'}
              size='small'
              loading={pending === t.id}
              disabled={pending !== null}
              onClick={() => void toggle(t)}
            >
              {t.followed ? '已关注' : '关注'}
            </Button>
          </View>
        ))}
      </View>
      <Text className='follows-page__footer'>取消关注后不再提醒这类活动；剩余的提醒次数会保留。</Text>
      {toastNode}
    </View>
  );
}

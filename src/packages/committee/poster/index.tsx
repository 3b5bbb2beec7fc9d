import { Button } from '@nutui/nutui-react-taro';
import { Image, Text, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import DetailSkeleton from '../../../components/DetailSkeleton';
import ErrorState from '../../../components/ErrorState';
import EventCover from '../../../components/EventCover';
import { usePageToast } from '../../../components/PageToast';
import { routeParam } from '../../../utils/navigation';
import { formatDateTime, formatTimeRange } from '../../../utils/time';
import CommitteeGate from '../components/CommitteeGate';
import CommitteeHero from '../components/CommitteeHero';
import { useCommitteeAccess } from '../hooks/use-committee-access';
import { outputPoster, POSTER_OUTPUT_LABEL } from '../services/poster-output';
import { usePosterStore } from '../stores/poster';
import './index.scss';

const IS_WEAPP = process.env.TARO_ENV === 'weapp';

/**
 * 活动海报: the event's poster for the noticeboard — its cover, title, time, place, organiser and credits, and the
 * code that opens the event (WeChat's 小程序码 in the cloud, made once per event; a plain QR of the H5 event page on
 * the local server). H5 prints it (only the poster goes to paper); weapp saves the code to the album.
 */
export default function PosterPage() {
  const eventId = routeParam(useRouter().params.id);
  const access = useCommitteeAccess('organizer', usePosterStore((s) => (s.errorCode === 'FORBIDDEN' ? s.error : null)));
  const { poster, error } = usePosterStore();
  const [toastNode, showToast] = usePageToast();

  useDidShow(() => {
    if (eventId) void usePosterStore.getState().load(eventId);
  });

  async function output(url: string) {
    try {
      const done = await outputPoster(url);
      if (done) showToast(done, 'success');
    } catch (e) {
      showToast(e instanceof Error ? e.message : '操作失败，请稍后重试', 'fail');
    }
  }

  function content() {
    if (!poster || poster.event.id !== eventId) {
      return error ? (
        <ErrorState className='poster-error' message={error} onRetry={() => void usePosterStore.getState().load(eventId)} />
      ) : (
        <DetailSkeleton />
      );
    }
    const { event, code } = poster;
    const wxacode = code.kind === 'wxacode';
    return (
      <>
        <View className='poster-page__noprint'>
          <CommitteeHero title='活动海报' subtitle='打印贴到公告栏，或发到班级群：同学扫码即可打开活动报名' />
        </View>
        <View className='poster-page__layout'>
          <View className='poster-sheet' data-scene={code.scene} data-target={code.target}>
            <EventCover category={event.category} startAt={event.startAt} size='hero' />
            <View className='poster-sheet__body'>
              <Text className='poster-sheet__kind'>{`第二课堂 · ${event.tag}`}</Text>
              <Text className='poster-sheet__title poster-title'>{event.title}</Text>
              <View className='poster-sheet__facts'>
                <Text className='poster-sheet__fact'>{`时间　${formatTimeRange(event.startAt, event.endAt)}`}</Text>
                <Text className='poster-sheet__fact'>{`地点　${event.location}`}</Text>
                <Text className='poster-sheet__fact'>{`主办　${event.organizer}`}</Text>
                <Text className='poster-sheet__fact'>{`名额　${event.capacity} 人 · 报名截止 ${formatDateTime(event.signupEndAt)}`}</Text>
                <Text className='poster-sheet__fact poster-sheet__fact--credits'>{`完成可得 ${event.credits} 学分`}</Text>
              </View>
              <View className='poster-sheet__code'>
                <Image className='poster-sheet__code-img poster-code' src={code.url} mode='aspectFit' />
                <Text className='poster-sheet__code-text'>{wxacode ? '微信扫码，打开活动报名' : '扫码打开活动页面报名'}</Text>
              </View>
            </View>
          </View>
          <View className='poster-page__aside poster-page__noprint'>
            <Button className='poster-page__btn poster-output' type='primary' onClick={() => void output(code.url)}>
              {POSTER_OUTPUT_LABEL}
            </Button>
            <Text className='poster-page__note'>
              {wxacode
                ? '小程序码每个活动只生成一次，之后的海报都用同一个码；活动结束后码仍能打开活动页面。'
                : '本地服务器上用普通二维码代替小程序码，扫码打开网页版活动页面；部署到微信云开发后为小程序码。'}
            </Text>
            <Text className='poster-page__note poster-target'>{`扫码打开：${code.target}`}</Text>
            {IS_WEAPP ? <Text className='poster-page__note'>整张海报可截屏后发送或打印。</Text> : null}
          </View>
        </View>
        {toastNode}
      </>
    );
  }

  return (
    <CommitteeGate access={access} page='poster-page' checking={<DetailSkeleton />} title='无权生成海报' note='活动海报对活动的组织者（院团总支、校团委）开放。'>
      {content}
    </CommitteeGate>
  );
}

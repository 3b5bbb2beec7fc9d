import { Text, View } from '@tarojs/components';
import { useLoad, useRouter } from '@tarojs/taro';
import ErrorState from '../../../components/ErrorState';
import PageHeader from '../../../components/PageHeader';
import { openEvents, routeParam } from '../../../utils/navigation';
import { campusTime } from '../../../utils/time';
import { useLotteryVerifyStore } from '../stores/verify';
import './index.scss';

/**
 * 抽签核对 (public: no login). The event's published draw — the commitment shown before sign-up opened, the seed
 * revealed at the draw, the seats and every applicant's 化名 — recomputed on this phone by the published algorithm:
 * whether the seed matches the commitment and every place is the recomputed one. A student finds their own 化名 (shown
 * on the event page) in the list.
 */
export default function LotteryVerifyPage() {
  const eventId = routeParam(useRouter().params.id);
  const { phase, result, check, fetched, mine, error } = useLotteryVerifyStore();

  useLoad(() => {
    if (eventId) void useLotteryVerifyStore.getState().verify(eventId);
  });

  if (!eventId) return <ErrorState className='lottery-verify-error' message='没有指定要核对的活动' actionText='返回活动列表' exit={false} onRetry={openEvents} />;
  if (phase === 'failed') {
    return (
      <View className='lottery-verify'>
        <PageHeader title='抽签核对' />
        <ErrorState className='lottery-verify-error' message={error ?? '无法取得抽签结果'} onRetry={() => void useLotteryVerifyStore.getState().verify(eventId)} />
      </View>
    );
  }
  if (phase !== 'done' || !result || !check) {
    return (
      <View className='lottery-verify'>
        <PageHeader title='抽签核对' />
        <Text className='lottery-verify__loading'>正在取得公示名单并重新计算…</Text>
      </View>
    );
  }
  const passed = check.seedMatches && check.weightsAllowed && check.ranksMatch && fetched === result.total;
  const byRank = [...result.applicants].sort((a, b) => a.rank - b.rank);
  const own = mine ? byRank.find((a) => a.pseudonym === mine) : undefined;
  return (
    <View className='lottery-verify'>
      <PageHeader title='抽签核对' />
      <View className={`lottery-verify__verdict lottery-verify__verdict--${passed ? 'ok' : 'bad'} lottery-verdict`}>
        <Text className='lottery-verify__verdict-title'>{passed ? '核对通过' : '核对未通过'}</Text>
        <Text className='lottery-verify__verdict-text'>
          {passed
            ? `种子与报名前公布的承诺值一致；按公开算法在本机重算，${result.total} 位申请人的顺位与公示完全相同。`
            : check.problems.join('；') || '公示名单不完整'}
        </Text>
      </View>
      <View className='lottery-verify__card'>
        <Text className='lottery-verify__title'>{result.title}</Text>
        <Text className='lottery-verify__row'>{`名额 ${result.seats} · 申请 ${result.total} 人 · ${campusTime(result.drawnAt).format('M月D日 HH:mm')} 开奖`}</Text>
        {result.priority.map((p) => (
          <Text key={`${p.kind}:${p.target}`} className='lottery-verify__row'>{`优先：${p.label}`}</Text>
        ))}
        <Text className='lottery-verify__label'>承诺值（SHA-256）</Text>
        <Text className='lottery-verify__hash' userSelect>{result.commitment}</Text>
        <Text className='lottery-verify__label'>开奖种子</Text>
        <Text className='lottery-verify__hash' userSelect>{result.seed}</Text>
      </View>
      <View className='lottery-verify__card'>
        <Text className='lottery-verify__title'>公示名单（按抽中顺序）</Text>
        <Text className='lottery-verify__row'>化名是学号的加密摘要，只有本人能在活动页看到自己的化名。</Text>
        {own ? <Text className='lottery-verify__row lottery-verify__own-note'>{`标出的一行是你（化名 ${own.pseudonym}，第 ${own.rank} 位）。`}</Text> : null}
        {byRank.map((a) => {
          const isMine = a === own;
          const classes = `lottery-verify__line${a.rank <= result.seats ? ' lottery-verify__line--won' : ''}${isMine ? ' lottery-verify__line--mine' : ''}`;
          return (
            <View key={a.pseudonym} className={classes}>
              <Text className='lottery-verify__rank'>{a.rank}</Text>
              <Text className='lottery-verify__pseudonym'>{a.pseudonym}</Text>
              {isMine ? <Text className='lottery-verify__me'>这是你</Text> : null}
              <Text className='lottery-verify__state'>{a.rank <= result.seats ? '中签' : `候补 ${a.rank - result.seats}`}</Text>
            </View>
          );
        })}
      </View>
    </View>
  );
}

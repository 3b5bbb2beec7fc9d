import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useLoad, useRouter, useShareAppMessage } from '@tarojs/taro';
import ErrorState from '../../../components/ErrorState';
import PageHero from '../../../shared/components/PageHero';
import { usePageToast } from '../../../components/PageToast';
import { creditsText, hoursText } from '../../../utils/credits';
import { routeParam } from '../../../utils/navigation';
import { formatDateTime } from '../../../utils/time';
import OptionRow from '../components/OptionRow';
import SectionCard from '../components/SectionCard';
import TranscriptQr from '../components/TranscriptQr';
import { openPrint, TRANSCRIPT_ROUTES } from '../routes';
import { useCopy } from '../../../shared/hooks/use-copy';
import { groupCode } from '../services/share-code';
import { verifyPagePath, verifyUrl } from '../services/site';
import { useShareStore } from '../stores/share';
import '../page.scss';
import './index.scss';
import PageHeader from '../../../components/PageHeader';

const IS_WEAPP = process.env.TARO_ENV === 'weapp';

/**
 * 生成可验证成绩单: the student picks what to show (the entries; the full 学号), the server fixes a snapshot and
 * answers with a verification code, shown here once — grouped for reading aloud, and as a QR of the public verify
 * page's address. The phone keeps the code so this page and the printable page can show it again.
 * weapp: 转发 sends the mini program's own verify page, with the code, to a chat.
 */
export default function SharePage() {
  const shareId = routeParam(useRouter().params.shareId);
  const { includeTimeline, showStudentNo, creating, error, current } = useShareStore();
  const { setOption, create, show, startOver } = useShareStore.getState();
  const [toastNode, showToast] = usePageToast();
  const [copied, copy] = useCopy(showToast);

  // Once per page instance: coming back from the print page keeps what is shown.
  useLoad(() => {
    if (shareId) show(shareId);
    else startOver();
  });

  useShareAppMessage(() => {
    const share = useShareStore.getState().current;
    if (!share) return { title: '第二课堂成绩单验证', path: TRANSCRIPT_ROUTES.verify };
    return {
      title: `${share.snapshot.name}的第二课堂成绩单（验证码 ${groupCode(share.code)}）`,
      path: verifyPagePath(share.code),
    };
  });

  async function generate() {
    const issued = await create();
    if (issued) showToast('已生成验证码', 'success');
  }

  if (shareId && !current) {
    return (
      <View className='transcript-page share-page'>
        <PageHeader title='生成可验证成绩单' />
        <PageHero badge='第二课堂成绩单' title='可验证成绩单' subtitle='验证码只保存在生成它的设备上' />
        <ErrorState
          className='share-missing'
          message='本机没有这份成绩单的验证码（在其他设备上生成，或已清除）。可以重新生成一份，旧的仍可在“我的成绩单”中撤回。'
          actionText='重新生成'
          onRetry={startOver}
        />
      </View>
    );
  }

  if (!current) {
    return (
      <View className='transcript-page share-page'>
        <PageHeader title='生成可验证成绩单' />
        <PageHero badge='第二课堂成绩单' title='生成可验证成绩单' subtitle='用人单位可凭验证码或二维码在线核验真伪' />
        <SectionCard title='分享内容' className='share-options'>
          <OptionRow
            hook='share-option-timeline'
            title='包含学分明细'
            description='逐条列出每项活动及获得的学分；关闭则只显示各模块合计'
            value={includeTimeline}
            onChange={(v) => setOption('includeTimeline', v)}
          />
          <OptionRow
            hook='share-option-student-no'
            title='显示完整学号'
            description='关闭时学号部分隐藏，如 2023****01'
            value={showStudentNo}
            onChange={(v) => setOption('showStudentNo', v)}
          />
        </SectionCard>
        {error ? <Text className='share-error'>{error}</Text> : null}
        <View className='transcript-actions'>
          <Button className='transcript-action share-create' type='primary' loading={creating} disabled={creating} onClick={() => void generate()}>
            生成验证码
          </Button>
        </View>
        <Text className='transcript-note'>
          生成时会固定当前的学分数据：之后新增的学分不会出现在这份成绩单中。验证码可随时在“我的成绩单 → 已分享的成绩单”中撤回。
        </Text>
        {toastNode}
      </View>
    );
  }

  const { code, snapshot, issuedAt, verifyPath } = current;
  const url = verifyUrl(code, verifyPath);
  return (
    <View className='transcript-page share-page'>
      <PageHeader title='生成可验证成绩单' />
      <PageHero badge='第二课堂成绩单' title='可验证成绩单已生成' subtitle={`签发于 ${formatDateTime(issuedAt)} · 凭验证码在线核验`} tall />

      <View className='transcript-hero-card share-result' data-share-id={current.shareId}>
        <Text className='share-result__label'>验证码</Text>
        <Text className='share-result__code share-code' data-code={code} userSelect>
          {groupCode(code)}
        </Text>
        <TranscriptQr url={url} className='share-result__qr share-qr' />
        <Text className='share-result__scan'>扫码打开验证页面，验证码已自动填好</Text>
        <Text className='share-result__url share-url' userSelect>
          {url}
        </Text>
        <View className='share-result__summary'>
          <Text className='share-result__fact'>{`${snapshot.name} · 学号 ${snapshot.studentNo}`}</Text>
          <Text className='share-result__fact share-summary'>
            {`总计 ${creditsText(snapshot.total)} · 志愿 ${hoursText(snapshot.hours)} · ${snapshot.timeline ? '含学分明细' : '仅各模块合计'}`}
          </Text>
        </View>
      </View>

      <View className='transcript-actions'>
        <Button className='transcript-action share-copy' type='primary' fill='outline' onClick={() => void copy(groupCode(code), 'code', '已复制验证码')}>
          {copied === 'code' ? '已复制 ✓' : '复制验证码'}
        </Button>
        {IS_WEAPP ? (
          <Button className='transcript-action share-forward' type='primary' openType='share'>
            转发给用人单位
          </Button>
        ) : (
          <Button className='transcript-action share-print' type='primary' onClick={() => openPrint(current.shareId)}>
            打印版成绩单
          </Button>
        )}
      </View>
      {IS_WEAPP ? (
        <Text className='share-link share-print' onClick={() => openPrint(current.shareId)}>
          打印版成绩单（A4）›
        </Text>
      ) : (
        <Text className='share-link share-copy-url' onClick={() => void copy(url, 'url', '已复制验证链接')}>
          {copied === 'url' ? '已复制 ✓' : '复制验证链接 ›'}
        </Text>
      )}

      <Text className='transcript-note'>
        用人单位扫描二维码，或打开验证页面输入验证码，即可看到这份成绩单的签发时间与学分。验证码仅保存在本机；不再需要时，请在“我的成绩单”中撤回。
      </Text>
      <Text className='share-link share-again' onClick={startOver}>
        重新生成一份
      </Text>
      {toastNode}
    </View>
  );
}

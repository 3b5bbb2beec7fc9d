import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import { useLoad, useRouter, useShareAppMessage } from '@tarojs/taro';
import { useState } from 'react';
import { routeParam } from '../../../utils/navigation';
import { campusTime } from '../../../utils/time';
import SnapshotView from '../components/SnapshotView';
import { TRANSCRIPT_ROUTES } from '../routes';
import { codeFromInput, compactCode, groupCode } from '../services/share-code';
import { issuerOf, useSiteStore } from '../stores/site';
import { useVerifyStore, type VerifyRefusal } from '../stores/verify';
import '../page.scss';
import './index.scss';
import PageHeader from '../../../components/PageHeader';

/** An employer reads transcripts from other years: the year is always shown. */
function fullTime(instant: string): string {
  return campusTime(instant).format('YYYY年M月D日 HH:mm');
}

/** How a refusal looks: red for a code that matches nothing, grey for a revoked transcript, amber for waiting. */
function refusalView(refusal: VerifyRefusal): { tone: 'invalid' | 'revoked' | 'wait'; title: string } {
  switch (refusal.code) {
    case 'TRANSCRIPT_REVOKED':
      return { tone: 'revoked', title: '已撤回' };
    case 'RATE_LIMITED':
      return { tone: 'wait', title: '请稍后再试' };
    case 'NETWORK':
    case 'INTERNAL':
    case 'BUSY':
      return { tone: 'wait', title: '暂时无法验证' };
    default:
      return { tone: 'invalid', title: '未通过验证' };
  }
}

/**
 * 成绩单验证 (public: no login, H5 and weapp). Anyone — an employer — types the code printed on a transcript, or
 * arrives from its QR with `?code=`, and sees whether it is genuine, when it was issued and what it said then. A
 * refusal says which it is (no such code / revoked by its holder / too many lookups) in the server's words.
 */
export default function VerifyPage() {
  const initial = routeParam(useRouter().params.code);
  const { phase, result, refusal, checked } = useVerifyStore();
  const { verify, reset } = useVerifyStore.getState();
  const [input, setInput] = useState(initial ? groupCode(codeFromInput(initial)) : '');
  const [localError, setLocalError] = useState<string | null>(null);
  const site = useSiteStore((s) => s.site);

  useLoad(() => {
    void useSiteStore.getState().load();
    reset();
    if (initial) void verify(codeFromInput(initial));
  });

  useShareAppMessage(() => ({ title: '第二课堂成绩单验证', path: TRANSCRIPT_ROUTES.verify }));

  function submit() {
    const code = codeFromInput(input);
    if (!compactCode(code)) {
      setLocalError('请输入成绩单上的验证码');
      return;
    }
    setLocalError(null);
    void verify(code);
  }

  const view = refusal ? refusalView(refusal) : null;

  return (
    <View className='transcript-page verify-page'>
      <PageHeader title='成绩单验证' />
      <View className='verify-hero'>
        <Text className='verify-hero__badge verify-school'>{`${site.schoolName} · 青年第二课堂`}</Text>
        <Text className='verify-hero__title'>第二课堂成绩单验证</Text>
        <Text className='verify-hero__subtitle'>输入成绩单上的验证码，核验其真实性与签发时的内容</Text>
      </View>

      <View className='transcript-hero-card verify-form'>
        <Text className='verify-form__label'>验证码</Text>
        <View className='verify-form__row'>
          <Input
            className='verify-form__input verify-code-input'
            value={input}
            maxlength={40}
            placeholder='XXXX-XXXX-XXXX-XXXX'
            placeholderClass='verify-form__placeholder'
            confirmType='done'
            onInput={(e) => {
              setInput(e.detail.value);
              setLocalError(null);
            }}
            onConfirm={submit}
          />
        </View>
        {localError ? <Text className='verify-form__error verify-local-error'>{localError}</Text> : null}
        <Button className='verify-form__submit verify-submit' type='primary' block loading={phase === 'checking'} disabled={phase === 'checking'} onClick={submit}>
          验证
        </Button>
      </View>

      {phase === 'valid' && result ? (
        <View className='verify-result verify-result--ok verify-ok' data-share-id={result.shareId}>
          <View className='verify-result__verdict'>
            <View className='verify-result__mark'>
              <Text>✓</Text>
            </View>
            <View className='verify-result__words'>
              <Text className='verify-result__title verify-title'>真实有效</Text>
              <Text className='verify-result__issued verify-issued'>{`签发于 ${fullTime(result.issuedAt)}（北京时间）`}</Text>
            </View>
          </View>
          <View className='verify-result__issuer verify-issuer'>
            <Text className='verify-result__issuer-label'>签发单位</Text>
            <Text className='verify-result__issuer-name'>{`${issuerOf(result.snapshot, site).issuerName}（校团委）`}</Text>
            <Text className='verify-result__issuer-school'>{issuerOf(result.snapshot, site).schoolName}</Text>
          </View>
          <View className='verify-result__body'>
            <SnapshotView snapshot={result.snapshot} />
          </View>
          <Text className='verify-result__foot'>
            {`以上为持有人 ${fullTime(result.issuedAt)} 分享时的成绩单内容，由${issuerOf(result.snapshot, site).schoolName}青年第二课堂系统存档，与纸质或截图内容不一致时以本页为准。存证摘要 ${result.snapshot.ledgerDigest.slice(0, 16)}`}
          </Text>
        </View>
      ) : null}

      {phase === 'refused' && refusal && view ? (
        <View className={`verify-result verify-result--${view.tone} verify-refused`} data-code={refusal.code ?? ''}>
          <View className='verify-result__verdict'>
            <View className='verify-result__mark'>
              <Text>{view.tone === 'invalid' ? '✕' : view.tone === 'revoked' ? '—' : '!'}</Text>
            </View>
            <View className='verify-result__words'>
              <Text className='verify-result__title verify-title'>{view.title}</Text>
              {checked ? <Text className='verify-result__issued'>{`验证码 ${groupCode(checked)}`}</Text> : null}
            </View>
          </View>
          <Text className='verify-result__message verify-message'>{refusal.message}</Text>
        </View>
      ) : null}

      <Text className='transcript-note verify-note'>
        验证码由学生在“青年第二课堂”中生成，每份成绩单一个，共 16 位（短横可不输入）。学生撤回后验证码立即失效。为保护学生信息，查询次数受到限制。
      </Text>
    </View>
  );
}

import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useDidHide, useDidShow, useUnload } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { useUserStore } from '../../../stores/user';
import { useWebLoginStore } from '../stores/web-login';
import { openMe } from '../../../utils/navigation';
import LoginQr from '../components/LoginQr';
import PageHero from '../../../shared/components/PageHero';
import './index.scss';
import PageHeader from '../../../components/PageHeader';

/** How often the browser asks whether the ticket was confirmed. */
const POLL_MS = 1500;

function countdown(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * 电脑端扫码登录 (H5, subpackage packages/web): officers and the committee sign in on a computer by scanning a
 * one-time QR code with the mini program, which confirms it as their WeChat account. No password anywhere. The page
 * polls every 1.5 s; once confirmed it keeps the session token and opens 我的. The weapp build resolves this page to
 * index.weapp.tsx (a note: the mini program is the scanner, not the thing to log in).
 */
export default function WebLoginPage() {
  const { phase, ticket, qrText, deadline, error, unstable } = useWebLoginStore();
  const [visible, setVisible] = useState(true);
  const [now, setNow] = useState(() => Date.now());
  // Read after an await: whether the page is still the one on screen (state would be stale there).
  const shown = useRef(true);

  useDidShow(() => {
    shown.current = true;
    setVisible(true);
    const s = useWebLoginStore.getState();
    // A fresh ticket on arrival, and when coming back after a login or a failure; a pending one is kept.
    if (s.phase !== 'waiting' && s.phase !== 'starting') void s.start();
  });
  useDidHide(() => {
    shown.current = false;
    setVisible(false);
  });
  useUnload(() => {
    shown.current = false;
    useWebLoginStore.getState().reset();
  });

  // Poll while the page is shown and the ticket is pending; the next poll waits for the previous answer.
  useEffect(() => {
    if (!visible || phase !== 'waiting') return undefined;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const loop = async () => {
      const token = await useWebLoginStore.getState().poll();
      if (token) {
        // The ticket is spent: keep the session even if the page was left meanwhile (phase is now 'confirmed', so
        // this effect was already cleaned up: only the page's visibility decides whether to move on to 我的).
        await useUserStore.getState().startWebSession(token);
        if (shown.current) openMe();
        return;
      }
      if (!stopped && useWebLoginStore.getState().phase === 'waiting') timer = setTimeout(() => void loop(), POLL_MS);
    };
    timer = setTimeout(() => void loop(), POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [visible, phase, ticket]);

  // The countdown, once a second.
  useEffect(() => {
    if (!visible || phase !== 'waiting') return undefined;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [visible, phase, ticket]);

  const refresh = () => void useWebLoginStore.getState().start();
  const left = deadline === null ? 0 : deadline - now;

  let status: string;
  if (phase === 'waiting') {
    status = unstable ? '网络不稳定，正在重试…' : left > 0 ? `等待扫码确认 · ${countdown(left)} 后失效` : '二维码即将失效…';
  } else if (phase === 'confirmed') status = '已确认，正在登录…';
  else if (phase === 'expired') status = '二维码已失效，请刷新后重新扫码';
  else if (phase === 'failed') status = '未能生成二维码';
  else status = '正在生成二维码…';

  return (
    <View className='web-login login-page'>
      <PageHeader title='电脑端扫码登录' />
      <PageHero badge='电脑端' title='扫码登录青年第二课堂' subtitle='团干部、校团委老师在电脑上处理名单与成员，无需密码' tall />

      <View className='web-login__card'>
        <LoginQr text={phase === 'failed' ? null : qrText} ticket={ticket} dimmed={phase === 'expired' || phase === 'failed'}>
          {phase === 'expired' ? (
            <View className='web-login__overlay login-expired'>
              <Text className='web-login__overlay-title'>二维码已失效</Text>
              <Button className='web-login__refresh login-refresh' type='primary' size='small' onClick={refresh}>
                刷新二维码
              </Button>
            </View>
          ) : phase === 'failed' ? (
            <View className='web-login__overlay login-error'>
              <Text className='web-login__overlay-text'>{error}</Text>
              <Button className='web-login__refresh login-refresh' type='primary' size='small' onClick={refresh}>
                重试
              </Button>
            </View>
          ) : null}
        </LoginQr>

        <View className='web-login__side'>
          <Text className={`web-login__status login-status login-status--${phase}`}>{status}</Text>

          <Text className='web-login__how login-how'>
            请用微信打开「青年第二课堂」小程序，在“我的”中点「扫码登录网页」
          </Text>

          <View className='web-login__notes'>
            <Text className='web-login__note'>· 登录后拥有与你微信账号相同的身份与权限（团支部成员、校团委工作台）。</Text>
            <Text className='web-login__note'>· 二维码 5 分钟内有效，只能使用一次；网页登录 8 小时后需重新扫码。</Text>
            <Text className='web-login__note'>· 在公用电脑上用完，请在“我的”中点「退出网页登录」。</Text>
          </View>
        </View>
      </View>

      <Text className='web-login__back' onClick={openMe}>
        返回我的
      </Text>
    </View>
  );
}

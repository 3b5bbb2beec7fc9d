import { Cell, CellGroup } from '@nutui/nutui-react-taro';
import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { useUserStore } from '../../stores/user';
import { ensurePrivacyAgreed } from '../../services/privacy';
import { privacyRefusalText } from '../../stores/privacy';
import type { ScanWebLoginCellProps } from './props';
import { COLORS } from '../../styles/colors';

/** What the web login QR code carries before the ticket (the server's LOGIN_QR_PREFIX). */
const LOGIN_QR_PREFIX = 'ysc-login:';
/** A role invitation's QR code (the server's INVITE_QR_PREFIX): opens the committee subpackage's page to accept it. */
const INVITE_QR_PREFIX = 'ysc-invite:';
const INVITE_PAGE = '/packages/committee/invite/index';

const CONFIRM_MESSAGE = '确认在电脑上登录「青年第二课堂」？将使用你的微信身份与权限';
const CONFIRMED_MESSAGE = '已确认，请在电脑上继续';
const NOT_OURS_MESSAGE = '这不是青年第二课堂的登录二维码';

/** The ticket in a scanned text, or null when the code is not a 青年第二课堂 login code. */
function ticketOf(scanned: string): string | null {
  const text = scanned.trim();
  if (!text.startsWith(LOGIN_QR_PREFIX)) return null;
  return text.slice(LOGIN_QR_PREFIX.length).trim() || null;
}

function cancelled(error: unknown): boolean {
  const msg = (error as { errMsg?: unknown } | null)?.errMsg;
  return typeof msg === 'string' && /cancel/i.test(msg);
}

/**
 * 我的 on weapp: 扫码登录网页 (`.scan-web-login`). Scans the QR code the web page shows, asks the user to agree, and
 * confirms the ticket as this WeChat account (confirmWebLogin): the browser then signs in with this account's
 * identity and roles. Shown only when signed in. The H5 build resolves this folder to index.tsx (nothing).
 */
export default function ScanWebLoginCell({ signedIn, onNotice }: ScanWebLoginCellProps) {
  const [busy, setBusy] = useState(false);
  if (!signedIn) return null;

  async function scan() {
    if (busy) return;
    let scanned: string;
    if (!(await ensurePrivacyAgreed('scanCode'))) {
      onNotice(privacyRefusalText('scanCode'), 'fail');
      return;
    }
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true });
      scanned = typeof res.result === 'string' ? res.result : '';
    } catch (error) {
      if (!cancelled(error)) onNotice('未能识别二维码，请重试', 'fail');
      return;
    }
    if (scanned.trim().startsWith(INVITE_QR_PREFIX)) {
      const code = scanned.trim().slice(INVITE_QR_PREFIX.length).trim();
      void Taro.navigateTo({ url: `${INVITE_PAGE}?code=${encodeURIComponent(code)}` });
      return;
    }
    const ticket = ticketOf(scanned);
    if (!ticket) {
      onNotice(NOT_OURS_MESSAGE, 'fail');
      return;
    }
    const answer = await Taro.showModal({
      title: '扫码登录网页',
      content: CONFIRM_MESSAGE,
      confirmText: '确认登录',
      cancelText: '取消',
      confirmColor: COLORS.brand,
    }).catch(() => ({ confirm: false }));
    if (!answer.confirm) return;
    setBusy(true);
    try {
      const result = await useUserStore.getState().confirmWebLogin(ticket);
      if (result.ok) onNotice(CONFIRMED_MESSAGE, 'success');
      else onNotice(result.message, 'fail');
    } finally {
      setBusy(false);
    }
  }

  return (
    <CellGroup className='me-page__menu'>
      <Cell
        className='me-page__cell scan-web-login'
        title='扫码登录网页'
        description='扫描电脑网页上的二维码，以本账号登录网页版；也可扫描校团委的角色邀请码'
        extra={<Text className='me-page__cell-go'>{busy ? '确认中…' : '扫码'}</Text>}
        clickable
        onClick={() => void scan()}
      />
    </CellGroup>
  );
}

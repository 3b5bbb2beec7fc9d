import { Cell, CellGroup } from '@nutui/nutui-react-taro';
import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { WebLoginEntryProps } from './props';

/** The H5 login page, in subpackage packages/web (registered in app.config.ts). */
const WEB_LOGIN_ROUTE = '/packages/web/login/index';

/**
 * 我的 on H5, a one-cell card: not signed in (no demo identity, no session) → 电脑端扫码登录 (`.web-login-entry`,
 * opens the QR page; placed under the profile); signed in through a web-login session → 退出网页登录 (`.web-logout`,
 * placed under the menu). The weapp build resolves this folder to index.weapp.tsx, which renders nothing.
 */
export default function WebLoginEntry({ part, loaded, signedIn, webSession, demoActive, onLogout }: WebLoginEntryProps) {
  if (!loaded) return null;
  if (part === 'login') {
    if (signedIn) return null;
    return (
      <CellGroup className='me-page__menu'>
        <Cell
          className='me-page__cell web-login-entry'
          title='电脑端扫码登录'
          description='团干部、校团委在电脑上使用，无需密码'
          extra={<Text className='me-page__cell-go'>去登录</Text>}
          clickable
          onClick={() => void Taro.navigateTo({ url: WEB_LOGIN_ROUTE })}
        />
      </CellGroup>
    );
  }
  if (!signedIn || !webSession || demoActive) return null;
  return (
    <CellGroup className='me-page__menu'>
      <Cell
        className='me-page__cell web-logout'
        title='退出网页登录'
        description='本电脑已扫码登录；公用电脑用完请退出'
        extra={<Text className='me-page__cell-go'>退出</Text>}
        clickable
        onClick={onLogout}
      />
    </CellGroup>
  );
}

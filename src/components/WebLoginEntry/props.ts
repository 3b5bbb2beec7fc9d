export interface WebLoginEntryProps {
  /** Which cell this place of the menu holds: the way in (top of the menu) or the way out (bottom). */
  part: 'login' | 'logout';
  /** getMe has answered at least once: until then nothing is offered. */
  loaded: boolean;
  /** getMe.signedIn: a demo account, or a web-login session. */
  signedIn: boolean;
  /** A web-login session token is stored (H5). */
  webSession: boolean;
  /**
   * A demo identity is in use on a demo-mode server: X-Demo-User, which the server puts before any session, so the
   * session is not who the server sees and there is nothing to log out of.
   */
  demoActive: boolean;
  /** 退出网页登录 was tapped: revoke the session, forget the token. */
  onLogout: () => void;
}

import type { ToastKind } from '../PageToast';

export interface ScanWebLoginCellProps {
  /** getMe.signedIn: only a WeChat user can vouch for a browser. */
  signedIn: boolean;
  /** Shows the outcome on the page's toast (`.toast-message`). */
  onNotice: (text: string, kind: ToastKind) => void;
}

import Taro from '@tarojs/taro';
import { privacyAsked, setContractName, type PrivacyAnswer } from '../stores/privacy';

let installed = false;
/** The interface about to be called through ensurePrivacyAgreed (WeChat then names requirePrivacyAuthorize). */
let coming = '';

/**
 * Registers WeChat's onNeedPrivacyAuthorization once, at launch: from then on WeChat does not show its own prompt but
 * holds the privacy interface (getLocation, scanCode, camera, setClipboardData, saveImageToPhotosAlbum...) until the
 * app's PrivacySheet answers. Older WeChat (base library < 2.32.3) has no such event and no such wait.
 */
export function installPrivacyListener(): void {
  if (installed || typeof Taro.onNeedPrivacyAuthorization !== 'function') return;
  installed = true;
  Taro.onNeedPrivacyAuthorization((resolve, eventInfo) => {
    const referrer = eventInfo?.referrer ?? '';
    privacyAsked((answer: PrivacyAnswer) => resolve(answer), !referrer || /requirePrivacyAuthorize/.test(referrer) ? coming : referrer);
    // Tell WeChat the app's own sheet is on screen, and show the guide's name as set in the admin console.
    resolve({ event: 'exposureAuthorization' });
    if (typeof Taro.getPrivacySetting === 'function') {
      Taro.getPrivacySetting({ success: (res) => setContractName(res.privacyContractName) });
    }
  });
}

/**
 * Asks for the agreement before a privacy interface is called (wx.requirePrivacyAuthorize: answers at once when
 * already agreed, else shows the sheet through onNeedPrivacyAuthorization). False when the person refused.
 */
export function ensurePrivacyAgreed(api: string): Promise<boolean> {
  coming = api;
  if (typeof Taro.requirePrivacyAuthorize !== 'function') return Promise.resolve(true);
  return new Promise((resolve) => {
    Taro.requirePrivacyAuthorize({ success: () => resolve(true), fail: () => resolve(false) });
  });
}

/** Opens the guide as filled in the admin console (wx.openPrivacyContract). */
export function openPrivacyContract(): void {
  if (typeof Taro.openPrivacyContract === 'function') Taro.openPrivacyContract({});
}

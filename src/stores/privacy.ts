import { create } from 'zustand';

/**
 * WeChat's privacy agreement (since 2023-10-17): the first call of a privacy interface (location, camera and scanning,
 * clipboard, album) waits while WeChat fires onNeedPrivacyAuthorization; the app shows its own sheet (PrivacySheet)
 * and answers agree (after the person tapped the open-type="agreePrivacyAuthorization" button) or disagree.
 * H5 has no such step: nothing is ever asked there.
 */
export interface PrivacyAsk {
  /** The interface or component waiting (eventInfo.referrer: "getLocation", "scanCode", "camera"...). */
  referrer: string;
}

export type PrivacyAnswer = { event: 'agree'; buttonId: string } | { event: 'disagree' };

interface PrivacyState {
  ask: PrivacyAsk | null;
  /** The guide's name as set in the admin console (wx.getPrivacySetting's privacyContractName). */
  contractName: string;
  /** The sentence a feature shows after a refusal, until the person tries again. */
  refused: string | null;
}

export const PRIVACY_AGREE_BUTTON_ID = 'privacy-agree';
export const DEFAULT_CONTRACT_NAME = '《青年第二课堂小程序隐私保护指引》';

export const usePrivacyStore = create<PrivacyState>()(() => ({ ask: null, contractName: DEFAULT_CONTRACT_NAME, refused: null }));

let pendingResolve: ((answer: PrivacyAnswer) => void) | null = null;

/** onNeedPrivacyAuthorization fired: keep WeChat's resolve and show the sheet. */
export function privacyAsked(resolve: (answer: PrivacyAnswer) => void, referrer: string): void {
  // A second ask while one is open (two interfaces at once): the earlier one is answered by the same choice.
  const earlier = pendingResolve;
  pendingResolve = (answer) => {
    earlier?.(answer);
    resolve(answer);
  };
  usePrivacyStore.setState({ ask: { referrer }, refused: null });
}

export function setContractName(name: string | undefined): void {
  if (name) usePrivacyStore.setState({ contractName: name });
}

/** The person tapped 同意 (the agreePrivacyAuthorization button): the waiting interface goes on. */
export function agreePrivacy(): void {
  const resolve = pendingResolve;
  pendingResolve = null;
  usePrivacyStore.setState({ ask: null });
  resolve?.({ event: 'agree', buttonId: PRIVACY_AGREE_BUTTON_ID });
}

/** The person tapped 拒绝: the waiting interface fails ("privacy permission is not authorized"); the page stays. */
export function disagreePrivacy(): void {
  const ask = usePrivacyStore.getState().ask;
  const resolve = pendingResolve;
  pendingResolve = null;
  usePrivacyStore.setState({ ask: null, refused: ask ? privacyRefusalText(ask.referrer) : null });
  resolve?.({ event: 'disagree' });
}

/** What the waiting interface is for, in the words of the sheet. */
export function privacyPurpose(referrer: string): string {
  if (/location/i.test(referrer)) return '获取你的位置（仅在扫码签到时确认你在活动现场附近）';
  if (/scan|camera/i.test(referrer)) return '使用摄像头扫码（签到码、活动码、网页登录码）';
  if (/clipboard/i.test(referrer)) return '写入剪贴板（复制邀请码、链接）';
  if (/album|saveImage/i.test(referrer)) return '保存图片到相册（活动小程序码）';
  if (/MessageFile/i.test(referrer)) return '从聊天中选择文件（导入名单与学分表、上传参赛课件）';
  if (/choose|image|media/i.test(referrer)) return '从相册选择照片或视频（活动封面、团队报告、参赛视频）';
  return '使用需要你同意的功能';
}

/** What cannot be done after a refusal, said where the feature is. */
export function privacyRefusalText(referrer: string): string {
  if (/location/i.test(referrer)) return '你未同意隐私保护指引，无法获取位置，需要定位的活动不能扫码签到；可请现场团干部扫你的签到码。';
  if (/scan|camera/i.test(referrer)) return '你未同意隐私保护指引，无法使用摄像头扫码；可以手动输入编号。';
  if (/clipboard/i.test(referrer)) return '你未同意隐私保护指引，无法复制，请长按文字手动复制。';
  if (/album|saveImage/i.test(referrer)) return '你未同意隐私保护指引，无法保存到相册。';
  if (/MessageFile/i.test(referrer)) return '你未同意隐私保护指引，无法从聊天中选择文件；可在电脑上打开网页版上传。';
  if (/choose|image|media/i.test(referrer)) return '你未同意隐私保护指引，无法选择照片或视频。';
  return '你未同意隐私保护指引，此功能暂不可用。';
}

/** A failure caused by the refusal (WeChat answers "API:fail privacy permission is not authorized"). */
export function isPrivacyRefusal(error: unknown): boolean {
  const msg = String((error as { errMsg?: unknown } | null)?.errMsg ?? (error instanceof Error ? error.message : error ?? ''));
  return /privacy permission is not authorized|privacy/i.test(msg);
}

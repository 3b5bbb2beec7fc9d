/**
 * Consent to WeChat subscribe messages, asked at a tap (sign-up: reminders; 关注: 活动提醒). The browser has no
 * subscribe messages: nothing to ask (subscribe-consent.weapp.ts is the mini program's). Never rejects.
 */
export async function askSubscribeConsent(): Promise<void> {
  // Nothing on H5.
}

/** What the 关注 tap's ask came to: allowed (one more alert), refused, or nothing to ask (H5, or no template). */
export type AlertConsent = 'accepted' | 'refused' | 'unavailable';

/** Whether this build can ask for 活动提醒: never in the browser (no WeChat messages there). */
export function alertConsentAvailable(): boolean {
  return false;
}

export async function askAlertConsent(): Promise<AlertConsent> {
  return 'unavailable';
}

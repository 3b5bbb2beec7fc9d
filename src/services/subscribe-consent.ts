/**
 * Consent to WeChat subscribe messages (reminders), asked at the sign-up tap. The browser has no subscribe messages:
 * nothing to ask (subscribe-consent.weapp.ts is the mini program's). Never rejects.
 */
export async function askSubscribeConsent(): Promise<void> {
  // Nothing on H5.
}

import Taro from '@tarojs/taro';
import { ensurePrivacyAgreed } from '../../../services/privacy';
import { privacyRefusalText } from '../../../stores/privacy';
import { LOCATION_DENIED_MESSAGE, LOCATION_UNAVAILABLE_MESSAGE, type LocationResult } from './location-types';

/** weapp: wx.getLocation in GCJ-02 (declared in app.json's requiredPrivateInfos and permission). */
export async function getPhoneLocation(): Promise<LocationResult> {
  // WeChat's privacy agreement first (the app's PrivacySheet): refused, the page says what it cannot do.
  if (!(await ensurePrivacyAgreed('getLocation'))) return { ok: false, reason: 'denied', message: privacyRefusalText('getLocation') };
  try {
    const res = await Taro.getLocation({ type: 'gcj02', isHighAccuracy: true, highAccuracyExpireTime: 4000 });
    return { ok: true, location: { lat: res.latitude, lng: res.longitude, accuracy: res.accuracy } };
  } catch (error) {
    const msg = String((error as { errMsg?: unknown } | null)?.errMsg ?? '');
    // "getLocation:fail auth deny" / "authorize no response" / "system permission denied"
    if (/auth|deny|denied|permission/i.test(msg)) return { ok: false, reason: 'denied', message: LOCATION_DENIED_MESSAGE };
    return { ok: false, reason: 'unavailable', message: LOCATION_UNAVAILABLE_MESSAGE };
  }
}

/** Once refused, WeChat does not ask again: the settings page is the way to allow it. */
export async function openLocationSettings(): Promise<void> {
  try {
    await Taro.openSetting();
  } catch {
    // The user closed it.
  }
}

export const canOpenLocationSettings = true;

import { LOCATION_DENIED_MESSAGE, LOCATION_UNAVAILABLE_MESSAGE, type LocationResult } from './location-types';

/**
 * H5: the browser's geolocation, which answers in WGS-84 (GPS). Maps and wx.getLocation in China use GCJ-02, offset
 * from it by up to several hundred metres, so the position is converted before it is sent (the usual public
 * formula; outside China the two are the same). The weapp build uses location.weapp.ts (wx.getLocation, GCJ-02).
 */
export function getPhoneLocation(): Promise<LocationResult> {
  const geo = typeof navigator !== 'undefined' ? navigator.geolocation : undefined;
  if (!geo) return Promise.resolve({ ok: false, reason: 'unavailable', message: LOCATION_UNAVAILABLE_MESSAGE });
  return new Promise((resolve) => {
    geo.getCurrentPosition(
      (pos) => {
        const { lat, lng } = wgs84ToGcj02(pos.coords.latitude, pos.coords.longitude);
        resolve({ ok: true, location: { lat, lng, accuracy: pos.coords.accuracy } });
      },
      (err) =>
        resolve(
          err.code === err.PERMISSION_DENIED
            ? { ok: false, reason: 'denied', message: LOCATION_DENIED_MESSAGE }
            : { ok: false, reason: 'unavailable', message: LOCATION_UNAVAILABLE_MESSAGE },
        ),
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 30_000 },
    );
  });
}

/** Browsers have no settings page to open: the message tells the user where to allow it. */
export async function openLocationSettings(): Promise<void> {}

export const canOpenLocationSettings = false;

const A = 6378245.0;
const EE = 0.00669342162296594323;

function outOfChina(lat: number, lng: number): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function transformLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return r;
}

function transformLng(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return r;
}

export function wgs84ToGcj02(lat: number, lng: number): { lat: number; lng: number } {
  if (outOfChina(lat, lng)) return { lat, lng };
  let dLat = transformLat(lng - 105.0, lat - 35.0);
  let dLng = transformLng(lng - 105.0, lat - 35.0);
  const radLat = (lat / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  dLng = (dLng * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { lat: lat + dLat, lng: lng + dLng };
}

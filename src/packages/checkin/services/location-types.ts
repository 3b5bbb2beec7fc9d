/** The phone's position for event-code check-in, in GCJ-02 (the datum of maps in China, and of wx.getLocation). */
export interface PhoneLocation {
  lat: number;
  lng: number;
  accuracy?: number;
}

export type LocationResult =
  | { ok: true; location: PhoneLocation }
  /** denied: the user (or the system) refused; the page explains how to allow it. */
  | { ok: false; reason: 'denied' | 'unavailable'; message: string };

export const LOCATION_DENIED_MESSAGE = '本活动需要确认你在现场：请允许「青年第二课堂」获取你的位置，然后重新扫码';
export const LOCATION_UNAVAILABLE_MESSAGE = '暂时无法获取你的位置：请打开手机的定位服务，到室外或窗边后重新扫码';

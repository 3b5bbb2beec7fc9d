const EVENT_CODE_ROUTE = '/packages/officer/event-code/index';

/** The 活动码 page for one event, as a forwarded card opens it in the mini program (the event id, nothing else). */
export function eventCodeSharePath(eventId: string): string {
  return `${EVENT_CODE_ROUTE}?eventId=${encodeURIComponent(eventId)}`;
}

/**
 * The same page on the H5 site, for the branch group and the projector's browser: this site's origin on H5, the
 * build's H5_SITE_ORIGIN in the mini program (config/index.ts).
 */
export function eventCodeShareUrl(eventId: string): string {
  const origin =
    process.env.TARO_ENV === 'h5' ? window.location.origin : typeof H5_SITE_ORIGIN === 'string' ? H5_SITE_ORIGIN.replace(/\/+$/, '') : '';
  return `${origin}/#${eventCodeSharePath(eventId)}`;
}

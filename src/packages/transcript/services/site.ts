import { TRANSCRIPT_ROUTES } from '../routes';

/**
 * Where the public verify page lives on the web. On H5 it is this site (the page's own origin). The mini program has
 * no web address: its QR codes point at the H5 build, whose origin is the build-time constant H5_SITE_ORIGIN
 * (config/index.ts, from the H5_SITE_ORIGIN environment variable; docs/architecture.md).
 */
export function siteOrigin(): string {
  if (process.env.TARO_ENV === 'h5') return window.location.origin;
  return typeof H5_SITE_ORIGIN === 'string' ? H5_SITE_ORIGIN.replace(/\/+$/, '') : '';
}

/** The verify page's address without a code: what the printed transcript tells a reader to open. */
export function verifyPageUrl(verifyPath?: string): string {
  const path = verifyPath && verifyPath.startsWith('/') ? verifyPath.split('?')[0] : `/#${TRANSCRIPT_ROUTES.verify}`;
  return `${siteOrigin()}${path}`;
}

/**
 * The address a QR code carries: the server's verifyPath (the verify page with the code) on this site's origin, or
 * the same built here if the server sent none.
 */
export function verifyUrl(code: string, verifyPath?: string): string {
  const path = verifyPath && verifyPath.startsWith('/') ? verifyPath : `/#${TRANSCRIPT_ROUTES.verify}?code=${encodeURIComponent(code)}`;
  return `${siteOrigin()}${path}`;
}

/** The mini program's own verify page for a code: where a forwarded chat card opens. */
export function verifyPagePath(code: string): string {
  return `${TRANSCRIPT_ROUTES.verify}?code=${encodeURIComponent(code)}`;
}

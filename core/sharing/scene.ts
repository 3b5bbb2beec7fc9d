import type { Category } from '../../types';

/**
 * What a shared card's path and a poster's 小程序码 carry: the event (or the catalogue's kind) and nothing about the
 * person who shared it — no openid, no student number, no sharer id. Pure, so that the server (which asks WeChat for
 * the code) and the phones (which open the page it leads to) read the same rules.
 *
 * A scene (wxacode.getUnlimited) is at most 32 visible characters of `0-9 A-Z a-z !#$&'()*+,/:;=?@-._~`. An event
 * whose id fits is named by it: `e=<event id>` (every id the server makes, `e-` and ten base-32 characters, does); any
 * other id gets a stored alias `s=<ten base-32 characters>` that the server resolves (resolveEventScene).
 */
export const SCENE_LIMIT = 32;
const SCENE_CHARS = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/;
const EVENT_PREFIX = 'e=';
const ALIAS_PREFIX = 's=';
const ALIAS = /^s=[a-z2-7]{10}$/;

/** The page a shared card or a scanned code opens, as WeChat wants it (no leading slash for wxacode's `page`). */
export const EVENT_PAGE = 'pages/event/index';
export const EVENTS_PAGE = 'pages/events/index';

/** The scene naming this event directly, or null when its id does not fit (then an alias is stored). */
export function directScene(eventId: string): string | null {
  const scene = `${EVENT_PREFIX}${eventId}`;
  return scene.length <= SCENE_LIMIT && SCENE_CHARS.test(eventId) ? scene : null;
}

/** An alias scene from ten base-32 characters the caller drew at random. */
export function aliasScene(randomBase32: string): string {
  const scene = `${ALIAS_PREFIX}${randomBase32}`;
  if (!ALIAS.test(scene)) throw new Error('an alias is ten base-32 characters (a-z, 2-7)');
  return scene;
}

export type ParsedScene = { kind: 'event'; eventId: string } | { kind: 'alias'; scene: string } | null;

/**
 * Reads a scene as the page receives it (WeChat hands it over percent-encoded: `e%3De-abc`; a mistyped or foreign
 * one reads as null).
 */
export function parseScene(raw: string | undefined | null): ParsedScene {
  if (!raw) return null;
  let scene = raw.trim();
  try {
    scene = decodeURIComponent(scene);
  } catch {
    return null;
  }
  if (!scene || scene.length > SCENE_LIMIT || !SCENE_CHARS.test(scene)) return null;
  if (scene.startsWith(EVENT_PREFIX) && scene.length > EVENT_PREFIX.length) return { kind: 'event', eventId: scene.slice(EVENT_PREFIX.length) };
  if (ALIAS.test(scene)) return { kind: 'alias', scene };
  return null;
}

/** The mini program path of an event's shared card (onShareAppMessage's `path`): the event id alone. */
export function eventSharePath(eventId: string): string {
  return `/${EVENT_PAGE}?id=${encodeURIComponent(eventId)}`;
}

/** The catalogue filtered to one kind (a shared tab); null: the whole catalogue. */
export function catalogueSharePath(category: Category | null): string {
  return category ? `/${EVENTS_PAGE}?category=${category}` : `/${EVENTS_PAGE}`;
}

/** What a 小程序码 opens inside the mini program (wxacode's page plus the scene it passes). */
export function sceneTarget(scene: string): string {
  return `${EVENT_PAGE}?scene=${encodeURIComponent(scene)}`;
}

/** The H5 address a plain QR carries (the local server, or a browser): the same page and scene on the site. */
export function sceneWebUrl(siteOrigin: string, scene: string): string {
  return `${siteOrigin.replace(/\/+$/, '')}/#/${EVENT_PAGE}?scene=${encodeURIComponent(scene)}`;
}

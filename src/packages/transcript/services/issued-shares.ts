import Taro from '@tarojs/taro';
import type { ActionOutput } from '../../../../types/actions';

/** What createTranscriptShare returned: the code (shown once; the server keeps only its hash) and the snapshot. */
export type IssuedShare = ActionOutput<'createTranscriptShare'>;

interface StoredShares {
  v: 1;
  items: IssuedShare[];
}

/**
 * The shares issued on this phone, newest first: the server never shows a code again, so the phone keeps it to
 * show the share page (code, QR) and the printable page later. At most MAX are kept; a revoked one is dropped.
 */
const KEY = 'ysc.transcript.shares';
const MAX = 10;

function read(): IssuedShare[] {
  try {
    const value = Taro.getStorageSync(KEY) as Partial<StoredShares> | '';
    if (!value || typeof value !== 'object' || value.v !== 1 || !Array.isArray(value.items)) return [];
    return value.items.filter((s) => s && typeof s.code === 'string' && typeof s.shareId === 'string' && !!s.snapshot);
  } catch {
    return [];
  }
}

function write(items: IssuedShare[]): void {
  try {
    Taro.setStorageSync(KEY, { v: 1, items: items.slice(0, MAX) } satisfies StoredShares);
  } catch {
    // Storage full or refused: the share still exists on the server; only this phone forgets the code.
  }
}

export function rememberShare(share: IssuedShare): void {
  write([share, ...read().filter((s) => s.shareId !== share.shareId)]);
}

export function findShare(shareId: string): IssuedShare | null {
  return read().find((s) => s.shareId === shareId) ?? null;
}

export function forgetShare(shareId: string): void {
  write(read().filter((s) => s.shareId !== shareId));
}

/** The ids of the shares whose code this phone still holds. */
export function knownShareIds(): Set<string> {
  return new Set(read().map((s) => s.shareId));
}

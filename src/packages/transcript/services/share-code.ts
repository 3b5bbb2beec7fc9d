/**
 * Verification codes as people read and type them. The server issues 16 characters and normalises what it is given;
 * the client only groups them for reading ("ABCD-EFGH-JKLM-NPQR") and trims what was typed or scanned.
 */
export function compactCode(code: string): string {
  return code.replace(/[\s-]+/g, '');
}

export function groupCode(code: string): string {
  const compact = compactCode(code);
  return compact.match(/.{1,4}/g)?.join('-') ?? compact;
}

/** What a verifier typed, or the text a phone's scanner read: a verify URL carries the code in `?code=`. */
export function codeFromInput(text: string): string {
  const trimmed = text.trim();
  const fromUrl = /[?&]code=([^&#\s]+)/.exec(trimmed);
  if (fromUrl) {
    try {
      return decodeURIComponent(fromUrl[1]);
    } catch {
      return fromUrl[1];
    }
  }
  return trimmed;
}

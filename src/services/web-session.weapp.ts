/** On WeChat the caller is the signed-in WeChat user: there is no web session token to keep or send. */
export function getWebSession(): string | null {
  return null;
}

export function setWebSession(_token: string | null): void {}

export function webSessionRefused(_token: string): void {}

export function onWebSessionEnded(_listener: () => void): () => void {
  return () => undefined;
}

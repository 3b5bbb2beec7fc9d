/** On WeChat the caller is always the signed-in WeChat user: there is no demo identity to read or set. */
export function getDemoUser(): string | null {
  return null;
}

export function setDemoUser(_id: string | null): void {}

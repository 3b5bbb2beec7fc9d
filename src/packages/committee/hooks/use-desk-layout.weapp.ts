/** The mini program has no desk: nothing to do (see use-desk-layout.ts). */
export function useDeskLayout(): void {}

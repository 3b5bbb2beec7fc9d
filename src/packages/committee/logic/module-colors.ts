/** One colour per credit module (by its place in the list), the same on the bars, the stacks and the legend. */
const PALETTE = ['#d4382c', '#f08c2e', '#3a7bd5', '#8a5cc7', '#1f8a5b', '#c99a2e', '#e0587a', '#2a9db0', '#7a8a2e', '#6b6b6b'];

export function moduleColor(index: number): string {
  return PALETTE[index % PALETTE.length];
}

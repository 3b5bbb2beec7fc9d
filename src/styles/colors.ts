/**
 * The few colours script needs (icon `color` props, NutUI props, native dialogs): the same values as tokens.scss,
 * which stylesheets use. Keep the two in step.
 */
export const COLORS = {
  brand: '#d4382c', // $brand
  accent: '#f08c2e', // $accent
  white: '#ffffff', // $white
  track: '#f3ece7', // $track
  /** Quiet icons beside text (info lines, the offline mark). Folded: #a8a29e and #b0a8a2. */
  iconMuted: '#a8a29e',
  wechat: '#1aad19', // WeChat's own green, for its logo
} as const;

/** A bar filling from orange to red ($gradient-bar). */
export const GRADIENT_BAR = `linear-gradient(90deg, ${COLORS.accent} 0%, ${COLORS.brand} 100%)`;

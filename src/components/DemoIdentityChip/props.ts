export interface DemoIdentityChipProps {
  /** Name of the demo identity, or null when acting as an anonymous visitor. */
  name: string | null;
  onClick: () => void;
  /** Visual variant: on the red catalogue header, or on a light background. */
  tone?: 'onBrand' | 'light';
}

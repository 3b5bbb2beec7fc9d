import type { PageHeaderProps } from './props';

/** In WeChat the navigation bar (title, back) is WeChat's own: nothing to draw. */
export default function PageHeader(_props: PageHeaderProps) {
  return null;
}

import type { DemoIdentityChipProps } from './props';

/** No demo identities on WeChat: the caller is the signed-in WeChat user. */
export default function DemoIdentityChip(_props: DemoIdentityChipProps) {
  return null;
}

import type { DemoUserSwitchProps } from './props';

/** No demo identities on WeChat: the caller is the signed-in WeChat user. */
export default function DemoUserSwitch(_props: DemoUserSwitchProps) {
  return null;
}

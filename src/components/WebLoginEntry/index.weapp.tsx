import type { WebLoginEntryProps } from './props';

/** No web login inside WeChat: the mini program is always its WeChat user (it scans, see ScanWebLoginCell). */
export default function WebLoginEntry(_props: WebLoginEntryProps) {
  return null;
}

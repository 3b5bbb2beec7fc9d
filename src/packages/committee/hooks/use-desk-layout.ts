import { useDidHide, useDidShow } from '@tarojs/taro';
import { useEffect } from 'react';

/** The class on <html> while a committee page is shown (H5): see page.scss. */
const DESK_CLASS = 'ysc-desk';

function mark(on: boolean) {
  document.documentElement.classList.toggle(DESK_CLASS, on);
}

/**
 * H5 sizes its rem by the window (Taro's pxtransform: 20px at 375 wide, up to 40px), so on a computer every px of our
 * stylesheets is drawn twice a phone's size while NutUI's own px stay as they are. While a committee page is shown,
 * <html> carries `ysc-desk`, and page.scss sets a phone's rem (20px) from the desktop breakpoint up: one design px is
 * one CSS px again, and the page lays itself out for a desk (a content width, columns, tables). Other pages (the
 * student's) are untouched: the class goes when the page is hidden or left.
 */
export function useDeskLayout(): void {
  useEffect(() => {
    mark(true);
    return () => mark(false);
  }, []);
  useDidShow(() => mark(true));
  useDidHide(() => mark(false));
}

import Taro from '@tarojs/taro';

let done = false;

/** Initialise CloudBase once, before the first callFunction. The environment is the one chosen in DevTools. */
export function initCloud(): void {
  if (done) return;
  done = true;
  Taro.cloud.init({ traceUser: true });
}

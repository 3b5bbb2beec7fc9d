import { Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import type { CodeReaderProps } from './props';
import './index.scss';

/** The element html5-qrcode draws the camera into (one reader per page). */
const READER_ID = 'checkin-reader';

type ReaderState = 'idle' | 'starting' | 'scanning';

interface Reader {
  stop(): Promise<void>;
  clear(): void;
  isScanning: boolean;
}

/** html5-qrcode's errors are strings or DOMExceptions: the sentence a student can act on. */
function cameraMessage(error: unknown): string {
  const text = String((error as { name?: string } | null)?.name ?? '') + ' ' + String(error);
  if (/NotAllowed|Permission|denied/i.test(text)) return '浏览器没有允许使用摄像头：请在地址栏的网站设置中允许，或在下方输入签到码';
  if (/NotFound|Requested device|no camera|OverconstrainedError/i.test(text)) return '没有找到可用的摄像头，请在下方输入签到码';
  if (/secure|https|getUserMedia|not supported|streaming not supported/i.test(text)) return '当前浏览器无法在此网页使用摄像头，请在下方输入签到码';
  return '无法打开摄像头，请在下方输入签到码';
}

/**
 * H5: the camera through html5-qrcode (loaded on demand: only this page of this build ever fetches it). Taro's
 * scanCode works in a browser only inside WeChat, so this is the reader everywhere else. The camera starts on a tap
 * (browsers ask for permission then) and stops as soon as a code is read, or when the page goes away.
 */
export default function CodeReader({ onCode, disabled, onUnavailable }: CodeReaderProps) {
  const [state, setState] = useState<ReaderState>('idle');
  const reader = useRef<Reader | null>(null);
  const alive = useRef(true);
  // html5-qrcode may report the same code several times before it stops: only the first one counts.
  const read = useRef(false);
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;

  async function stop() {
    const r = reader.current;
    reader.current = null;
    try {
      if (r?.isScanning) await r.stop();
      r?.clear();
    } catch {
      // already stopped
    }
  }

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      void stop();
    };
  }, []);

  async function start() {
    if (disabled || state !== 'idle') return;
    setState('starting');
    read.current = false;
    try {
      const { Html5Qrcode, Html5QrcodeSupportedFormats } = await import('html5-qrcode');
      if (!alive.current) return;
      const r = new Html5Qrcode(READER_ID, { formatsToSupport: [Html5QrcodeSupportedFormats.QR_CODE], verbose: false });
      reader.current = r;
      await r.start(
        { facingMode: 'environment' },
        { fps: 12, qrbox: (w: number, h: number) => { const s = Math.floor(Math.min(w, h) * 0.72); return { width: s, height: s }; } },
        (text: string) => {
          if (read.current) return;
          read.current = true;
          void stop().then(() => {
            if (!alive.current) return;
            setState('idle');
            onCodeRef.current(text);
          });
        },
        () => undefined,
      );
      if (alive.current) setState('scanning');
      else void stop();
    } catch (error) {
      await stop();
      if (!alive.current) return;
      setState('idle');
      onUnavailable(cameraMessage(error));
    }
  }

  const label = disabled ? '正在签到…' : state === 'starting' ? '正在打开摄像头…' : '开始扫码';
  return (
    <View className={`code-reader code-reader--${state} ${disabled ? 'code-reader--busy' : ''}`}>
      {/* The camera's view is drawn here while scanning; the tap pad covers it otherwise. */}
      <View id={READER_ID} className='code-reader__camera' />
      {state === 'scanning' ? (
        <Text className='code-reader__stop scan-stop' onClick={() => void stop().then(() => setState('idle'))}>
          关闭摄像头
        </Text>
      ) : (
        <View className='code-reader__pad scan-start' onClick={() => void start()}>
          <View className='code-reader__frame'>
            <View className='code-reader__corner code-reader__corner--tl' />
            <View className='code-reader__corner code-reader__corner--tr' />
            <View className='code-reader__corner code-reader__corner--bl' />
            <View className='code-reader__corner code-reader__corner--br' />
            <View className='code-reader__line' />
          </View>
          <Text className='code-reader__label'>{label}</Text>
        </View>
      )}
    </View>
  );
}

import { Text, View } from '@tarojs/components';
import type { Html5Qrcode } from 'html5-qrcode';
import { useEffect, useRef, useState } from 'react';
import type { ScanCameraProps } from './props';
import './index.scss';

type CameraState = 'starting' | 'on' | 'failed';

let nextId = 0;

function problemOf(error: unknown): string {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  if (/NotAllowed|Permission/i.test(text)) return '未获准使用摄像头：请在浏览器设置中允许本网站使用摄像头';
  if (/NotFound|not found|Requested device/i.test(text)) return '没有找到摄像头';
  if (/NotReadable|in use|Could not start/i.test(text)) return '摄像头正被其他应用占用';
  return '无法打开摄像头';
}

/**
 * H5: the camera through html5-qrcode (loaded on demand, in this subpackage's H5 build only; the weapp build
 * resolves this folder to index.weapp.tsx and WeChat's own scanning camera). It scans continuously while the page
 * is shown. Browsers allow the camera only on HTTPS (or localhost); without one the typed entry below still works.
 */
export default function ScanCamera({ onCode, active }: ScanCameraProps) {
  const [id] = useState(() => `scan-camera-${++nextId}`);
  const [state, setState] = useState<CameraState>('starting');
  const [problem, setProblem] = useState('');
  const [attempt, setAttempt] = useState(0);
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;

  useEffect(() => {
    if (!active) return undefined;
    let stopped = false;
    let scanner: Html5Qrcode | null = null;
    const fail = (message: string) => {
      if (stopped) return;
      setProblem(message);
      setState('failed');
    };
    if (typeof navigator === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
      fail(typeof window !== 'undefined' && !window.isSecureContext ? '浏览器只在 HTTPS 网页中允许使用摄像头' : '此浏览器无法使用摄像头');
      return undefined;
    }
    setState('starting');
    import('html5-qrcode')
      .then(async ({ Html5Qrcode: Reader, Html5QrcodeSupportedFormats }) => {
        if (stopped) return;
        scanner = new Reader(id, { verbose: false, formatsToSupport: [Html5QrcodeSupportedFormats.QR_CODE] });
        await scanner.start(
          { facingMode: 'environment' },
          {
            fps: 12,
            qrbox: (w, h) => {
              const side = Math.max(120, Math.floor(Math.min(w, h) * 0.72));
              return { width: side, height: side };
            },
          },
          (text) => onCodeRef.current(text),
          () => undefined,
        );
        if (stopped) void scanner.stop().catch(() => undefined);
        else setState('on');
      })
      .catch((error) => fail(problemOf(error)));
    return () => {
      stopped = true;
      const s = scanner;
      if (s?.isScanning) void s.stop().then(() => s.clear(), () => undefined);
    };
  }, [active, attempt, id]);

  return (
    <View className={`scan-camera scan-camera--${state}`}>
      <div id={id} className='scan-camera__view' />
      {state !== 'on' ? (
        <View className='scan-camera__overlay scanner-camera-status'>
          {state === 'starting' ? (
            <Text className='scan-camera__text'>正在打开摄像头…</Text>
          ) : (
            <>
              <Text className='scan-camera__text'>{problem}</Text>
              <Text className='scan-camera__sub'>可在下方粘贴或输入签到码</Text>
              <View className='scan-camera__retry scanner-camera-retry' onClick={() => setAttempt((n) => n + 1)}>
                <Text>重新打开摄像头</Text>
              </View>
            </>
          )}
        </View>
      ) : null}
    </View>
  );
}

import { Text, View } from '@tarojs/components';
import qrcode from 'qrcode-generator';
import { useMemo, type ReactNode } from 'react';
import './index.scss';

interface Props {
  /** What the code carries (`ysc-login:<ticket>`); null while the first ticket is on its way. */
  text: string | null;
  /** Exposed as `data-ticket` for automated tests (the mini program reads it from the code itself). */
  ticket: string | null;
  /** Greyed out under the 二维码已失效 notice. */
  dimmed?: boolean;
  children?: ReactNode;
}

/** Pixels per module of the generated image; the CSS box scales it down, so it stays sharp on high-DPI screens. */
const CELL = 8;
/** The quiet zone, in modules: 4 is what the QR standard asks for, 2 is enough on a white card. */
const MARGIN = 2;

/** The QR code as a GIF data URL (qrcode-generator, in this subpackage only: the weapp main package never has it). */
function qrDataUrl(text: string): string {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  return qr.createDataURL(CELL, CELL * MARGIN);
}

/** H5 login page: the ticket as a QR code (`.login-qr[data-ticket]`), with room for an overlay (expired, error). */
export default function LoginQr({ text, ticket, dimmed = false, children }: Props) {
  const src = useMemo(() => (text ? qrDataUrl(text) : null), [text]);
  return (
    <View className={`login-qr-box ${dimmed ? 'login-qr-box--dimmed' : ''}`}>
      <View className='login-qr' data-ticket={ticket ?? ''}>
        {src ? (
          <img className='login-qr__img' src={src} alt='登录二维码' draggable={false} />
        ) : (
          <Text className='login-qr__placeholder'>正在生成二维码…</Text>
        )}
      </View>
      {children}
    </View>
  );
}

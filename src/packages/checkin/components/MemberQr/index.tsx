import { Image, Text, View } from '@tarojs/components';
import qrcode from 'qrcode-generator';
import { useMemo, type ReactNode } from 'react';
import './index.scss';

interface Props {
  /** The code text of the current window; null while there is none yet. */
  text: string | null;
  window: number | null;
  purpose: 'in' | 'out';
  /** Greyed out under an overlay (no pass, a refusal). */
  dimmed?: boolean;
  placeholder?: string;
  children?: ReactNode;
}

/** Pixels per module of the generated image: about twice the shown size, so it stays sharp when scaled. */
const CELL = 8;
/** Quiet zone in modules (the white card around it adds more). */
const MARGIN = 2;

/**
 * The code as a GIF data URL in an <Image>: the one form that renders the same in the mini program (an image
 * component takes base64 data URLs; a canvas would need a separate native layer and cannot be read by tests) and in
 * browsers. Error correction M (a code of ~350 characters gives 73 × 73 modules): it tolerates glare on a screen and
 * still leaves modules large enough for a quick scan at arm's length.
 */
function qrDataUrl(text: string): string {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  return qr.createDataURL(CELL, CELL * MARGIN);
}

/**
 * 签到码's QR code, large, black on white. For tests it carries the code text it shows: `data-testid="checkin-qr"`
 * with `data-code`, `data-window` and `data-purpose` (on H5; the weapp build exposes the image itself).
 */
export default function MemberQr({ text, window, purpose, dimmed = false, placeholder = '正在生成签到码…', children }: Props) {
  const src = useMemo(() => (text ? qrDataUrl(text) : null), [text]);
  return (
    <View className={`member-qr-box ${dimmed ? 'member-qr-box--dimmed' : ''}`}>
      <View
        className='member-qr checkin-qr'
        data-testid='checkin-qr'
        data-code={text ?? ''}
        data-window={window === null ? '' : String(window)}
        data-purpose={purpose}
      >
        {src ? (
          <Image className='member-qr__img checkin-qr__img' src={src} mode='aspectFit' showMenuByLongpress={false} />
        ) : (
          <Text className='member-qr__placeholder'>{placeholder}</Text>
        )}
      </View>
      {children}
    </View>
  );
}

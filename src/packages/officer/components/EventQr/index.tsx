import { Image, Text, View } from '@tarojs/components';
import qrcode from 'qrcode-generator';
import { useMemo } from 'react';
import './index.scss';

interface Props {
  /** The event code; null while the first one is on its way. */
  code: string | null;
  /** Expired and not replaced yet (network trouble): greyed, so nobody scans a stale code. */
  dimmed?: boolean;
}

/** Pixels per module: the box scales the image down, so it stays sharp on a projector. */
const CELL = 10;

/** The code as a GIF data URL (qrcode-generator, in this subpackage only; an <image> shows it on weapp and H5). */
function qrDataUrl(text: string): string {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  return qr.createDataURL(CELL, CELL * 2);
}

/** The rotating event QR (`.event-code-qr[data-code]`: tests read the code there). */
export default function EventQr({ code, dimmed }: Props) {
  const src = useMemo(() => (code ? qrDataUrl(code) : null), [code]);
  return (
    <View className={`event-qr event-code-qr ${dimmed ? 'event-qr--dimmed' : ''}`} data-code={code ?? ''}>
      {src ? <Image className='event-qr__img' src={src} mode='aspectFit' /> : <Text className='event-qr__placeholder'>正在生成活动码…</Text>}
    </View>
  );
}

import { Image, Text, View } from '@tarojs/components';
import qrcode from 'qrcode-generator';
import { useMemo } from 'react';
import './index.scss';

interface Props {
  /** The verify page's address with the code. */
  url: string;
  className?: string;
}

/**
 * The verify address as a QR code: a GIF data URL in an <Image>, which renders the same in the mini program and in
 * browsers (and prints). Error correction M: an address of ~100 characters stays a small, quick-to-scan code.
 */
function qrDataUrl(text: string): string {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  return qr.createDataURL(8, 16);
}

/** Test hooks: `.transcript-qr[data-url]` (the address it encodes), `.transcript-qr__img`. */
export default function TranscriptQr({ url, className = '' }: Props) {
  const src = useMemo(() => (url ? qrDataUrl(url) : null), [url]);
  return (
    <View className={`transcript-qr ${className}`} data-url={url}>
      {src ? (
        <Image className='transcript-qr__img' src={src} mode='aspectFit' />
      ) : (
        <Text className='transcript-qr__placeholder'>正在生成二维码…</Text>
      )}
    </View>
  );
}

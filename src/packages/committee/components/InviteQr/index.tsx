import { Image, View } from '@tarojs/components';
import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

/** An invitation's QR code (`ysc-invite:<code>`), as a GIF data URL: the mini program's 扫一扫 on 我的 recognises it. */
export default function InviteQr({ text }: { text: string }) {
  const src = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(text, 'Byte');
    qr.make();
    return qr.createDataURL(6, 12);
  }, [text]);
  return (
    <View className='invite-qr' data-text={text}>
      <Image className='invite-qr__img' src={src} mode='aspectFit' style={{ width: '160px', height: '160px' }} />
    </View>
  );
}

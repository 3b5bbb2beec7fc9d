import { forwardRef, type ChangeEvent } from 'react';
import { COVER_ACCEPT } from '../../services/cover-file';

interface Props {
  onFile: (file: File) => void;
}

/**
 * H5: the hidden `<input type="file">` behind 上传封面 (`.cover-file-input`: tests set its files directly). The weapp
 * build resolves this module to file-input.weapp.tsx, which renders nothing (WeChat's image chooser opens instead).
 */
const CoverFileInput = forwardRef<HTMLInputElement, Props>(function CoverFileInput({ onFile }, ref) {
  function changed(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0] ?? null;
    // Choosing the same picture again must fire change again.
    e.target.value = '';
    if (file) onFile(file);
  }
  return <input ref={ref} className='cover-picker__input cover-file-input' type='file' accept={COVER_ACCEPT} style={{ display: 'none' }} onChange={changed} />;
});

export default CoverFileInput;

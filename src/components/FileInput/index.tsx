import { forwardRef, type ChangeEvent } from 'react';

interface Props {
  /** The input's classes: its test hook (tests set its files directly). */
  hook: string;
  accept: string;
  onFile: (file: File) => void;
}

/**
 * H5: the hidden `<input type="file">` behind an upload button (a cover, a material, a 请假 photo); the button clicks
 * it. The weapp build resolves this module to index.weapp.tsx, which renders nothing (WeChat's choosers open instead).
 */
const FileInput = forwardRef<HTMLInputElement, Props>(function FileInput({ hook, accept, onFile }, ref) {
  function changed(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0] ?? null;
    // Choosing the same file again must fire change again.
    e.target.value = '';
    if (file) onFile(file);
  }
  return <input ref={ref} className={hook} type='file' accept={accept} style={{ display: 'none' }} onChange={changed} />;
});

export default FileInput;

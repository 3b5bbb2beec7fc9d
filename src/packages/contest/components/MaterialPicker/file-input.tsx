import { forwardRef, type ChangeEvent } from 'react';

interface Props {
  hook: string;
  accept: string;
  onFile: (file: File) => void;
}

/** H5: the hidden `<input type="file">` behind a material's button (tests set its files). weapp: file-input.weapp.tsx. */
const MaterialFileInput = forwardRef<HTMLInputElement, Props>(function MaterialFileInput({ hook, accept, onFile }, ref) {
  function changed(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0] ?? null;
    e.target.value = '';
    if (file) onFile(file);
  }
  return <input ref={ref} className={hook} type='file' accept={accept} style={{ display: 'none' }} onChange={changed} />;
});

export default MaterialFileInput;

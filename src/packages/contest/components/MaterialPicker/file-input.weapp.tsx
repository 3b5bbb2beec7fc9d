import { forwardRef } from 'react';

/** weapp: no HTML input; the picker opens WeChat's chooser (services/material-file.weapp.ts). */
const MaterialFileInput = forwardRef<unknown, { hook: string; accept: string; onFile: (file: File) => void }>(function MaterialFileInput() {
  return null;
});

export default MaterialFileInput;

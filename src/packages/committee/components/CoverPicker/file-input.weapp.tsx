import { forwardRef } from 'react';

interface Props {
  onFile: (file: File) => void;
}

/** WeChat has no file input: 上传封面 opens chooseMedia instead (services/cover-file.weapp.ts). */
const CoverFileInput = forwardRef<HTMLInputElement, Props>(function CoverFileInput(_props, _ref) {
  return null;
});

export default CoverFileInput;

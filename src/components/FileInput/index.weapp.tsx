import { forwardRef } from 'react';

interface Props {
  hook: string;
  accept: string;
  onFile: (file: File) => void;
}

/** WeChat has no file input: the upload buttons open WeChat's choosers instead. See index.tsx for H5. */
const FileInput = forwardRef<HTMLInputElement, Props>(function FileInput(_props, _ref) {
  return null;
});

export default FileInput;

import { forwardRef } from 'react';

interface Props {
  /** Test hook on the input, e.g. roster-file-input. */
  hook: string;
  onFile: (file: File) => void;
}

/** WeChat has no file input: the picker opens chooseMessageFile instead (services/roster-file.weapp.ts). */
const RosterFileInput = forwardRef<HTMLInputElement, Props>(function RosterFileInput(_props, _ref) {
  return null;
});

export default RosterFileInput;

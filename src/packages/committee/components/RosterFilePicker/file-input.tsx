import { forwardRef, type ChangeEvent } from 'react';

interface Props {
  /** Test hook on the input, e.g. roster-file-input. */
  hook: string;
  onFile: (file: File) => void;
}

/**
 * H5: the hidden `<input type="file">` behind the `.roster-pick` button (`.roster-file-input`: tests set its files
 * directly). The weapp build resolves this module to file-input.weapp.tsx, which renders nothing, so no HTML input
 * (and no checkbox/radio templates it would bring) reaches the mini program.
 */
const RosterFileInput = forwardRef<HTMLInputElement, Props>(function RosterFileInput({ hook, onFile }, ref) {
  function changed(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0] ?? null;
    // Choosing the same file again must fire change again.
    e.target.value = '';
    if (file) onFile(file);
  }
  return <input ref={ref} className={`roster-file-picker__input ${hook}`} type='file' accept='.xlsx,.csv' style={{ display: 'none' }} onChange={changed} />;
});

export default RosterFileInput;

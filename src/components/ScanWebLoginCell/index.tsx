import type { ScanWebLoginCellProps } from './props';

/** H5 is the side that shows the QR code, not the scanner: nothing here (see WebLoginEntry). */
export default function ScanWebLoginCell(_props: ScanWebLoginCellProps) {
  return null;
}

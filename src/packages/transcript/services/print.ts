/** H5: the browser's print dialog (print to paper or save as PDF). */
export function printPage(): void {
  window.print();
}

/** H5: how much to shrink the 210 mm sheet so it fits a narrow screen (1 on a computer; never when printing). */
export function sheetZoom(): number {
  const A4_CSS_PX = 794; // 210 mm at 96 px per inch
  const width = window.innerWidth || A4_CSS_PX;
  return Math.min(1, (width - 16) / A4_CSS_PX);
}

/** H5: the poster goes to paper (or a PDF) through the browser's print dialog; only the poster is printed. */
export const POSTER_OUTPUT_LABEL = '打印海报';

export async function outputPoster(_codeUrl: string): Promise<string> {
  window.print();
  return '';
}

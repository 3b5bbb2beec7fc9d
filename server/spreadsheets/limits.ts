/** What an uploaded roster may be at most. The file is untrusted: every limit is checked while reading. */
export const ROSTER_LIMITS = {
  /** Bytes of the uploaded file. */
  maxFileBytes: 10 * 1024 * 1024,
  /** Student rows below the header. */
  maxDataRows: 20_000,
  /** Title rows an export may put above the header (e.g. a merged 「2024级学生名单」 row). */
  maxRowsBeforeHeader: 9,
  /** Columns with a value (Excel allows 16,384; a roster has about ten). */
  maxColumns: 256,
  /** Characters in one cell: Excel's own limit. */
  maxCellChars: 32_767,
  /** Bytes inflated from the xlsx parts that are read, all together: a zip bomb stops here. */
  maxUncompressedBytes: 100 * 1024 * 1024,
  /** Entries in the xlsx zip (a workbook has a few dozen). */
  maxZipEntries: 2_000,
} as const;

/** Non-blank rows a reader keeps before refusing: the header, the title rows above it, the data rows. */
export const MAX_TABLE_ROWS = ROSTER_LIMITS.maxDataRows + 1 + ROSTER_LIMITS.maxRowsBeforeHeader;

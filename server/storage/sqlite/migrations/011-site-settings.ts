/**
 * Version 11: the school's names on transcripts (学校名称, 签发单位) as one JSON row, like the credit and plan settings;
 * no row means DEFAULT_SITE_SETTINGS.
 */
export const version = 11;
export const sql = `
CREATE TABLE site_settings (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  settings   TEXT NOT NULL CHECK (json_valid(settings)),
  updated_at TEXT NOT NULL
);
`;

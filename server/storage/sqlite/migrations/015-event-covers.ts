/**
 * Version 15: an event's cover picture, as the id of its file in the file store (null: the kind's artwork). The
 * picture itself never sits in the database; lists answer a short-lived link made from the file.
 */
export const version = 15;
export const sql = `
ALTER TABLE events ADD COLUMN cover_file_id TEXT;
`;

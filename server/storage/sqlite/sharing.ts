import type { PosterCodeRecord } from '../../../core';
import type { SharingPort } from '../ports';
import type { SqliteKit } from './kit';

interface PosterCodeRow {
  event_id: string; scene: string; kind: string; target: string; file_id: string; created_at: string;
}

function posterCodeFromRow(r: PosterCodeRow): PosterCodeRecord {
  return {
    eventId: r.event_id, scene: r.scene, kind: r.kind as PosterCodeRecord['kind'], target: r.target, fileId: r.file_id,
    createdAt: r.created_at,
  };
}

/** Sharing on SQLite: one row per event's poster code; the scene is unique across events. */
export function sqliteSharing(kit: SqliteKit): SharingPort {
  const db = kit.db;
  const q = {
    byEvent: db.prepare<[string], PosterCodeRow>('SELECT * FROM poster_codes WHERE event_id = ?'),
    byScene: db.prepare<[string], PosterCodeRow>('SELECT * FROM poster_codes WHERE scene = ?'),
    insert: db.prepare<[PosterCodeRow]>(
      `INSERT INTO poster_codes (event_id, scene, kind, target, file_id, created_at)
       VALUES (@event_id, @scene, @kind, @target, @file_id, @created_at)`,
    ),
    replace: db.prepare<[PosterCodeRow & { replacing: string }]>(
      `UPDATE poster_codes SET scene = @scene, kind = @kind, target = @target, file_id = @file_id, created_at = @created_at
        WHERE event_id = @event_id AND file_id = @replacing`,
    ),
  };

  return {
    async getPosterCode(eventId) {
      const row = q.byEvent.get(eventId);
      return row ? posterCodeFromRow(row) : null;
    },

    putPosterCode(code, replacing) {
      return kit.run(() => {
        const row: PosterCodeRow = {
          event_id: code.eventId, scene: code.scene, kind: code.kind, target: code.target, file_id: code.fileId, created_at: code.createdAt,
        };
        const stored = q.byEvent.get(code.eventId);
        if (!stored) q.insert.run(row);
        else if (stored.file_id === replacing) q.replace.run({ ...row, replacing });
        return posterCodeFromRow(q.byEvent.get(code.eventId)!);
      });
    },

    async eventIdOfScene(scene) {
      return q.byScene.get(scene)?.event_id ?? null;
    },
  };
}

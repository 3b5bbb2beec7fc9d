import type { PosterCodeRecord } from '../../../core';
import type { SharingPort } from '../ports';
import { COLLECTIONS } from './documents';
import { readDoc, type CloudbaseKit } from './kit';
import type { WxDoc } from './wx-db';

const { posterCodes: POSTER_CODES } = COLLECTIONS;

function posterCodeFromDoc(d: WxDoc): PosterCodeRecord {
  return {
    eventId: String(d._id),
    scene: d.scene as string,
    kind: d.kind as PosterCodeRecord['kind'],
    target: d.target as string,
    fileId: d.fileId as string,
    createdAt: d.createdAt as string,
  };
}

/**
 * Sharing on CloudBase: `posterCodes/<eventId>` (documents.ts). Storing a code is one transaction on the event's
 * document (read, then set only if absent or still naming the file being replaced), so two posters generated at once
 * conflict there and the loser re-runs and finds the winner's code.
 */
export class CloudbaseSharing implements SharingPort {
  constructor(private readonly kit: CloudbaseKit) {}

  async getPosterCode(eventId: string): Promise<PosterCodeRecord | null> {
    const doc = await readDoc(this.kit.db.collection(POSTER_CODES).doc(eventId));
    return doc ? posterCodeFromDoc(doc) : null;
  }

  /** One transaction on `posterCodes/<eventId>`: 1 read, and 1 write when this code is stored. */
  async putPosterCode(code: PosterCodeRecord, replacing: string | null): Promise<PosterCodeRecord> {
    return this.kit.transact(async (t) => {
      const ref = t.collection(POSTER_CODES).doc(code.eventId);
      const doc = await readDoc(ref);
      const stored = doc ? posterCodeFromDoc({ ...doc, _id: code.eventId }) : null;
      if (stored && stored.fileId !== replacing) return stored;
      await ref.set({ data: { scene: code.scene, kind: code.kind, target: code.target, fileId: code.fileId, createdAt: code.createdAt } });
      return code;
    });
  }

  /** One query on `scene` (alias scenes only: a direct one names its event). */
  async eventIdOfScene(scene: string): Promise<string | null> {
    const { data } = await this.kit.db.collection(POSTER_CODES).where({ scene }).limit(1).get();
    return data.length ? String(data[0]._id) : null;
  }
}

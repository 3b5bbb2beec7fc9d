import type { AuditDraft, RosterEntry, StudentRecord } from '../../../core';
import type { RosterPort } from '../ports';
import { COLLECTIONS, studentFromDoc, studentToDoc, withoutId } from './documents';
import { inBatches, inPool, readDoc, type CloudbaseKit } from './kit';

const { students: STUDENTS, accounts: ACCOUNTS } = COLLECTIONS;

/**
 * The roster on CloudBase: `students/<studentNo>`. The caller is resolved by a query on `students.openid` (one
 * operation), the student document being the source of truth of a binding; a warm container remembers the answer
 * (the kit's identity cache), so a handler's action does not pay for it on every call.
 */
export class CloudbaseRoster implements RosterPort {
  constructor(private readonly kit: CloudbaseKit) {}

  async findStudentByOpenid(openid: string): Promise<StudentRecord | null> {
    const { data } = await this.kit.db.collection(STUDENTS).where({ openid }).limit(1).get();
    return data.length ? studentFromDoc(data[0]) : null;
  }

  async findStudentByNo(studentNo: string): Promise<StudentRecord | null> {
    const doc = await readDoc(this.kit.db.collection(STUDENTS).doc(studentNo));
    return doc ? studentFromDoc(doc) : null;
  }

  /** One query per 100 numbers (`_id` in …). */
  async findStudentsByNos(studentNos: readonly string[]): Promise<StudentRecord[]> {
    return (await this.kit.fetchByIds(STUDENTS, [...new Set(studentNos)])).map(studentFromDoc);
  }

  async studentNoByOpenid(openid: string): Promise<string | null> {
    const identities = this.kit.identities;
    const now = identities.nowMs();
    const known = identities.get(openid, now);
    if (known) return known;
    const studentNo = (await this.findStudentByOpenid(openid))?.studentNo ?? null;
    if (studentNo) identities.remember(openid, studentNo, now);
    return studentNo;
  }

  async hasStudent(studentNo: string): Promise<boolean> {
    return (await readDoc(this.kit.db.collection(STUDENTS).doc(studentNo))) !== null;
  }

  /** The roster in pages of 1,000 (`bulkPageSize`): 20 operations for 20,000 students. */
  async listStudents(limit: number): Promise<StudentRecord[]> {
    const docs = await this.kit.fetchAll(this.kit.db.collection(STUDENTS), [['studentNo', 'asc']], { max: limit, pageSize: this.kit.bulkPageSize });
    return docs.map(studentFromDoc);
  }

  async listStudentsOfBranch(branch: string): Promise<StudentRecord[]> {
    const query = this.kit.db.collection(STUDENTS).where({ branch });
    return (await this.kit.fetchAll(query, [['studentNo', 'asc']], { pageSize: this.kit.bulkPageSize })).map(studentFromDoc);
  }

  /** upsertStudents and the import's audit entry. */
  async importStudents(entries: RosterEntry[], audit: AuditDraft): Promise<{ created: number; updated: number }> {
    const counts = await this.upsertStudents(entries);
    await this.kit.addAudit(this.kit.db, audit);
    return counts;
  }

  /**
   * Reads which of the students exist (`_id` in …, a query per 100, side by side), then writes every student on its
   * own, `bulkConcurrency` (20) at a time: a known one updated field by field (the binding is not among the fields,
   * so it cannot be lost), a new one added with its number as `_id`. 1 operation per student and 1 per 100. An add
   * that fails because the student appeared meanwhile (another import) becomes an update. Idempotent, so a chunk
   * can simply be written again.
   */
  async upsertStudents(entries: RosterEntry[]): Promise<{ created: number; updated: number }> {
    this.kit.identities.clear();
    const students = this.kit.db.collection(STUDENTS);
    const known = new Set((await this.kit.fetchByIds(STUDENTS, entries.map((e) => e.studentNo))).map((d) => String(d._id)));
    let created = 0;
    await inPool(entries, this.kit.bulkConcurrency, async (e) => {
      const { secondFactorHash, ...fields } = e;
      const data = secondFactorHash === null ? fields : { ...fields, secondFactorHash };
      if (known.has(e.studentNo)) {
        await students.doc(e.studentNo).update({ data });
        return;
      }
      try {
        await students.add({ data: { ...withoutId(studentToDoc({ ...e, openid: null })), _id: e.studentNo } });
        created++;
      } catch (error) {
        if (!(await readDoc(students.doc(e.studentNo)))) throw error;
        await students.doc(e.studentNo).update({ data });
      }
    });
    return { created, updated: entries.length - created };
  }

  /**
   * Insert or replace by id (seeding and imports). Not one transaction: each document is written on its own. A
   * student with an openid also gets its `accounts/<openid>` document, so binding sees that account as taken. (An
   * account document left behind by a replaced binding is stale, and bindStudent / unbindStudent recognise it as
   * such by reading the student it names.)
   */
  async putStudents(students: StudentRecord[]): Promise<void> {
    this.kit.identities.clear();
    await inBatches(students, async (s) => {
      const doc = studentToDoc(s);
      await this.kit.db.collection(STUDENTS).doc(doc._id).set({ data: withoutId(doc) });
      if (s.openid) await this.kit.db.collection(ACCOUNTS).doc(s.openid).set({ data: { studentNo: s.studentNo, boundAt: null } });
    });
  }
}

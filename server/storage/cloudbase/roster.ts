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
   * A prefix of the name or of the student number, as ranges (`_.or` of two ranges: both fields indexed), a page by
   * student number (`skip` + `limit`: 1 operation) and the count of matches (1 more).
   */
  async searchStudents(prefix: string, offset: number, limit: number): Promise<{ students: StudentRecord[]; total: number }> {
    const _ = this.kit.command;
    const range = () => (_.gte(prefix) as { and(x: unknown): unknown }).and(_.lt(`${prefix}\u{10FFFF}`));
    const condition = _.or([{ name: range() }, { studentNo: range() }]);
    const students = this.kit.db.collection(STUDENTS);
    const [{ data }, { total }] = await Promise.all([
      students.where(condition).orderBy('studentNo', 'asc').orderBy('_id', 'asc').skip(offset).limit(limit).get(),
      students.where(condition).count(),
    ]);
    return { students: data.map(studentFromDoc), total };
  }

  /** One aggregation per 1000 branches: `group` by college and branch, counting students. */
  async branchDirectory(): Promise<Array<{ college: string; branch: string; students: number }>> {
    const $ = this.kit.command.aggregate;
    const rows = await this.kit.aggregateAll(
      STUDENTS,
      (p) => p.group({ _id: { college: '$college', branch: '$branch' }, students: $.sum(1) }),
      ['_id.college', '_id.branch'],
    );
    return rows.map((row) => {
      const id = (row._id ?? {}) as unknown as { college: string; branch: string };
      return { college: id.college, branch: id.branch, students: Number(row.students ?? 0) };
    });
  }

  /** One query per 100 accounts (`openid` in …). */
  async findStudentsByOpenids(openids: readonly string[]): Promise<StudentRecord[]> {
    const _ = this.kit.command;
    const wanted = [...new Set(openids)];
    const out: StudentRecord[] = [];
    for (let i = 0; i < wanted.length; i += this.kit.pageSize) {
      const query = this.kit.db.collection(STUDENTS).where({ openid: _.in(wanted.slice(i, i + this.kit.pageSize)) });
      out.push(...(await this.kit.fetchAll(query, [['studentNo', 'asc']])).map(studentFromDoc));
    }
    return out;
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

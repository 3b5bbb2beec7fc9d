import type { RosterEntry } from '../../../core';
import type { RosterPort } from '../ports';
import type { SqliteKit } from './kit';
import { studentFromRow, studentToRow, type StudentRow } from './rows';

/** The roster on SQLite: students by number, by branch, by the account bound to them; imports and bulk loads. */
export function sqliteRoster(kit: SqliteKit): RosterPort {
  const { db } = kit;
  const q = {
    studentByOpenid: db.prepare<[string], StudentRow>('SELECT * FROM students WHERE openid = ?'),
    studentByNo: db.prepare<[string], StudentRow>('SELECT * FROM students WHERE student_no = ?'),
    studentsByNos: db.prepare<[string], StudentRow>('SELECT * FROM students WHERE student_no IN (SELECT value FROM json_each(?))'),
    studentNoByOpenid: db.prepare<[string], string>('SELECT student_no FROM students WHERE openid = ?').pluck(),
    hasStudent: db.prepare<[string], number>('SELECT 1 FROM students WHERE student_no = ?').pluck(),
    students: db.prepare<[number], StudentRow>('SELECT * FROM students ORDER BY student_no LIMIT ?'),
    ofBranch: db.prepare<[string], StudentRow>('SELECT * FROM students WHERE branch = ? ORDER BY student_no'),
    // A prefix as a range (both columns are indexed): name in [p, p + U+10FFFF), or the number likewise.
    search: db.prepare<[string, string, string, string, number, number], StudentRow>(
      `SELECT * FROM students WHERE (name >= ? AND name < ?) OR (student_no >= ? AND student_no < ?)
       ORDER BY student_no LIMIT ? OFFSET ?`,
    ),
    searchCount: db.prepare<[string, string, string, string], number>(
      'SELECT count(*) FROM students WHERE (name >= ? AND name < ?) OR (student_no >= ? AND student_no < ?)',
    ).pluck(),
    directory: db.prepare<[], { college: string; branch: string; students: number }>(
      'SELECT college, branch, count(*) AS students FROM students GROUP BY college, branch ORDER BY college, branch',
    ),
    byOpenids: db.prepare<[string], StudentRow>('SELECT * FROM students WHERE openid IN (SELECT value FROM json_each(?))'),
    putStudent: db.prepare<[StudentRow]>(
      `INSERT INTO students (student_no, openid, name, college, class_name, branch, grade, is_league_member,
         second_factor_hash)
       VALUES (@student_no, @openid, @name, @college, @class_name, @branch, @grade, @is_league_member,
         @second_factor_hash)
       ON CONFLICT (student_no) DO UPDATE SET openid = excluded.openid, name = excluded.name,
         college = excluded.college, class_name = excluded.class_name, branch = excluded.branch,
         grade = excluded.grade, is_league_member = excluded.is_league_member,
         second_factor_hash = excluded.second_factor_hash`,
    ),
    // The binding (openid) is never in the statement, so an import cannot change or lose it.
    importStudent: db.prepare<[StudentRow]>(
      `INSERT INTO students (student_no, openid, name, college, class_name, branch, grade, is_league_member,
         second_factor_hash)
       VALUES (@student_no, NULL, @name, @college, @class_name, @branch, @grade, @is_league_member, @second_factor_hash)
       ON CONFLICT (student_no) DO UPDATE SET name = excluded.name, college = excluded.college,
         class_name = excluded.class_name, branch = excluded.branch, grade = excluded.grade,
         is_league_member = excluded.is_league_member,
         second_factor_hash = COALESCE(excluded.second_factor_hash, students.second_factor_hash)`,
    ),
  };

  /** Inside a job: every entry inserted or updated in place (the binding is never touched). */
  const upsert = (entries: readonly RosterEntry[]) => {
    let created = 0;
    for (const e of entries) {
      const known = q.hasStudent.get(e.studentNo) !== undefined;
      q.importStudent.run(studentToRow({ ...e, openid: null }));
      if (!known) created++;
    }
    return { created, updated: entries.length - created };
  };

  return {
    async findStudentByOpenid(openid) {
      const row = q.studentByOpenid.get(openid);
      return row ? studentFromRow(row) : null;
    },

    async studentNoByOpenid(openid) {
      return q.studentNoByOpenid.get(openid) ?? null;
    },

    async hasStudent(studentNo) {
      return q.hasStudent.get(studentNo) === 1;
    },

    async findStudentByNo(studentNo) {
      const row = q.studentByNo.get(studentNo);
      return row ? studentFromRow(row) : null;
    },

    async findStudentsByNos(studentNos) {
      if (studentNos.length === 0) return [];
      return q.studentsByNos.all(JSON.stringify([...new Set(studentNos)])).map(studentFromRow);
    },

    async listStudents(limit) {
      return q.students.all(limit).map(studentFromRow);
    },

    async listStudentsOfBranch(branch) {
      return q.ofBranch.all(branch).map(studentFromRow);
    },

    async searchStudents(prefix, offset, limit) {
      const end = `${prefix}\u{10FFFF}`;
      const students = q.search.all(prefix, end, prefix, end, limit, offset).map(studentFromRow);
      return { students, total: q.searchCount.get(prefix, end, prefix, end) ?? 0 };
    },

    async branchDirectory() {
      return q.directory.all();
    },

    async findStudentsByOpenids(openids) {
      if (openids.length === 0) return [];
      return q.byOpenids.all(JSON.stringify([...new Set(openids)])).map(studentFromRow);
    },

    importStudents(entries, audit) {
      return kit.run(() => {
        const counts = upsert(entries);
        kit.audit(audit);
        return counts;
      });
    },

    upsertStudents(entries) {
      return kit.run(() => upsert(entries));
    },

    putStudents(students) {
      return kit.run(() => {
        for (const s of students) q.putStudent.run(studentToRow(s));
      });
    },
  };
}

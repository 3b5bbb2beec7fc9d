import type { Member, RoleGrantView, StudentProfile } from '../../../types';
import type { RoleGrant, StudentRecord } from '../../../core';

/** What a student may see of their own roster entry (no openid, no second factor). */
export function toStudentProfile(s: StudentRecord): StudentProfile {
  return {
    studentNo: s.studentNo, name: s.name, college: s.college, className: s.className, branch: s.branch,
    grade: s.grade, isLeagueMember: s.isLeagueMember,
  };
}

export function toMember(s: StudentRecord): Member {
  return { ...toStudentProfile(s), bound: s.openid !== null };
}

export function toRoleView(g: RoleGrant): RoleGrantView {
  return { role: g.role, scope: g.scope };
}

/** The roster's columns and the header names each is recognised by. */
export const ROSTER_FIELDS = [
  'studentNo',
  'name',
  'college',
  'className',
  'branch',
  'grade',
  'isLeagueMember',
  'phone',
  'secondFactor',
] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];

export const REQUIRED_FIELDS: readonly RosterField[] = ['studentNo', 'name', 'college', 'className', 'branch', 'grade', 'isLeagueMember'];

/** How a column is named to an admin (template header). */
export const FIELD_LABELS: Record<RosterField, string> = {
  studentNo: '学号',
  name: '姓名',
  college: '学院',
  className: '班级',
  branch: '团支部',
  grade: '年级',
  isLeagueMember: '是否团员',
  phone: '手机号',
  secondFactor: '身份证后六位',
};

/** Header names as exported by the academic system, 智慧团建 and hand-made sheets (compared after headerKey()). */
const SYNONYMS: Record<RosterField, string[]> = {
  studentNo: ['学号', '学生学号', '学生号', '学生编号', 'studentno', 'studentnumber', 'studentid'],
  name: ['姓名', '学生姓名', '名字', 'name'],
  college: ['二级学院', '学院', '所在学院', '所属学院', '学院名称', '院系', '所在院系', '院', 'college'],
  className: ['班级', '班级名称', '所在班级', '所属班级', '行政班', '行政班级', 'class', 'classname'],
  branch: ['团支部', '所在团支部', '所属团支部', '团支部名称', '支部', '支部名称', 'branch', 'leaguebranch'],
  grade: ['年级', '入学年级', '所在年级', 'grade'],
  isLeagueMember: ['是否团员', '是否为团员', '是否共青团员', '团员', 'isleaguemember', 'leaguemember'],
  phone: ['手机号', '手机号码', '手机', '联系电话', '电话', '联系方式', 'phone', 'mobile'],
  secondFactor: ['身份证后六位', '身份证号后六位', '身份证后6位', '身份证号后6位', '证件号后六位', '证件号码后六位', 'idlast6'],
};

/** Lookup by normalised header; a Map, so that a header such as `__proto__` is just an unknown key. */
const BY_KEY = new Map<string, RosterField>();
for (const field of ROSTER_FIELDS) for (const name of SYNONYMS[field]) BY_KEY.set(headerKey(name), field);

/**
 * A header as compared: full-width forms folded (NFKC), notes in brackets dropped (「学号（必填）」), required-field
 * stars, spaces, underscores, hyphens and colons removed, letters lower-cased.
 */
export function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/[([【][^)\]】]*[)\]】]/g, '')
    .replace(/[\s_\-*:：]/g, '')
    .toLowerCase();
}

export function fieldOfHeader(header: string): RosterField | undefined {
  return BY_KEY.get(headerKey(header));
}

/** The names an admin may use for a column, for messages. */
export function synonymsOf(field: RosterField): string[] {
  return SYNONYMS[field].filter((s) => /[\u4e00-\u9fff]/.test(s)).slice(0, 4);
}

/**
 * The in-app 隐私政策: what the mini program collects, why, how long it is kept and who sees it. It says the same as
 * 我的数据 (what is kept after a deletion request) and the guide filled in the WeChat admin console (docs/deploy.md,
 * whose entries come from scripts/privacy-apis.mjs).
 */
export interface PolicyItem {
  what: string;
  why: string;
  kept: string;
  who: string;
}

export const POLICY_ITEMS: readonly PolicyItem[] = [
  {
    what: '学号、姓名、学院、班级、年级、政治面貌',
    why: '确认你是本校学生，判断能否报名（如仅限某学院、仅限团员），生成第二课堂成绩单',
    kept: '学校名单由校团委导入；毕业后按学校档案规定保存',
    who: '你本人；你所在团支部、院团总支的团干部；校团委',
  },
  {
    what: '身份证号后六位',
    why: '绑定学号时核对是你本人',
    kept: '只保存经密钥计算的摘要，无法还原成数字，不会出现在任何页面或导出文件中；随名单保存',
    who: '任何人都看不到原数字',
  },
  {
    what: '微信 openid（微信提供的账号标识）',
    why: '让本微信账号代表你的学号，免去每次登录',
    kept: '解除绑定或校团委处理删除申请后删除',
    who: '仅系统使用，不向任何人展示',
  },
  {
    what: '扫码签到时的位置',
    why: '部分活动要求在现场附近签到，用于确认你在活动地点附近',
    kept: '只在签到那一刻获取一次，不持续定位；与该次签到记录一起保存',
    who: '该活动的组织者、团干部与校团委（核查补签或申诉时）',
  },
  {
    what: '报名、签到、签退记录',
    why: '安排名额和候补，统计出勤，计算学分',
    kept: '第二课堂成绩单的依据，毕业后保存 5 年',
    who: '你本人；活动组织者与团干部；校团委',
  },
  {
    what: '学分账目与申诉',
    why: '第二课堂成绩单，用人单位可凭你分享的验证码核验',
    kept: '毕业后保存 5 年；申请删除后仍保留（成绩单的依据）',
    who: '你本人；团干部与校团委；你分享验证码的对象（仅成绩单摘要）',
  },
  {
    what: '相机与相册（扫码、保存小程序码、选择图片）',
    why: '扫描签到码、活动码和网页登录码；团干部保存活动小程序码；上传活动封面或团队报告图片',
    kept: '扫码内容只用于当次操作，不保存照片；上传的图片随活动或报告保存',
    who: '上传的图片：能看到该活动或报告的人',
  },
  {
    what: '剪贴板（仅写入）',
    why: '复制邀请码、活动码链接等，方便你粘贴发送',
    kept: '不读取你的剪贴板，不保存',
    who: '无',
  },
];

export const POLICY_RIGHTS = [
  '在“我的 → 我的数据”可以导出关于你的全部数据（Excel 文件）。',
  '可以随时解除微信与学号的绑定，也可以申请删除；学分等成绩单依据按上表保留。',
  '拒绝隐私授权后，相关功能（如定位签到、扫码）不可用，其他功能照常使用。',
  '对个人信息有疑问，请联系校团委。',
] as const;

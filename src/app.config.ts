export default defineAppConfig({
  // Main package: the student's pages only. Officer and committee pages are subpackages, loaded on demand.
  pages: ['pages/events/index', 'pages/event/index', 'pages/registrations/index', 'pages/me/index'],
  subPackages: [
    { root: 'packages/officer', pages: ['members/index', 'checkin/index', 'scan/index', 'attendance/index', 'event-code/index', 'appeals/index', 'leave/index'] },
    { root: 'packages/committee', pages: ['home/index', 'roster/index', 'roles/index', 'audit/index', 'credits/index', 'credit-import/index', 'credit-settings/index', 'events/index', 'event-edit/index', 'event-preview/index', 'applications/index', 'dashboard/index', 'teams/index', 'outbox/index', 'invite/index', 'contest/index', 'contest-round/index', 'lecturers/index', 'poster/index', 'data-requests/index'] },
    // 电脑端扫码登录: the H5 page (QR code, polling). On weapp the page is a short note (login/index.weapp.tsx): the
    // mini program is the scanner (我的 → 扫码登录网页), and the QR generator never ships there.
    { root: 'packages/web', pages: ['login/index'] },
    // Student check-in: 签到码 (the rotating member code, signed on the phone) and 扫码签到 (scan the event code). The
    // Ed25519 signer and the QR generator live here, never in the main package.
    { root: 'packages/checkin', pages: ['pass/index', 'scan/index'] },
    // 第二课堂成绩单: my transcript, 生成可验证成绩单 (code + QR), the A4 printable page (H5; a note on weapp) and the
    // public 成绩单验证 page (no login). The QR generator ships here, not in the main package.
    { root: 'packages/transcript', pages: ['index/index', 'share/index', 'print/index', 'verify/index'] },
    // Social-practice teams: 我的团队 (leader and member actions, the report), 创建团队, 凭入队码加入.
    { root: 'packages/teams', pages: ['index/index', 'create/index', 'join/index'] },
    // 抽签核对 (issue 16, no login): the published draw recomputed on the phone; SHA-256 in pure JS ships here only.
    { root: 'packages/lottery', pages: ['verify/index'] },
    // 百生讲坛: the year's rounds, entering (materials uploaded in parts), my results; judges' list and scoring sheet.
    { root: 'packages/contest', pages: ['home/index', 'enter/index', 'judging/index', 'score/index', 'talks/index'] },
    // 我的数据: what is stored about the student, its export, the deletion request, unbinding oneself; 隐私政策.
    { root: 'packages/privacy', pages: ['my-data/index', 'policy/index'] },
    // 活动提醒 (issue 16): the kinds a student follows and the alerts WeChat still allows (one per "allow").
    { root: 'packages/alerts', pages: ['follows/index'] },
  ],
  // 扫码签到 may need the phone's location (events that only accept check-in near the venue).
  permission: {
    'scope.userLocation': { desc: '仅在扫码签到时确认你在活动现场附近' },
  },
  requiredPrivateInfos: ['getLocation'],
  window: {
    navigationBarTitleText: '青年第二课堂',
    navigationBarBackgroundColor: '#d4382c',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f6f3f0',
    backgroundTextStyle: 'light',
    backgroundColorTop: '#d4382c',
  },
  tabBar: {
    color: '#6b655f',
    selectedColor: '#d4382c',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      {
        pagePath: 'pages/events/index',
        text: '活动',
        iconPath: 'assets/tabbar/events.png',
        selectedIconPath: 'assets/tabbar/events-active.png',
      },
      {
        pagePath: 'pages/registrations/index',
        text: '我的活动',
        iconPath: 'assets/tabbar/registrations.png',
        selectedIconPath: 'assets/tabbar/registrations-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tabbar/me.png',
        selectedIconPath: 'assets/tabbar/me-active.png',
      },
    ],
  },
  lazyCodeLoading: 'requiredComponents',
  // H5: no slide between pages. Taro's router hides the page left behind on a 350 ms timer; going back before it fires
  // (a quick tap on 返回 after opening 扫码签到) showed a blank page, as that timer then hid the page come back to.
  // Without the animation a page is hidden at once and shown at once. (weapp: WeChat animates its own pages.)
  ...(process.env.TARO_ENV === 'h5' ? { animation: false } : {}),
});

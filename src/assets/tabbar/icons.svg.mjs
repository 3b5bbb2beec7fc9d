// Source of the tab bar icons (81×81 PNGs, WeChat's recommended size). Regenerate with:
//   node src/assets/tabbar/render.mjs   (renders these SVGs in headless Chromium; not part of the build)
const stroke = (color) => `fill="none" stroke="${color}" stroke-width="5" stroke-linecap="round" stroke-linejoin="round"`;

export const icons = {
  // 活动: a calendar page with a star
  events: (c) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 81 81">
    <rect x="12" y="17" width="57" height="52" rx="9" ${stroke(c)}/>
    <path d="M12 33h57M27 10v14M54 10v14" ${stroke(c)}/>
    <path d="M40.5 40l3.6 7.3 8 1.2-5.8 5.6 1.4 8-7.2-3.8-7.2 3.8 1.4-8-5.8-5.6 8-1.2z" fill="${c}"/>
  </svg>`,
  // 我的报名: a clipboard with a tick
  registrations: (c) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 81 81">
    <rect x="15" y="14" width="51" height="57" rx="9" ${stroke(c)}/>
    <rect x="29" y="9" width="23" height="11" rx="4" fill="${c}"/>
    <path d="M28 44l9 9 17-18" ${stroke(c)}/>
  </svg>`,
  // 我的: a person
  me: (c) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 81 81">
    <circle cx="40.5" cy="28" r="13" ${stroke(c)}/>
    <path d="M15 70c2-14 12.5-22 25.5-22S64 56 66 70" ${stroke(c)}/>
  </svg>`,
};

export const colors = { normal: '#6b655f', active: '#d4382c' };

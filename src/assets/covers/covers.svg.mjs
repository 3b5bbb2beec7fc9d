// Source of the default event covers: one motif per kind of activity, drawn in white on a transparent ground; the
// card paints the kind's gradient behind it (src/components/EventCover), so one PNG serves every shade. Regenerate
// with `node src/assets/covers/render.mjs` (headless Chromium; not part of the build). 320×200 px: the cover's right
// part at 2× on a 375 px wide phone.
const line = (w = 6, o = 1) => `fill="none" stroke="#fff" stroke-opacity="${o}" stroke-width="${w}" stroke-linecap="round" stroke-linejoin="round"`;
const fill = (o) => `fill="#fff" fill-opacity="${o}"`;

export const covers = {
  // 百生讲坛: a microphone on its stand, sound rising from it, a speech bubble.
  lecture: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 200">
    <circle cx="232" cy="92" r="78" ${fill(0.08)}/>
    <path fill-rule="evenodd" d="M218 46a22 22 0 0 1 22 22v32a22 22 0 0 1-44 0V68a22 22 0 0 1 22-22zM206 72h24v5h-24zM206 86h24v5h-24zM206 100h24v5h-24z" ${fill(0.92)}/>
    <path d="M184 100c0 26 15 40 34 40s34-14 34-40" ${line(7)}/>
    <path d="M218 140v26M196 170h44" ${line(7)}/>
    <path d="M266 58c10 10 10 30 0 40M280 46c17 17 17 47 0 64" ${line(5, 0.7)}/>
    <path d="M96 44h64a14 14 0 0 1 14 14v26a14 14 0 0 1-14 14h-34l-16 14v-14h-14a14 14 0 0 1-14-14V58a14 14 0 0 1 14-14z" ${fill(0.22)}/>
    <path d="M104 64h48M104 78h30" ${line(5, 0.8)}/>
  </svg>`,
  // 志愿服务: a heart held in two open hands, a smaller heart beside it.
  volunteer: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 200">
    <circle cx="226" cy="100" r="80" ${fill(0.08)}/>
    <path d="M226 118c-26-18-44-34-44-54 0-14 11-24 24-24 9 0 16 5 20 12 4-7 11-12 20-12 13 0 24 10 24 24 0 20-18 36-44 54z" ${fill(0.92)}/>
    <path d="M150 118c6 26 34 48 76 48s70-22 76-48" ${line(8)}/>
    <path d="M150 118c-4-8 2-16 10-14M302 118c4-8-2-16-10-14" ${line(7, 0.8)}/>
    <path d="M170 150c-8 8-12 16-12 24M282 150c8 8 12 16 12 24" ${line(7, 0.6)}/>
    <path d="M118 70c-8-6-14-11-14-18 0-5 4-8 8-8 3 0 5 2 6 4 1-2 3-4 6-4 4 0 8 3 8 8 0 7-6 12-14 18z" ${fill(0.45)}/>
    <path d="M96 112l6 6M108 100l8 2M92 96l-2 8" ${line(4, 0.5)}/>
  </svg>`,
  // 社会实践: a flag on a hill, mountains behind, the sun, a path down to the village.
  practice: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 200">
    <circle cx="262" cy="52" r="22" ${fill(0.5)}/>
    <path d="M96 176l64-86 40 50 28-34 70 70z" ${fill(0.22)}/>
    <path d="M150 176l50-64 34 40 22-24 48 48z" ${fill(0.45)}/>
    <path d="M200 112V40" ${line(6)}/>
    <path d="M200 42h44l-10 14 10 14h-44z" ${fill(0.95)}/>
    <path d="M192 176c8-16 24-22 22-40" ${line(5, 0.8)} stroke-dasharray="2 12"/>
    <path d="M104 150h26v26h-26zM100 152l17-14 17 14" ${line(5, 0.8)}/>
  </svg>`,
  // 应急救护: a cross in a ring, a heartbeat running through.
  firstaid: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 200">
    <circle cx="226" cy="98" r="78" ${fill(0.08)}/>
    <path fill-rule="evenodd" d="M226 42a56 56 0 1 1 0 112a56 56 0 1 1 0-112zM212 62v22h-22v28h22v22h28v-22h22v-28h-22v-22z" ${fill(0.92)}/>
    <path d="M84 150h60l12-26 16 50 14-36 10 12h120" ${line(6, 0.85)}/>
    <path d="M96 62l10 0M101 57v10M290 160h10M295 155v10" ${line(4, 0.6)}/>
  </svg>`,
  // 主题教育: a waving flag with a star, an open book beneath.
  theme: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 200">
    <circle cx="226" cy="92" r="80" ${fill(0.08)}/>
    <path d="M176 36v124" ${line(7)}/>
    <path fill-rule="evenodd" d="M176 40c24-12 44 8 68 0s40-8 52-2v64c-12-6-28-6-52 2s-44-12-68 0zM212 54l6 13 14 2-10 10 2 14-12-7-12 7 2-14-10-10 14-2z" ${fill(0.92)}/>
    <path d="M108 150c16-8 34-8 50 0v28c-16-8-34-8-50 0zM158 150c16-8 34-8 50 0v28c-16-8-34-8-50 0z" ${fill(0.45)}/>
    <path d="M96 62l8 0M100 58v8" ${line(4, 0.6)}/>
  </svg>`,
};

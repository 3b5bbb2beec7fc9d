import { create } from 'zustand';
import { SCAN_REFUSAL_LABELS } from '../../../../types/checkin';
import type { ScanResult } from '../../../../types/models';
import { call, codeOf, messageOf } from '../../../services/api';
import { getPhoneLocation } from '../services/location';
import type { PhoneLocation } from '../services/location-types';

/**
 * 扫码签到 (正扫, subpackage packages/checkin): the student scans the event code shown at the venue (a projector, an
 * officer's phone) and checks in or out. The location is asked for only when the server says the event needs it, so
 * most scans are one request and no permission prompt.
 *
 *   idle → sending → done
 *        → sending → (CHECKIN_LOCATION_REQUIRED) locating → sending → done
 */
export type SelfCheckinPhase = 'idle' | 'sending' | 'locating' | 'done';

export type ResultTone = 'ok' | 'already' | 'refused';

/** What the page shows in large type after a scan. */
export interface SelfCheckinOutcome {
  tone: ResultTone;
  /** 签到成功, 已签到, 码已过期, 需要定位… */
  label: string;
  message: string;
  eventId: string | null;
  eventTitle: string | null;
  /** The attendance time on record (ISO), for 签到成功 / 已签到. */
  at: string | null;
  purpose: 'in' | 'out' | null;
  /** The refusal was the location permission: offer the settings (weapp). */
  locationDenied: boolean;
}

interface SelfCheckinState {
  phase: SelfCheckinPhase;
  outcome: SelfCheckinOutcome | null;
  /** Null when ignored: a submission is already in flight. */
  submit: (scanned: string) => Promise<SelfCheckinOutcome | null>;
  reset: () => void;
}

/** What an event code starts with (server/security/event-code.ts); member codes start `Y1.`, web login `ysc-login:`. */
const EVENT_CODE_PREFIX = 'Y1E.';

function refused(label: string, message: string, extra: Partial<SelfCheckinOutcome> = {}): SelfCheckinOutcome {
  return { tone: 'refused', label, message, eventId: null, eventTitle: null, at: null, purpose: null, locationDenied: false, ...extra };
}

/** A scanned text that is clearly not an event code gets a sentence saying what it is instead, with no request. */
function localCheck(text: string): SelfCheckinOutcome | null {
  if (!text) return refused('没有内容', '没有读到签到码，请重新扫码');
  if (text.startsWith(EVENT_CODE_PREFIX)) return null;
  if (text.startsWith('Y1.')) return refused('这是个人签到码', '这是同学的个人签到码，应由团干部扫描；请扫描现场大屏或团干部手机上的活动签到码');
  if (text.startsWith('ysc-login:')) return refused('这是登录二维码', '这是电脑端的登录二维码，请在“我的”中点「扫码登录网页」扫描');
  return refused('无法识别', '这不是青年第二课堂的活动签到码，请扫描现场展示的签到码');
}

function fromResult(result: ScanResult, event: { id: string; title: string }): SelfCheckinOutcome {
  const tone: ResultTone = result.status === 'recorded' ? 'ok' : result.status === 'already' ? 'already' : 'refused';
  return {
    tone,
    label: result.label,
    message: result.message,
    eventId: event.id,
    eventTitle: event.title,
    at: result.at,
    purpose: result.purpose,
    locationDenied: false,
  };
}

let seq = 0;

export const useSelfCheckinStore = create<SelfCheckinState>()((set, get) => {
  async function send(mine: number, code: string, location?: PhoneLocation): Promise<SelfCheckinOutcome> {
    try {
      const { result, event } = await call('selfCheckin', location ? { code, location } : { code });
      return fromResult(result, event);
    } catch (error) {
      const errorCode = codeOf(error);
      if (errorCode === 'CHECKIN_LOCATION_REQUIRED' && !location && mine === seq) {
        set({ phase: 'locating' });
        const found = await getPhoneLocation();
        if (mine !== seq) return refused('已取消', '');
        if (!found.ok) return refused(found.reason === 'denied' ? '需要定位' : '无法定位', found.message, { locationDenied: found.reason === 'denied' });
        set({ phase: 'sending' });
        return send(mine, code, found.location);
      }
      if (errorCode === 'NETWORK') {
        return refused('网络不可用', '扫码签到需要联网。现场没有信号时，请打开活动的「签到码」，由团干部扫码签到');
      }
      if (errorCode === 'CHECKIN_OUT_OF_RANGE') return refused('不在活动现场', messageOf(error));
      const label = (errorCode && SCAN_REFUSAL_LABELS[errorCode]) || '未能签到';
      return refused(label, messageOf(error));
    }
  }

  return {
    phase: 'idle',
    outcome: null,

    async submit(scanned) {
      if (get().phase === 'sending' || get().phase === 'locating') return null;
      const text = scanned.trim();
      const local = localCheck(text);
      if (local) {
        seq++;
        set({ phase: 'done', outcome: local });
        return local;
      }
      const mine = ++seq;
      set({ phase: 'sending', outcome: null });
      const outcome = await send(mine, text);
      if (mine === seq) set({ phase: 'done', outcome });
      return outcome;
    },

    reset() {
      seq++;
      set({ phase: 'idle', outcome: null });
    },
  };
});

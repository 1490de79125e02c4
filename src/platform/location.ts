import Taro from '@tarojs/taro'
import { askPrivacy } from './privacy'

export type PickedPoint = { kind: 'point'; latitude: number; longitude: number; name: string; address: string }

export type LocationResult =
  | { ok: true; point: PickedPoint }
  /** refused: the person did not agree to the privacy guide (WeChat's privacy authorization). */
  | { ok: false; reason: 'cancel' | 'denied' | 'refused' | 'unavailable' }

/** Whether this platform has a map to pick on (WeChat's chooseLocation; H5 has no map key). */
export function canPickOnMap(): boolean {
  return process.env.TARO_ENV !== 'h5'
}

/**
 * Pick a place on the map (WeChat's chooseLocation). When the user refuses location or the privacy
 * guide, or the platform has no map (H5 without a map key), the caller offers a typed address
 * instead. chooseLocation is called only once the privacy guide is agreed to (src/platform/privacy.ts).
 */
export async function pickLocation(): Promise<LocationResult> {
  if (!canPickOnMap()) return { ok: false, reason: 'unavailable' }
  if (!(await askPrivacy('location'))) return { ok: false, reason: 'refused' }
  try {
    const res = await Taro.chooseLocation({})
    if (!res.latitude && !res.longitude) return { ok: false, reason: 'cancel' }
    return { ok: true, point: { kind: 'point', latitude: res.latitude, longitude: res.longitude, name: res.name ?? '', address: res.address ?? '' } }
  } catch (error) {
    const msg = (error as { errMsg?: string })?.errMsg ?? ''
    if (/cancel/i.test(msg)) return { ok: false, reason: 'cancel' }
    // "chooseLocation:fail privacy permission is not authorized": refused in WeChat's own dialog.
    if (/privacy/i.test(msg)) return { ok: false, reason: 'refused' }
    if (/auth|deny|denied|permission/i.test(msg)) return { ok: false, reason: 'denied' }
    return { ok: false, reason: 'unavailable' }
  }
}

/**
 * Call a number: WeChat's dialer in the mini-program. On H5, Taro's makePhoneCall points the app's
 * own page at `tel:` (location.href): the page starts leaving, and where no app takes the call
 * (a desktop browser) the browser holds the tab on its "open this link?" prompt, so no tap reached
 * the page again (the emergency stop could not be closed). The call opens in a new browsing
 * context instead, and the page stays as it was; the number is on the screen to dial by hand.
 */
export function callPhone(phoneNumber: string): void {
  if (process.env.TARO_ENV === 'h5') {
    if (typeof window !== 'undefined') window.open(`tel:${phoneNumber}`, '_blank')
    return
  }
  void Taro.makePhoneCall({ phoneNumber }).catch(() => undefined)
}

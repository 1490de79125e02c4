import Taro from '@tarojs/taro'

export type PickedPoint = { kind: 'point'; latitude: number; longitude: number; name: string; address: string }

export type LocationResult =
  | { ok: true; point: PickedPoint }
  | { ok: false; reason: 'cancel' | 'denied' | 'unavailable' }

/**
 * Pick a place on the map (WeChat's chooseLocation). When the user refuses location, or the
 * platform has no map (H5 without a map key), the caller offers a typed address instead.
 */
export async function pickLocation(): Promise<LocationResult> {
  if (process.env.TARO_ENV === 'h5') return { ok: false, reason: 'unavailable' }
  try {
    const res = await Taro.chooseLocation({})
    if (!res.latitude && !res.longitude) return { ok: false, reason: 'cancel' }
    return { ok: true, point: { kind: 'point', latitude: res.latitude, longitude: res.longitude, name: res.name ?? '', address: res.address ?? '' } }
  } catch (error) {
    const msg = (error as { errMsg?: string })?.errMsg ?? ''
    if (/cancel/i.test(msg)) return { ok: false, reason: 'cancel' }
    if (/auth|deny|denied|privacy|permission/i.test(msg)) return { ok: false, reason: 'denied' }
    return { ok: false, reason: 'unavailable' }
  }
}

export function callPhone(phoneNumber: string): void {
  void Taro.makePhoneCall({ phoneNumber }).catch(() => undefined)
}

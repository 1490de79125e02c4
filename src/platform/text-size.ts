import Taro from '@tarojs/taro'

/** The person's text size setting: px as set, and px of the platform's standard setting. */
export interface TextSizeReading {
  px: number
  standardPx: number
}

/** WeChat's standard 字体大小 (iOS; fontSizeScaleFactor, when given, is relative to the standard). */
const WECHAT_STANDARD_PX = 17
/** A browser's default text size (`medium`) when the person has not changed it. */
const BROWSER_STANDARD_PX = 16
/** Apple's body text at the default Dynamic Type size. */
const APPLE_BODY_PX = 17

/**
 * How large the person's phone shows text, or null when the platform cannot say.
 *
 * - weapp: WeChat's 我 → 设置 → 通用 → 字体大小, from getAppBaseInfo() (fontSizeScaleFactor, else
 *   fontSizeSetting against 17 px), falling back to getSystemInfoSync() on old base libraries.
 * - H5: the browser's default font size. The root element's size says nothing here (Taro's H5 sets
 *   it for rem), so a hidden probe is sized `medium` (the browser's setting) and, where the browser
 *   knows it, `-apple-system-body` (iOS Dynamic Type); the larger ratio is the reading.
 */
export function systemTextSize(): TextSizeReading | null {
  try {
    return process.env.TARO_ENV === 'h5' ? browserTextSize() : wechatTextSize()
  } catch {
    return null
  }
}

interface WechatFontInfo {
  fontSizeSetting?: unknown
  fontSizeScaleFactor?: unknown
}

function wechatTextSize(): TextSizeReading | null {
  const api = Taro as unknown as { getAppBaseInfo?: () => WechatFontInfo; getSystemInfoSync?: () => WechatFontInfo }
  let info: WechatFontInfo | undefined = typeof api.getAppBaseInfo === 'function' ? api.getAppBaseInfo() : undefined
  if (!isPositive(info?.fontSizeSetting) && !isPositive(info?.fontSizeScaleFactor) && typeof api.getSystemInfoSync === 'function') {
    info = api.getSystemInfoSync()
  }
  if (!info) return null
  if (isPositive(info.fontSizeScaleFactor)) return { px: WECHAT_STANDARD_PX * info.fontSizeScaleFactor, standardPx: WECHAT_STANDARD_PX }
  if (isPositive(info.fontSizeSetting)) return { px: info.fontSizeSetting, standardPx: WECHAT_STANDARD_PX }
  return null
}

function browserTextSize(): TextSizeReading | null {
  if (typeof document === 'undefined' || !document.body || typeof getComputedStyle !== 'function') return null
  const probe = document.createElement('div')
  probe.setAttribute('aria-hidden', 'true')
  probe.style.cssText = 'position:absolute;visibility:hidden;pointer-events:none;font-size:medium'
  document.body.appendChild(probe)
  try {
    const medium = parseFloat(getComputedStyle(probe).fontSize)
    let best: TextSizeReading | null = medium > 0 ? { px: medium, standardPx: BROWSER_STANDARD_PX } : null
    probe.style.font = '-apple-system-body'
    if (probe.style.font) {
      const body = parseFloat(getComputedStyle(probe).fontSize)
      if (body > 0 && (!best || body / APPLE_BODY_PX > best.px / best.standardPx)) best = { px: body, standardPx: APPLE_BODY_PX }
    }
    return best
  } finally {
    probe.remove()
  }
}

function isPositive(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0
}

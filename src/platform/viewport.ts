import Taro from '@tarojs/taro'

/** A phone's page height when the platform cannot say (jsdom, a simulator without window info). */
const FALLBACK_HEIGHT = 667

/**
 * The height, in px, of the area a page draws in: on weapp the window below the navigation bar
 * (and above a native tab bar), on H5 the browser's viewport. A virtual list sizes its window of
 * rows from it; a little more than the real area only draws a row or two more.
 */
export function viewportHeight(): number {
  try {
    const height = Taro.getWindowInfo?.().windowHeight
    return typeof height === 'number' && height > 0 ? height : FALLBACK_HEIGHT
  } catch {
    return FALLBACK_HEIGHT
  }
}

/**
 * The text size a person chose for their phone (WeChat's 字体大小, or a browser's default size),
 * and whether it is large enough that the app should start in elder mode (长辈模式).
 */
export interface SystemTextSize {
  /** The size the setting gives body text, in px (WeChat's fontSizeSetting; a browser's `medium`). */
  px: number
  /** What that size is with the setting untouched: WeChat 17 px, a browser 16 px. */
  standardPx: number
}

/**
 * From this much larger than standard the app starts in elder mode: WeChat's first step up
 * (17 → 20 px) and a browser's 大 (16 → 20 px) are 1.18 and 1.25; one px more (18 px) is not.
 */
export const LARGE_TEXT_RATIO = 1.15

/** True when the person reads with large text (an unreadable or missing reading is not large). */
export function isLargeSystemText(size: SystemTextSize | null | undefined): boolean {
  if (!size || !(size.px > 0) || !(size.standardPx > 0)) return false
  return size.px / size.standardPx >= LARGE_TEXT_RATIO
}

/** What the person chose themselves on 我的 (stored), or null if they never have. */
export type ElderChoice = 'on' | 'off' | null

/**
 * The mode the app starts in: a choice the person made always wins; without one, elder mode is on
 * when their phone's text is large (`automatic`: the app turned it on, the person did not).
 */
export function startingElderMode(choice: ElderChoice, system: SystemTextSize | null): { elderMode: boolean; automatic: boolean } {
  if (choice !== null) return { elderMode: choice === 'on', automatic: false }
  const large = isLargeSystemText(system)
  return { elderMode: large, automatic: large }
}

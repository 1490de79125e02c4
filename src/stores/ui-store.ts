import { makeAutoObservable, onBecomeObserved, onBecomeUnobserved } from 'mobx'
import { startingElderMode, type ElderChoice, type SystemTextSize } from '../domain/text-size'
import type { KeyValueStorage } from '../platform/storage'
import { systemTextSize } from '../platform/text-size'

const ELDER_KEY = 'linli.ui.elder'

/** How often relative times on screen ("几秒前", "3分钟前", "还剩5小时") are redrawn. */
export const CLOCK_TICK_MS = 30_000

/** The elder mode the person chose (stored as '1' / '0'), or null when they never chose. */
function storedChoice(storage: KeyValueStorage): ElderChoice {
  const raw = storage.get(ELDER_KEY)
  return raw === '1' ? 'on' : raw === '0' ? 'off' : null
}

/**
 * Preferences of this device: elder mode (large text, large targets), which tab is on screen, and
 * the screen's clock, so relative times move on while a page stays open.
 *
 * Elder mode starts as the person last chose it; until they choose, it follows their phone's text
 * size (on when it is large: see domain/text-size), without storing anything, so a later change of
 * the phone's setting is followed at the next start.
 */
export class UiStore {
  elderMode: boolean
  /** Elder mode is on because the phone's text is large, not because the person turned it on. */
  elderModeAutomatic: boolean
  /** The tab page on screen (its position in app.config.ts's tab bar): the custom tab bar highlights it. */
  activeTab = 0
  /** Bumped every tick while a screen reads `now`; reading `now` depends on it. */
  ticks = 0
  private timer: ReturnType<typeof setInterval> | null = null

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly tickMs: number = CLOCK_TICK_MS,
    /** Read only when the person has not chosen: the phone's text size (null when unknown). */
    systemText: () => SystemTextSize | null = systemTextSize,
  ) {
    const choice = storedChoice(storage)
    const start = startingElderMode(choice, choice === null ? readSafely(systemText) : null)
    this.elderMode = start.elderMode
    this.elderModeAutomatic = start.automatic
    makeAutoObservable<UiStore, 'storage' | 'tickMs' | 'timer'>(this, { storage: false, tickMs: false, timer: false, now: false }, { autoBind: true })
    // The clock runs only while something on screen shows a time: no timer behind closed pages.
    onBecomeObserved(this, 'ticks', () => {
      if (!this.timer) this.timer = setInterval(() => this.tick(), this.tickMs)
    })
    onBecomeUnobserved(this, 'ticks', () => this.stopClock())
  }

  /**
   * The time to show relative times against: always the real time, and a screen (an observer) that
   * reads it is drawn again every tick, so "几秒前" becomes "1分钟前" without a reload.
   */
  get now(): Date {
    void this.ticks
    return new Date()
  }

  tick(): void {
    this.ticks += 1
  }

  private stopClock(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  /** The person's own choice: stored, and from now on it wins over the phone's text size. */
  setElderMode(on: boolean): void {
    this.elderMode = on
    this.elderModeAutomatic = false
    this.storage.set(ELDER_KEY, on ? '1' : '0')
  }

  setActiveTab(index: number): void {
    if (index >= 0) this.activeTab = index
  }
}

function readSafely(read: () => SystemTextSize | null): SystemTextSize | null {
  try {
    return read()
  } catch {
    return null
  }
}

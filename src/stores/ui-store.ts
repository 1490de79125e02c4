import { makeAutoObservable, onBecomeObserved, onBecomeUnobserved } from 'mobx'
import type { KeyValueStorage } from '../platform/storage'

const ELDER_KEY = 'linli.ui.elder'

/** How often relative times on screen ("几秒前", "3分钟前", "还剩5小时") are redrawn. */
export const CLOCK_TICK_MS = 30_000

/**
 * Preferences of this device: elder mode (large text, large targets); and the screen's clock, so
 * relative times move on while a page stays open.
 */
export class UiStore {
  elderMode: boolean
  /** Bumped every tick while a screen reads `now`; reading `now` depends on it. */
  ticks = 0
  private timer: ReturnType<typeof setInterval> | null = null

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly tickMs: number = CLOCK_TICK_MS,
  ) {
    this.elderMode = storage.get(ELDER_KEY) === '1'
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

  setElderMode(on: boolean): void {
    this.elderMode = on
    this.storage.set(ELDER_KEY, on ? '1' : '0')
  }
}

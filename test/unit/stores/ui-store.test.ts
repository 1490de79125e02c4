import { autorun } from 'mobx'
import { memoryStorage } from '../../../src/platform/storage'
import { fromNow } from '../../../src/platform/time'
import { CLOCK_TICK_MS, UiStore } from '../../../src/stores/ui-store'

beforeEach(() => {
  jest.useFakeTimers({ now: new Date('2026-12-01T09:00:00+08:00') })
})
afterEach(() => jest.useRealTimers())

test('a relative time on screen moves on every tick without a reload: 几秒前 → 1分钟前 → 2分钟前', () => {
  const ui = new UiStore(memoryStorage())
  const filedAt = new Date().toISOString()
  const shown: string[] = []
  const stop = autorun(() => shown.push(fromNow(filedAt, ui.now)))
  expect(shown).toEqual(['几秒前'])

  jest.advanceTimersByTime(CLOCK_TICK_MS)
  jest.advanceTimersByTime(CLOCK_TICK_MS)
  expect(shown.at(-1)).toBe('1 分钟前')
  jest.advanceTimersByTime(2 * CLOCK_TICK_MS)
  expect(shown.at(-1)).toBe('2 分钟前')
  // Drawn once a tick, not more.
  expect(shown).toHaveLength(5)
  stop()
})

test('the clock runs only while a screen reads it', () => {
  const ui = new UiStore(memoryStorage(), 1_000)
  expect(jest.getTimerCount()).toBe(0)
  let draws = 0
  const stop = autorun(() => {
    void ui.now
    draws += 1
  })
  expect(jest.getTimerCount()).toBe(1)
  jest.advanceTimersByTime(3_000)
  expect(draws).toBe(4)
  stop()
  expect(jest.getTimerCount()).toBe(0)
  jest.advanceTimersByTime(3_000)
  expect(draws).toBe(4)
})

test('now is the real time even between ticks (a report filed a moment ago is never "几秒后")', () => {
  const ui = new UiStore(memoryStorage())
  const seen: Date[] = []
  const stop = autorun(() => seen.push(ui.now))
  jest.advanceTimersByTime(10_000)
  const filedAt = new Date().toISOString()
  expect(fromNow(filedAt, ui.now)).toBe('几秒前')
  expect(ui.now.getTime()).toBeGreaterThan(seen[0].getTime())
  stop()
})

describe('elder mode follows the phone text size until the person chooses', () => {
  const ELDER_KEY = 'linli.ui.elder'
  const large = () => ({ px: 22, standardPx: 17 })
  const standard = () => ({ px: 17, standardPx: 17 })

  test('large phone text and no stored choice: starts in elder mode, automatically, storing nothing', () => {
    const storage = memoryStorage()
    const ui = new UiStore(storage, CLOCK_TICK_MS, large)
    expect(ui.elderMode).toBe(true)
    expect(ui.elderModeAutomatic).toBe(true)
    expect(storage.keys()).toEqual([])
  })

  test('standard phone text, or no reading: starts in normal mode', () => {
    expect(new UiStore(memoryStorage(), CLOCK_TICK_MS, standard).elderMode).toBe(false)
    expect(new UiStore(memoryStorage(), CLOCK_TICK_MS, () => null).elderMode).toBe(false)
    const failing = new UiStore(memoryStorage(), CLOCK_TICK_MS, () => {
      throw new Error('no getAppBaseInfo')
    })
    expect(failing.elderMode).toBe(false)
  })

  test('a stored choice always wins, and the phone is not even asked', () => {
    const read = jest.fn(large)
    const off = new UiStore(memoryStorage({ [ELDER_KEY]: '0' }), CLOCK_TICK_MS, read)
    expect(off.elderMode).toBe(false)
    expect(off.elderModeAutomatic).toBe(false)
    const on = new UiStore(memoryStorage({ [ELDER_KEY]: '1' }), CLOCK_TICK_MS, standard)
    expect(on.elderMode).toBe(true)
    expect(on.elderModeAutomatic).toBe(false)
    expect(read).not.toHaveBeenCalled()
  })

  test('turning it off by hand is stored, and the next start keeps it off on the same large-text phone', () => {
    const storage = memoryStorage()
    const ui = new UiStore(storage, CLOCK_TICK_MS, large)
    const seen: Array<[boolean, boolean]> = []
    const stop = autorun(() => seen.push([ui.elderMode, ui.elderModeAutomatic]))
    ui.setElderMode(false)
    expect(seen).toEqual([
      [true, true],
      [false, false],
    ])
    expect(storage.get(ELDER_KEY)).toBe('0')
    stop()
    expect(new UiStore(storage, CLOCK_TICK_MS, large).elderMode).toBe(false)
  })

  test('turning it on by hand on a standard phone is the person\u2019s choice, not automatic', () => {
    const ui = new UiStore(memoryStorage(), CLOCK_TICK_MS, standard)
    ui.setElderMode(true)
    expect(ui.elderMode).toBe(true)
    expect(ui.elderModeAutomatic).toBe(false)
  })
})

test('the tab on screen: set by the tab page shown, a page that is no tab leaves it', () => {
  const ui = new UiStore(memoryStorage(), CLOCK_TICK_MS, () => null)
  expect(ui.activeTab).toBe(0)
  ui.setActiveTab(2)
  expect(ui.activeTab).toBe(2)
  ui.setActiveTab(-1)
  expect(ui.activeTab).toBe(2)
})

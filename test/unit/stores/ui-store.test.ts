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

import { deadlineText, formatTime, fromNow } from '../../../src/platform/time'

const now = new Date('2026-11-21T08:00:00.000Z')

describe('times as residents read them (dayjs, zh-cn)', () => {
  it('says how long ago in Chinese', () => {
    expect(fromNow('2026-11-21T05:00:00.000Z', now)).toBe('3 小时前')
    expect(fromNow('2026-11-19T08:00:00.000Z', now)).toBe('2 天前')
  })

  it('formats a time without the year when it is this year, with it otherwise', () => {
    const local = new Date('2026-11-21T06:30:00.000Z')
    const hh = String(local.getHours()).padStart(2, '0')
    expect(formatTime(local.toISOString(), now)).toBe(`11月21日 ${hh}:30`)
    expect(formatTime('2025-03-02T12:00:00.000Z', now)).toMatch(/^2025年3月2日 \d\d:00$/)
  })

  it('tells the time left until a deadline, and how far past it', () => {
    expect(deadlineText('2026-11-21T13:30:00.000Z', now)).toBe('还剩5小时')
    expect(deadlineText('2026-11-24T09:00:00.000Z', now)).toBe('还剩3天')
    expect(deadlineText('2026-11-21T08:20:00.000Z', now)).toBe('还剩不到1小时')
    expect(deadlineText('2026-11-19T06:00:00.000Z', now)).toBe('已超期2天')
  })
})

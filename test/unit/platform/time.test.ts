import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import relativeTime from 'dayjs/plugin/relativeTime'
import { deadlineText, formatTime, fromNow } from '../../../src/platform/time'

dayjs.extend(relativeTime)

const now = new Date('2026-11-21T08:00:00.000Z')

describe('times as residents read them (zh-cn)', () => {
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

  it('says how long ago exactly as dayjs’s relativeTime in zh-cn did, past and future (ADR 39)', () => {
    const base = Date.parse('2026-03-31T10:15:00.000Z')
    const offsets = [0, 5, 44, 45, 89, 90, 150, 44 * 60, 45 * 60, 89 * 60, 90 * 60, 5 * 3600, 21.4 * 3600, 22 * 3600, 35 * 3600, 36 * 3600]
    for (let days = 2; days <= 800; days += days < 60 ? 1 : 7) offsets.push(days * 86400 + 1234)
    for (const start of [base, Date.parse('2026-01-31T23:59:00.000Z'), Date.parse('2024-02-29T00:30:00.000Z')]) {
      const now = new Date(start)
      for (const seconds of offsets) {
        for (const sign of [-1, 1]) {
          const at = new Date(start + sign * seconds * 1000).toISOString()
          expect([at, fromNow(at, now)]).toEqual([at, dayjs(at).locale('zh-cn').from(dayjs(now))])
        }
      }
    }
  })

  it('formats as dayjs did', () => {
    for (const iso of ['2026-01-01T00:00:00.000Z', '2026-12-31T23:59:59.000Z', '2025-06-09T03:04:00.000Z']) {
      const d = dayjs(iso)
      const now = new Date('2026-06-01T00:00:00.000Z')
      const expected = d.year() === now.getFullYear() ? d.format('M月D日 HH:mm') : d.format('YYYY年M月D日 HH:mm')
      expect(formatTime(iso, now)).toBe(expected)
    }
  })
})

import {
  bookingQuotas,
  contributionQuotas,
  messageQuotas,
  noticeQuotas,
  photoQuotas,
  QUOTAS,
  quotaMessage,
  quotaRefusal,
  quotaSpan,
  type Quota,
} from '../../../src/domain/quotas'

// Saturday 2026-11-21 14:37:05.250 in Beijing (06:37 UTC).
const SAT = new Date('2026-11-21T06:37:05.250Z')
const MB = 1024 * 1024

describe('quota windows (Beijing calendar)', () => {
  it('an hour runs from its full hour to the next', () => {
    expect(quotaSpan('hour', SAT)).toEqual({ from: '2026-11-21T06:00:00.000Z', to: '2026-11-21T07:00:00.000Z' })
  })

  it('a day runs from Beijing midnight (16:00 UTC the day before) to the next', () => {
    expect(quotaSpan('day', SAT)).toEqual({ from: '2026-11-20T16:00:00.000Z', to: '2026-11-21T16:00:00.000Z' })
    // 00:30 in Beijing on Sunday is still the evening before in UTC, but already Sunday's day.
    expect(quotaSpan('day', new Date('2026-11-21T16:30:00.000Z'))).toEqual({ from: '2026-11-21T16:00:00.000Z', to: '2026-11-22T16:00:00.000Z' })
  })

  it('a week runs from Monday 00:00 in Beijing to the next Monday', () => {
    expect(quotaSpan('week', SAT)).toEqual({ from: '2026-11-15T16:00:00.000Z', to: '2026-11-22T16:00:00.000Z' })
    // Monday 00:00 in Beijing starts a new week.
    expect(quotaSpan('week', new Date('2026-11-22T16:00:00.000Z')).from).toBe('2026-11-22T16:00:00.000Z')
  })
})

describe('quota refusals', () => {
  const day: Quota = { max: 3, window: 'day', what: '上传的照片', unit: '张' }

  it('lets the max-th through and refuses the one after, until the window ends', () => {
    expect(quotaRefusal([day], [2], SAT)).toBeNull()
    const refusal = quotaRefusal([day], [3], SAT)
    expect(refusal).toEqual({ quota: day, message: '今天上传的照片已达 3 张，请明天再试', retryAfterMs: Date.parse('2026-11-21T16:00:00.000Z') - SAT.getTime() })
    expect(quotaRefusal([day], [7], SAT)?.message).toBe('今天上传的照片已达 3 张，请明天再试')
  })

  it('answers the first quota reached, in the order given', () => {
    const hour: Quota = { max: 2, window: 'hour', what: '发送的留言', unit: '条' }
    const refusal = quotaRefusal([hour, { ...day, what: '发送的留言', unit: '条' }], [5, 3], SAT)
    expect(refusal?.quota).toBe(hour)
    expect(refusal?.message).toBe('本小时发送的留言已达 2 条，请 15:00 以后再试')
    expect(refusal?.retryAfterMs).toBe(Date.parse('2026-11-21T07:00:00.000Z') - SAT.getTime())
  })

  it('words each window and shows bytes in MB', () => {
    expect(quotaMessage({ max: 5, window: 'week', what: '提出的议题', unit: '个' }, SAT)).toBe('本周提出的议题已达 5 个，请下周再试')
    expect(quotaMessage({ max: 300 * MB, window: 'day', what: '上传的照片', unit: 'MB', bytes: true }, SAT)).toBe('今天上传的照片已达 300 MB，请明天再试')
    // The hour before Beijing midnight frees up at 00:00.
    expect(quotaMessage({ max: 1, window: 'hour', what: '发言', unit: '条' }, new Date('2026-11-21T15:59:00.000Z'))).toBe('本小时发言已达 1 条，请 00:00 以后再试')
  })
})

describe('who gets which quotas', () => {
  const resident = { roles: ['resident' as const] }
  const leader = { roles: ['resident' as const, 'building_leader' as const] }
  const gridWorker = { roles: ['grid_worker' as const] }
  const staff = { roles: ['staff' as const] }

  it('photos: anyone acting in a role uploads more than a resident', () => {
    expect(photoQuotas(resident).map((q) => [q.bytes ? `${q.max / MB} MB` : q.max, q.window])).toEqual([
      ['100 MB', 'hour'],
      [100, 'day'],
      ['300 MB', 'day'],
    ])
    for (const who of [leader, gridWorker, staff]) expect(photoQuotas(who)).toBe(QUOTAS.photos.staff)
    QUOTAS.photos.staff.forEach((q, i) => expect(q.max).toBeGreaterThan(QUOTAS.photos.resident[i].max))
  })

  it('messages: handlers answer a community, so they write more per hour and per day', () => {
    expect(messageQuotas(resident).map((q) => [q.max, q.window])).toEqual([
      [30, 'hour'],
      [200, 'day'],
    ])
    expect(messageQuotas(leader)).toBe(QUOTAS.messages.resident)
    expect(messageQuotas(gridWorker)).toBe(QUOTAS.messages.handler)
    expect(messageQuotas(staff)).toBe(QUOTAS.messages.handler)
  })

  it('notices: a building leader has a small cap on urgent and pinned ones, staff a larger one', () => {
    expect(noticeQuotas(leader).prominent.map((q) => [q.max, q.window])).toEqual([
      [3, 'day'],
      [5, 'week'],
    ])
    expect(noticeQuotas(staff).prominent.map((q) => [q.max, q.window])).toEqual([[10, 'day']])
    expect(noticeQuotas(staff).all[0].max).toBeGreaterThan(noticeQuotas(leader).all[0].max)
  })

  it('contributions and bookings: officials and staff have more room', () => {
    expect(contributionQuotas(false)).toBe(QUOTAS.contributions.resident)
    expect(contributionQuotas(true)).toBe(QUOTAS.contributions.official)
    expect(bookingQuotas(resident)).toBe(QUOTAS.bookings.resident)
    expect(bookingQuotas(staff)).toBe(QUOTAS.bookings.staff)
  })
})

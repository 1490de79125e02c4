import type { BookingPause, BookingRules, HouseholdTag, Service } from '../../../types/domain'
import {
  bookingRefusal,
  changeRefusal,
  eligibilityOf,
  HOUSEHOLD_TAGS,
  limitRefusal,
  limitSpan,
  pauseRefusal,
  TAG_LABEL,
  timingRefusal,
  type BookingAsk,
} from '../../../src/domain/booking/rules'

/** Tuesday 1 December 2026, 10:00 in Beijing. */
const NOW = new Date('2026-12-01T02:00:00.000Z')
const MIN = 60_000
const at = (ms: number, from: Date = NOW) => new Date(from.getTime() + ms).toISOString()

const RULES: BookingRules = { minNoticeMinutes: 120, maxDaysAhead: 7, changeCutoffMinutes: 60, householdLimit: { count: 2, period: 'week' } }

describe('eligibilityOf', () => {
  it('labels the tags in Chinese', () => {
    expect(HOUSEHOLD_TAGS).toEqual(['elderly', 'disabled', 'low_income'])
    expect(TAG_LABEL).toEqual({ elderly: '高龄', disabled: '残疾', low_income: '低保' })
  })

  it.each([
    [[], [], true],
    [[], ['elderly'], true],
    [['elderly'], ['elderly'], true],
    [['elderly', 'disabled'], ['disabled'], true],
    [['elderly'], ['low_income', 'elderly'], true],
    [['elderly'], [], false],
    [['elderly'], ['disabled'], false],
    [['disabled', 'low_income'], ['elderly'], false],
  ] as Array<[HouseholdTag[], HouseholdTag[], boolean]>)('a service for %j and a household tagged %j: eligible %p', (eligibility, tags, eligible) => {
    const got = eligibilityOf({ eligibility }, tags)
    expect(got.eligible).toBe(eligible)
    if (eligible) expect(got).toEqual({ eligible: true })
  })

  it('says who the service is for and to register with the community', () => {
    expect(eligibilityOf({ eligibility: ['elderly', 'disabled'] }, [])).toEqual({ eligible: false, reason: '此项服务仅面向高龄、残疾家庭，如符合条件请联系社区登记' })
    expect(eligibilityOf({ eligibility: ['low_income'] }, ['elderly']).reason).toBe('此项服务仅面向低保家庭，如符合条件请联系社区登记')
  })
})

describe('timingRefusal: started and minimum notice', () => {
  it.each([
    ['an hour ago', -60 * MIN],
    ['a millisecond ago', -1],
    ['exactly now', 0],
  ])('a slot that started %s has started', (_, offset) => {
    expect(timingRefusal(RULES, at(offset), NOW)).toBe('该时段已开始，请选择其他时段')
  })

  it.each([
    ['a millisecond from now', 1],
    ['an hour from now', 60 * MIN],
    ['a millisecond short of 2 hours', 120 * MIN - 1],
  ])('a slot starting %s is too soon', (_, offset) => {
    expect(timingRefusal(RULES, at(offset), NOW)).toBe('需至少提前2小时预约，请选择更晚的时段')
  })

  it('a slot exactly the notice ahead may be booked (the notice is “at least”)', () => {
    expect(timingRefusal(RULES, at(120 * MIN), NOW)).toBeNull()
    expect(timingRefusal(RULES, at(121 * MIN), NOW)).toBeNull()
  })

  it.each([
    [30, '需至少提前30分钟预约'],
    [60, '需至少提前1小时预约'],
    [90, '需至少提前1.5小时预约'],
    [180, '需至少提前3小时预约'],
    [1440, '需至少提前1天预约'],
    [2880, '需至少提前2天预约'],
    [2940, '需至少提前49小时预约'],
  ])('a notice of %i minutes reads %s', (minutes, words) => {
    expect(timingRefusal({ minNoticeMinutes: minutes, maxDaysAhead: 30 }, at(minutes * MIN - 1), NOW)).toBe(`${words}，请选择更晚的时段`)
  })

  it('with no notice a slot may be booked until it starts', () => {
    expect(timingRefusal({ minNoticeMinutes: 0, maxDaysAhead: 7 }, at(1), NOW)).toBeNull()
    expect(timingRefusal({ minNoticeMinutes: 0, maxDaysAhead: 7 }, at(0), NOW)).toBe('该时段已开始，请选择其他时段')
  })
})

describe('timingRefusal: days ahead, counted in Beijing days (today is day 0)', () => {
  const rules = { minNoticeMinutes: 0, maxDaysAhead: 7 }

  it('the last Beijing minute of day 7 may be booked; the first of day 8 may not, and says when it opens', () => {
    expect(timingRefusal(rules, '2026-12-08T15:59:00.000Z', NOW)).toBeNull() // Tuesday 8 December 23:59 Beijing
    expect(timingRefusal(rules, '2026-12-08T16:00:00.000Z', NOW)).toBe('最多可提前7天预约，该时段12月2日起可约，请届时再来预约') // 9 December 00:00
  })

  it('at 01:00 Beijing (17:00 UTC the day before) today is already the Beijing date', () => {
    const now = new Date('2026-11-30T17:00:00.000Z') // Tuesday 1 December 01:00 Beijing, still 30 November in UTC
    expect(timingRefusal(rules, '2026-12-08T15:30:00.000Z', now)).toBeNull() // 8 December 23:30 Beijing: day 7
    expect(timingRefusal(rules, '2026-12-08T16:30:00.000Z', now)).toMatch(/^最多可提前7天预约，该时段12月2日起可约/)
  })

  it('at 23:59 Beijing a slot 8 Beijing days on is refused; a minute later, at midnight, it opens', () => {
    const slot = '2026-12-08T01:00:00.000Z' // 8 December 09:00 Beijing
    expect(timingRefusal(rules, slot, new Date('2026-11-30T15:59:00.000Z'))).toBe('最多可提前7天预约，该时段12月1日起可约，请届时再来预约')
    expect(timingRefusal(rules, slot, new Date('2026-11-30T16:00:00.000Z'))).toBeNull()
  })

  it('counts across the year’s end and the leap day', () => {
    expect(timingRefusal(rules, '2027-01-07T01:00:00.000Z', new Date('2026-12-31T01:00:00.000Z'))).toBeNull()
    expect(timingRefusal(rules, '2027-01-08T01:00:00.000Z', new Date('2026-12-31T01:00:00.000Z'))).toBe('最多可提前7天预约，该时段1月1日起可约，请届时再来预约')
    // 24 February 2028 to 3 March is 8 days in a leap year (29 February between)
    expect(timingRefusal(rules, '2028-03-03T01:00:00.000Z', new Date('2028-02-24T01:00:00.000Z'))).toBe('最多可提前7天预约，该时段2月25日起可约，请届时再来预约')
    expect(timingRefusal(rules, '2028-03-03T01:00:00.000Z', new Date('2028-02-24T16:00:00.000Z'))).toBeNull()
    expect(timingRefusal(rules, '2027-03-03T01:00:00.000Z', new Date('2027-02-24T01:00:00.000Z'))).toBeNull() // 7 days in 2027
  })

  it('with 0 days ahead only today’s slots may be booked', () => {
    const today = { minNoticeMinutes: 0, maxDaysAhead: 0 }
    expect(timingRefusal(today, '2026-12-01T15:59:00.000Z', NOW)).toBeNull()
    expect(timingRefusal(today, '2026-12-01T16:00:00.000Z', NOW)).toBe('此项服务只能预约当天的时段，请12月2日当天再来预约')
  })

  it('checks started first, then notice, then the window', () => {
    const tight = { minNoticeMinutes: 60 * 24 * 3, maxDaysAhead: 1 }
    expect(timingRefusal(tight, at(-1), NOW)).toMatch(/^该时段已开始/)
    expect(timingRefusal(tight, at(2 * 1440 * MIN), NOW)).toMatch(/^需至少提前3天预约/)
    expect(timingRefusal(tight, at(4 * 1440 * MIN), NOW)).toMatch(/^最多可提前1天预约/)
  })
})

describe('limitSpan', () => {
  it.each([
    // [period, slot, from, to] — Beijing periods as UTC instants [from, to)
    ['day', '2026-10-04T15:30:00.000Z', '2026-10-03T16:00:00.000Z', '2026-10-04T16:00:00.000Z'], // Sunday 23:30 Beijing
    ['week', '2026-10-04T15:30:00.000Z', '2026-09-27T16:00:00.000Z', '2026-10-04T16:00:00.000Z'], // …is in the week from Monday 28 Sept
    ['week', '2026-10-04T16:30:00.000Z', '2026-10-04T16:00:00.000Z', '2026-10-11T16:00:00.000Z'], // Monday 00:30 Beijing starts the next
    ['week', '2026-12-31T01:00:00.000Z', '2026-12-27T16:00:00.000Z', '2027-01-03T16:00:00.000Z'], // a week across the year's end
    ['month', '2026-10-31T16:30:00.000Z', '2026-10-31T16:00:00.000Z', '2026-11-30T16:00:00.000Z'], // 1 Nov 00:30 Beijing, still Oct in UTC
    ['month', '2026-10-31T15:30:00.000Z', '2026-09-30T16:00:00.000Z', '2026-10-31T16:00:00.000Z'], // 31 Oct 23:30 Beijing
    ['month', '2026-12-31T15:00:00.000Z', '2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
    ['month', '2028-02-29T01:00:00.000Z', '2028-01-31T16:00:00.000Z', '2028-02-29T16:00:00.000Z'],
  ] as const)('a %s limit of a slot at %s counts from %s to %s', (period, slot, from, to) => {
    expect(limitSpan(period, slot)).toEqual({ from, to })
  })
})

describe('limitRefusal', () => {
  it('answers null without a limit, and below it', () => {
    expect(limitRefusal({}, 100)).toBeNull()
    expect(limitRefusal({ householdLimit: { count: 2, period: 'week' } }, 0)).toBeNull()
    expect(limitRefusal({ householdLimit: { count: 2, period: 'week' } }, 1)).toBeNull()
  })

  it.each([
    [{ count: 2, period: 'week' }, 2, '每户每周最多预约2次此项服务，您家已约满，请选择其他周'],
    [{ count: 2, period: 'week' }, 3, '每户每周最多预约2次此项服务，您家已约满，请选择其他周'],
    [{ count: 1, period: 'day' }, 1, '每户每天最多预约1次此项服务，您家已约满，请选择其他日期'],
    [{ count: 4, period: 'month' }, 4, '每户每月最多预约4次此项服务，您家已约满，请选择其他月份'],
  ] as const)('refuses at the limit %j with %i booked', (householdLimit, count, message) => {
    expect(limitRefusal({ householdLimit }, count)).toBe(message)
  })
})

describe('pauseRefusal', () => {
  const pause: BookingPause = {
    until: '2026-12-31T02:00:00.000Z',
    noShows: ['2026-11-10T02:00:00.000Z', '2026-11-20T02:00:00.000Z', '2026-12-01T02:00:00.000Z'],
  }

  it('says how many no-shows, until when (Beijing time) and whom to ask', () => {
    expect(pauseRefusal(pause, NOW)).toBe('您家60天内已有3次预约未到，预约功能暂停至12月31日 10:00，如有疑问请联系社区')
    expect(pauseRefusal(pause, new Date('2026-12-31T01:59:59.999Z'))).not.toBeNull()
  })

  it('answers null with no pause, or once it has ended (at its end exactly too)', () => {
    expect(pauseRefusal(null, NOW)).toBeNull()
    expect(pauseRefusal(undefined, NOW)).toBeNull()
    expect(pauseRefusal(pause, new Date('2026-12-31T02:00:00.000Z'))).toBeNull()
    expect(pauseRefusal(pause, new Date('2027-01-01T00:00:00.000Z'))).toBeNull()
  })
})

describe('bookingRefusal', () => {
  const service: Pick<Service, 'status' | 'eligibility' | 'rules'> = { status: 'published', eligibility: ['elderly'], rules: RULES }
  const ok: BookingAsk = { service, startsAt: at(3 * 60 * MIN), now: NOW, tags: ['elderly'], pause: null, countInPeriod: 1 }
  const paused: BookingPause = { until: at(10 * 1440 * MIN), noShows: [at(-2 * 1440 * MIN), at(-1440 * MIN), at(-60 * MIN)] }

  it('answers null when every rule is met', () => {
    expect(bookingRefusal(ok)).toBeNull()
    expect(bookingRefusal({ ...ok, pause: undefined })).toBeNull()
    expect(bookingRefusal({ ...ok, service: { ...service, eligibility: [] }, tags: [] })).toBeNull()
  })

  it.each(['draft', 'retired'] as const)('a %s service takes no booking', (status) => {
    expect(bookingRefusal({ ...ok, service: { ...service, status } })).toEqual({ code: 'forbidden', message: '此项服务已暂停预约，请选择其他服务或联系社区' })
  })

  it('refuses, in order: not published, not eligible, paused, timing, limit', () => {
    const everything: BookingAsk = { service: { ...service, status: 'retired' }, startsAt: at(-1), now: NOW, tags: [], pause: paused, countInPeriod: 5 }
    expect(bookingRefusal(everything)).toEqual({ code: 'forbidden', message: '此项服务已暂停预约，请选择其他服务或联系社区' })
    const eligibleToo = { ...everything, service }
    expect(bookingRefusal(eligibleToo)).toEqual({ code: 'forbidden', message: '此项服务仅面向高龄家庭，如符合条件请联系社区登记' })
    const notPaused = { ...eligibleToo, tags: ['elderly'] as HouseholdTag[] }
    expect(bookingRefusal(notPaused)).toEqual({ code: 'forbidden', message: '您家60天内已有3次预约未到，预约功能暂停至12月11日 10:00，如有疑问请联系社区' })
    const onTime = { ...notPaused, pause: null }
    expect(bookingRefusal(onTime)).toEqual({ code: 'validation', field: 'startsAt', message: '该时段已开始，请选择其他时段' })
    const laterSlot = { ...onTime, startsAt: at(3 * 60 * MIN) }
    expect(bookingRefusal(laterSlot)).toEqual({ code: 'validation', field: 'startsAt', message: '每户每周最多预约2次此项服务，您家已约满，请选择其他周' })
    expect(bookingRefusal({ ...laterSlot, countInPeriod: 1 })).toBeNull()
  })

  it('a pause that has ended does not refuse', () => {
    expect(bookingRefusal({ ...ok, pause: { ...paused, until: NOW.toISOString() } })).toBeNull()
  })

  it('too far ahead is a validation refusal on startsAt', () => {
    expect(bookingRefusal({ ...ok, startsAt: '2026-12-08T16:00:00.000Z' })).toEqual({
      code: 'validation',
      field: 'startsAt',
      message: '最多可提前7天预约，该时段12月2日起可约，请届时再来预约',
    })
  })
})

describe('changeRefusal', () => {
  it.each([
    ['cancel', '取消'],
    ['reschedule', '改约'],
  ] as const)('%s: allowed until the cut-off, exactly at it too; refused inside it and once started', (change, verb) => {
    expect(changeRefusal(RULES, at(2 * 60 * MIN), NOW, change)).toBeNull()
    expect(changeRefusal(RULES, at(60 * MIN), NOW, change)).toBeNull()
    expect(changeRefusal(RULES, at(60 * MIN - 1), NOW, change)).toBe(`开始前1小时内不能${verb}，如有变化请联系社区`)
    expect(changeRefusal(RULES, at(1), NOW, change)).toBe(`开始前1小时内不能${verb}，如有变化请联系社区`)
    expect(changeRefusal(RULES, at(0), NOW, change)).toBe(`预约已开始，不能${verb}`)
    expect(changeRefusal(RULES, at(-60 * MIN), NOW, change)).toBe(`预约已开始，不能${verb}`)
  })

  it.each([
    [30, '开始前30分钟内不能取消'],
    [120, '开始前2小时内不能取消'],
    [1440, '开始前1天内不能取消'],
  ])('a cut-off of %i minutes reads %s', (minutes, words) => {
    expect(changeRefusal({ changeCutoffMinutes: minutes }, at(minutes * MIN - 1), NOW, 'cancel')).toBe(`${words}，如有变化请联系社区`)
  })

  it('with no cut-off a booking may change until it starts', () => {
    expect(changeRefusal({ changeCutoffMinutes: 0 }, at(1), NOW, 'cancel')).toBeNull()
    expect(changeRefusal({ changeCutoffMinutes: 0 }, at(0), NOW, 'reschedule')).toBe('预约已开始，不能改约')
  })
})

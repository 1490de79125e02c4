import type { BookingRules, OpeningHours } from '../../../types/domain'
import { changeRefusal, timingRefusal } from '../../../src/domain/booking/rules'
import { bookingTime, dayChipName, dayLabel, durationText, groupedCode, openingSummary, rulesInWords, slotRange, spokenDigits, whenLabel, whereText } from '../../../src/domain/booking/when'

const h = (weekdays: number[], start: string, end: string): OpeningHours[] => weekdays.map((weekday) => ({ weekday: weekday as OpeningHours['weekday'], start, end }))

describe('a booking’s times in Beijing, whatever the device’s zone', () => {
  test('dates, times and ranges', () => {
    // 02:00 UTC on 3 December is 10:00 in Beijing, a Thursday.
    expect(whenLabel('2026-12-03T02:00:00.000Z')).toBe('12月3日 周四 10:00')
    expect(slotRange('2026-12-03T02:00:00.000Z', '2026-12-03T02:45:00.000Z')).toBe('10:00–10:45')
    expect(bookingTime({ startsAt: '2026-12-03T02:00:00.000Z', endsAt: '2026-12-03T02:45:00.000Z' })).toBe('12月3日 周四 10:00–10:45')
    // 17:30 UTC on 2 December is already 3 December in Beijing.
    expect(whenLabel('2026-12-02T17:30:00.000Z')).toBe('12月3日 周四 01:30')
    expect(dayLabel('2027-01-01')).toBe('1月1日 周五')
  })

  test('day chips say 今天, 明天, 后天 by the Beijing date', () => {
    const now = new Date('2026-12-01T23:00:00.000Z') // 2 December, 07:00 in Beijing
    expect(dayChipName('2026-12-02', now)).toBe('今天')
    expect(dayChipName('2026-12-03', now)).toBe('明天')
    expect(dayChipName('2026-12-04', now)).toBe('后天')
    expect(dayChipName('2026-12-05', now)).toBe('周六')
  })

  test('a code is read digit by digit and drawn in halves', () => {
    expect(spokenDigits('055007')).toBe('0 5 5 0 0 7')
    expect(groupedCode('055007')).toBe('055 007')
  })
})

describe('a service in plain words', () => {
  test('its rules', () => {
    const rules: BookingRules = { minNoticeMinutes: 120, maxDaysAhead: 14, changeCutoffMinutes: 60, householdLimit: { count: 2, period: 'month' } }
    expect(rulesInWords(rules)).toEqual(['需提前2小时预约', '可预约14天内的时段', '每户每月最多2次', '最晚开始前1小时取消或改约'])
    expect(rulesInWords({ minNoticeMinutes: 1440, maxDaysAhead: 0, changeCutoffMinutes: 30 })).toEqual(['需提前1天预约', '只能预约当天', '最晚开始前30分钟取消或改约'])
    expect(rulesInWords({ minNoticeMinutes: 0, maxDaysAhead: 7, changeCutoffMinutes: 0, householdLimit: { count: 1, period: 'week' } })).toEqual(['随时可约', '可预约7天内的时段', '每户每周最多1次', '开始前都可取消或改约'])
  })

  test('when it is open', () => {
    expect(openingSummary({ hours: h([4], '09:00', '12:00') })).toBe('每周四上午')
    expect(openingSummary({ hours: [...h([2, 5], '09:00', '11:30'), ...h([2, 5], '14:00', '16:30')] })).toBe('周二、周五 上午 下午')
    expect(openingSummary({ hours: h([1, 2, 3, 4, 5, 6, 7], '08:30', '21:00') })).toBe('每天 08:30–21:00')
    expect(openingSummary({ hours: h([1, 2, 3, 4, 5], '14:00', '17:00') })).toBe('工作日 下午')
    expect(openingSummary({ hours: h([6], '19:00', '21:00') })).toBe('每周六晚上')
    expect(openingSummary({ hours: [] })).toBe('开放时间另行通知')
  })

  test('where', () => {
    expect(whereText({ kind: 'home' })).toBe('上门服务（工作人员到您家）')
    expect(whereText({ kind: 'address', address: '社区党群服务中心二楼' })).toBe('社区党群服务中心二楼')
  })
})

describe('durationText', () => {
  it.each([
    [30, '30分钟'],
    [45, '45分钟'],
    [60, '1小时'],
    [90, '1.5小时'],
    [120, '2小时'],
    [150, '2.5小时'],
    [1440, '1天'],
    [2940, '49小时'],
  ])('%i minutes read %s', (minutes, words) => expect(durationText(minutes)).toBe(words))

  it('the rules shown and their refusals say a duration the same way', () => {
    const rules = { minNoticeMinutes: 90, maxDaysAhead: 14, changeCutoffMinutes: 90 }
    const now = new Date('2026-11-21T08:00:00.000Z')
    const soon = new Date(now.getTime() + 60 * 60_000).toISOString()
    expect(rulesInWords(rules)[0]).toBe('需提前1.5小时预约')
    expect(timingRefusal(rules, soon, now)).toBe('需至少提前1.5小时预约，请选择更晚的时段')
    expect(changeRefusal(rules, soon, now, 'cancel')).toBe('开始前1.5小时内不能取消，如有变化请联系社区')
  })
})

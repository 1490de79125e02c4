import { execFileSync } from 'child_process'
import { readdirSync, readFileSync } from 'fs'
import { join } from 'path'
import {
  addDays,
  beijingClock,
  beijingDate,
  beijingInstant,
  chinaTime,
  daysBetween,
  isClock,
  isDate,
  minutesOf,
  periodOf,
  startOfBeijingDay,
  weekdayName,
  weekdayOf,
} from '../../../src/domain/beijing-time'

/**
 * Beijing time is UTC+8 all year. Every expectation below is a UTC instant computed by hand
 * (Beijing wall clock − 8 h), so the suite means the same whatever `process.env.TZ` the test
 * process runs under; the modules use no Date local-time API (checked by grep at the end), and one
 * test runs the modules again in child processes under other time zones.
 */

const ROOT = join(__dirname, '../../..')

describe('beijingDate and beijingClock', () => {
  it.each([
    // [instant, Beijing date, Beijing clock]
    ['2026-11-30T15:59:59.999Z', '2026-11-30', '23:59'],
    ['2026-11-30T16:00:00.000Z', '2026-12-01', '00:00'],
    ['2026-12-31T16:00:00.000Z', '2027-01-01', '00:00'], // New Year in Beijing, 16:00 UTC on 31 Dec
    ['2026-12-31T15:59:00.000Z', '2026-12-31', '23:59'],
    ['2028-02-28T16:00:00.000Z', '2028-02-29', '00:00'], // leap day
    ['2028-02-29T16:00:00.000Z', '2028-03-01', '00:00'],
    ['2026-03-08T07:30:00.000Z', '2026-03-08', '15:30'], // the US springs forward this day; Beijing does not
    ['2026-11-01T06:30:00.000Z', '2026-11-01', '14:30'], // the US falls back this day
    ['2026-10-01T01:00:00.000Z', '2026-10-01', '09:00'],
  ])('%s is %s %s in Beijing', (instant, date, clock) => {
    expect(beijingDate(instant)).toBe(date)
    expect(beijingDate(new Date(instant))).toBe(date)
    expect(beijingClock(instant)).toBe(clock)
    expect(beijingClock(new Date(instant))).toBe(clock)
  })

  it('reads an instant written with an offset as the same instant', () => {
    expect(beijingDate('2026-10-01T00:30:00+08:00')).toBe('2026-10-01')
    expect(beijingClock('2026-10-01T00:30:00+08:00')).toBe('00:30')
    expect(beijingDate('2026-09-30T12:30:00-04:00')).toBe('2026-10-01')
    expect(beijingClock('2026-09-30T12:30:00-04:00')).toBe('00:30')
  })
})

describe('beijingInstant and startOfBeijingDay', () => {
  it.each([
    ['2026-10-01', 0, '2026-09-30T16:00:00.000Z'],
    ['2026-10-01', 9 * 60, '2026-10-01T01:00:00.000Z'],
    ['2026-10-01', 8 * 60, '2026-10-01T00:00:00.000Z'],
    ['2026-10-01', 23 * 60 + 59, '2026-10-01T15:59:00.000Z'],
    ['2026-10-01', 24 * 60, '2026-10-01T16:00:00.000Z'], // the next midnight
    ['2027-01-01', 0, '2026-12-31T16:00:00.000Z'],
    ['2028-02-29', 10 * 60 + 30, '2028-02-29T02:30:00.000Z'],
    ['2026-03-08', 2 * 60 + 30, '2026-03-07T18:30:00.000Z'], // no gap: 02:30 exists every day in Beijing
  ])('%s + %i min is %s', (date, minutes, iso) => {
    expect(beijingInstant(date, minutes)).toBe(iso)
  })

  it('starts a Beijing day at 16:00 UTC the day before', () => {
    expect(startOfBeijingDay('2026-12-01')).toBe('2026-11-30T16:00:00.000Z')
    expect(startOfBeijingDay('2026-01-01')).toBe('2025-12-31T16:00:00.000Z')
  })

  it('round-trips with beijingDate and beijingClock', () => {
    for (const date of ['2026-01-01', '2026-06-15', '2026-12-31', '2028-02-29']) {
      for (const minutes of [0, 1, 479, 480, 481, 720, 1439]) {
        const iso = beijingInstant(date, minutes)
        expect(beijingDate(iso)).toBe(date)
        expect(minutesOf(beijingClock(iso))).toBe(minutes)
      }
    }
  })
})

describe('isDate', () => {
  it.each(['2026-10-01', '2028-02-29', '2000-02-29', '2026-12-31', '2026-01-01'])('%s is a date', (d) => expect(isDate(d)).toBe(true))
  it.each([
    '2026-02-29', // not a leap year
    '1900-02-29', // century, not a leap year
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-10-00',
    '2026-1-01',
    '2026-10-1',
    '26-10-01',
    '2026/10/01',
    '2026-10-01T00:00:00Z',
    ' 2026-10-01',
    '',
    20261001,
    null,
    undefined,
    new Date('2026-10-01'),
  ])('%p is not', (d) => expect(isDate(d)).toBe(false))
})

describe('isClock and minutesOf', () => {
  it.each([
    ['00:00', 0],
    ['09:00', 540],
    ['11:30', 690],
    ['12:05', 725],
    ['23:59', 1439],
  ])('%s is %i minutes', (t, m) => {
    expect(isClock(t)).toBe(true)
    expect(minutesOf(t)).toBe(m)
  })
  it.each(['24:00', '9:00', '09:0', '09:60', '25:00', '0900', '09:00:00', ' 09:00', '', 900, null])('%p is not a time of day', (t) =>
    expect(isClock(t)).toBe(false),
  )
})

describe('addDays and daysBetween', () => {
  it.each([
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2028-02-29', 1, '2028-03-01'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2026-01-31', 30, '2026-03-02'],
    ['2026-10-01', 0, '2026-10-01'],
    ['2026-10-01', 90, '2026-12-30'],
    ['2026-03-01', -1, '2026-02-28'],
  ])('%s %+i days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected)
    expect(daysBetween(date, expected)).toBe(days)
  })

  it('counts whole days both ways', () => {
    expect(daysBetween('2026-12-01', '2027-12-01')).toBe(365)
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366)
    expect(daysBetween('2026-12-08', '2026-12-01')).toBe(-7)
  })
})

describe('weekdayOf and weekdayName', () => {
  it.each([
    ['2026-11-30', 1, '周一'],
    ['2026-12-01', 2, '周二'],
    ['2026-12-02', 3, '周三'],
    ['2026-10-01', 4, '周四'], // 国庆节 2026 is a Thursday
    ['2027-01-01', 5, '周五'],
    ['2026-10-03', 6, '周六'],
    ['2026-10-04', 7, '周日'], // Sunday is 7, not 0
    ['2028-02-29', 2, '周二'],
  ])('%s is weekday %i (%s)', (date, weekday, name) => {
    expect(weekdayOf(date)).toBe(weekday)
    expect(weekdayName(date)).toBe(name)
  })
})

describe('periodOf', () => {
  it('a day is itself', () => {
    expect(periodOf('2026-10-04', 'day')).toEqual({ first: '2026-10-04', last: '2026-10-04' })
  })

  it.each([
    // weeks run Monday to Sunday
    ['2026-09-28', '2026-09-28', '2026-10-04'], // Monday
    ['2026-10-01', '2026-09-28', '2026-10-04'], // Thursday
    ['2026-10-04', '2026-09-28', '2026-10-04'], // Sunday belongs to the week that began the Monday before
    ['2026-10-05', '2026-10-05', '2026-10-11'], // the next Monday starts a new week
    ['2026-12-31', '2026-12-28', '2027-01-03'], // across the year's end
    ['2027-01-03', '2026-12-28', '2027-01-03'],
    ['2028-02-29', '2028-02-28', '2028-03-05'], // across the leap day and the month's end
  ])('the week of %s is %s to %s', (date, first, last) => {
    expect(periodOf(date, 'week')).toEqual({ first, last })
  })

  it.each([
    ['2026-10-01', '2026-10-01', '2026-10-31'],
    ['2026-11-30', '2026-11-01', '2026-11-30'],
    ['2026-12-15', '2026-12-01', '2026-12-31'], // December: the next month is in the next year
    ['2026-02-10', '2026-02-01', '2026-02-28'],
    ['2028-02-01', '2028-02-01', '2028-02-29'],
    ['2028-02-29', '2028-02-01', '2028-02-29'],
    ['2027-01-31', '2027-01-01', '2027-01-31'],
  ])('the month of %s is %s to %s', (date, first, last) => {
    expect(periodOf(date, 'month')).toEqual({ first, last })
  })
})

describe('chinaTime', () => {
  it.each([
    ['2026-11-30T12:15:00.000Z', '11月30日 20:15'],
    ['2026-11-30T16:05:00.000Z', '12月1日 00:05'],
    ['2026-12-31T16:00:00.000Z', '1月1日 00:00'],
    ['2028-02-29T01:00:00.000Z', '2月29日 09:00'],
    ['2026-10-01T09:00:00+08:00', '10月1日 09:00'],
  ])('%s reads %s', (iso, text) => expect(chinaTime(iso)).toBe(text))
})

describe('whatever the process time zone', () => {
  const modules = [join(ROOT, 'src/domain/beijing-time.ts'), ...readdirSync(join(ROOT, 'src/domain/booking')).map((f) => join(ROOT, 'src/domain/booking', f))]

  it('the modules use no Date local-time API (getHours, getDate, setHours, toLocale*, getTimezoneOffset, new Date(y, m, d))', () => {
    const local = /\.(get|set)(FullYear|Month|Date|Day|Hours|Minutes|Seconds)\(|toLocale\w*\(|getTimezoneOffset\(|toDateString\(|toTimeString\(|new Date\(\s*\d+\s*,/
    for (const file of modules) {
      const source = readFileSync(file, 'utf8')
      const lines = source.split('\n').filter((line) => local.test(line))
      expect({ file, lines }).toEqual({ file, lines: [] })
      // Every string handed to Date.parse or new Date(`…`) that the modules build themselves ends in Z.
      for (const m of source.matchAll(/`\$\{[^}]+\}(T[^`]*)`/g)) expect(m[1]).toMatch(/Z$/)
    }
  })

  it.each(['America/New_York', 'Asia/Shanghai', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC'])(
    'computes the same instants in a child process under TZ=%s',
    (tz) => {
      const script = `
        import { beijingDate, beijingInstant, periodOf, weekdayOf, chinaTime } from './src/domain/beijing-time'
        import { slotsOfDay, slotAt } from './src/domain/booking/slots'
        import { limitSpan, timingRefusal } from './src/domain/booking/rules'
        const schedule = { hours: [{ weekday: 7, start: '22:30', end: '23:59' }, { weekday: 1, start: '00:00', end: '01:00' }], exceptions: [], durationMinutes: 30, bufferMinutes: 0 }
        console.log(JSON.stringify({
          tzApplied: new Date(0).getTimezoneOffset(),
          date: beijingDate('2026-03-08T16:30:00.000Z'),
          instant: beijingInstant('2026-11-01', 150),
          week: periodOf('2026-10-04', 'week'),
          weekday: weekdayOf('2026-10-04'),
          text: chinaTime('2026-03-08T07:30:00.000Z'),
          sunday: slotsOfDay(schedule, '2026-11-01').slots,
          monday: slotsOfDay(schedule, '2026-11-02').slots,
          at: slotAt(schedule, '2026-11-01T23:00:00+08:00'),
          span: limitSpan('week', '2026-11-01T15:30:00.000Z'),
          far: timingRefusal({ minNoticeMinutes: 0, maxDaysAhead: 1 }, '2026-11-02T16:00:00.000Z', new Date('2026-10-31T16:00:00.000Z')),
        }))
      `
      const out = execFileSync(join(ROOT, 'node_modules/.bin/tsx'), ['-e', script], { cwd: ROOT, env: { ...process.env, TZ: tz }, encoding: 'utf8', timeout: 30_000 })
      const result = JSON.parse(out)
      if (tz === 'America/New_York') expect(result.tzApplied).toBe(300) // the child really ran in another zone (EST on 1 Jan 1970)
      if (tz === 'Asia/Shanghai') expect(result.tzApplied).toBe(-480)
      delete result.tzApplied
      expect(result).toEqual({
        date: '2026-03-09',
        instant: '2026-10-31T18:30:00.000Z',
        week: { first: '2026-09-28', last: '2026-10-04' },
        weekday: 7,
        text: '3月8日 15:30',
        // Sunday 22:30–23:59 Beijing: 22:30 and 23:00; 23:30 would end at 24:00, after 23:59.
        sunday: [
          { startsAt: '2026-11-01T14:30:00.000Z', endsAt: '2026-11-01T15:00:00.000Z' },
          { startsAt: '2026-11-01T15:00:00.000Z', endsAt: '2026-11-01T15:30:00.000Z' },
        ],
        monday: [
          { startsAt: '2026-11-01T16:00:00.000Z', endsAt: '2026-11-01T16:30:00.000Z' },
          { startsAt: '2026-11-01T16:30:00.000Z', endsAt: '2026-11-01T17:00:00.000Z' },
        ],
        at: { startsAt: '2026-11-01T15:00:00.000Z', endsAt: '2026-11-01T15:30:00.000Z' },
        span: { from: '2026-10-25T16:00:00.000Z', to: '2026-11-01T16:00:00.000Z' },
        far: '最多可提前1天预约，该时段11月2日起可约，请届时再来预约',
      })
    },
    40_000,
  )
})

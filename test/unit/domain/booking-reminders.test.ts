import { REMINDER_LEAD_MS, reminderNote, reminderStillDue } from '../../../src/domain/booking/reminders'

/** Thursday 2026-11-26 10:00 in Beijing. */
const START = '2026-11-26T02:00:00.000Z'
const HOUR = 3_600_000
const at = (msBefore: number) => new Date(Date.parse(START) - msBefore)

describe('reminderStillDue', () => {
  it.each([
    ['day', 24 * HOUR, true],
    ['day', HOUR + 1, true],
    ['day', HOUR, false],
    ['day', 0, false],
    ['hour', HOUR, true],
    ['hour', 1, true],
    ['hour', 0, false],
    ['hour', -HOUR, false],
  ] as const)('%s reminder %i ms before the start: %s', (which, before, due) => expect(reminderStillDue(which, START, at(before))).toBe(due))

  it('is due from its lead time: a day and an hour', () => expect(REMINDER_LEAD_MS).toEqual({ day: 24 * HOUR, hour: HOUR }))
})

describe('reminderNote', () => {
  it('says 明天 the day before and 今天 once the day has come (Beijing midnight)', () => {
    expect(reminderNote('day', START, at(24 * HOUR))).toBe('明天10:00请准时到场')
    expect(reminderNote('day', START, at(10 * HOUR + 1))).toBe('明天10:00请准时到场')
    expect(reminderNote('day', START, at(10 * HOUR))).toBe('今天10:00请准时到场')
  })

  it('the hour’s reminder', () => expect(reminderNote('hour', START, at(HOUR))).toBe('1小时后开始，请准时到场'))
})

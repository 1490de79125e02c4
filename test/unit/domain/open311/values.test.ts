import { flag, idOrNull, instantOrNull, itemsOf, listOf, numberOrNull, textOrNull } from '../../../../src/domain/open311/values'

describe('textOrNull', () => {
  test('trims a text', () => expect(textOrNull('  坑  ')).toBe('坑'))
  test('reads "" as null', () => expect(textOrNull('')).toBeNull())
  test('reads blanks as null', () => expect(textOrNull('   ')).toBeNull())
  test('reads absent and null as null', () => {
    expect(textOrNull(undefined)).toBeNull()
    expect(textOrNull(null)).toBeNull()
  })
  test('writes a number as its digits', () => expect(textOrNull(12)).toBe('12'))
  test('refuses objects', () => expect(textOrNull({ a: 1 })).toBeNull())
})

describe('idOrNull', () => {
  test('an integer id is the same as its string', () => expect(idOrNull(1234)).toBe(idOrNull('1234')))
  test('a fractional or unsafe number is no id', () => {
    expect(idOrNull(1.5)).toBeNull()
    expect(idOrNull(2 ** 60)).toBeNull()
  })
  test('"" is no id', () => expect(idOrNull('')).toBeNull())
})

describe('flag', () => {
  test('reads true and "true"', () => expect([flag(true), flag('true'), flag('TRUE'), flag(1)]).toEqual([true, true, true, true]))
  test('reads anything else as false', () => expect([flag(false), flag('false'), flag(''), flag(undefined)]).toEqual([false, false, false, false]))
})

describe('numberOrNull', () => {
  test('reads numbers and numeric texts', () => expect([numberOrNull(31.2), numberOrNull('-121.47')]).toEqual([31.2, -121.47]))
  test('refuses words and ""', () => expect([numberOrNull('abc'), numberOrNull(''), numberOrNull('12abc')]).toEqual([null, null, null]))
})

describe('instantOrNull', () => {
  test('keeps a UTC timestamp, with milliseconds', () => expect(instantOrNull('2026-11-21T08:30:00Z')).toBe('2026-11-21T08:30:00.000Z'))
  test('moves +08:00 to UTC', () => expect(instantOrNull('2026-11-21T16:30:00+08:00')).toBe('2026-11-21T08:30:00.000Z'))
  test('moves -05:00 to UTC across midnight', () => expect(instantOrNull('2026-11-21T22:00:00-05:00')).toBe('2026-11-22T03:00:00.000Z'))
  test('reads offsets without a colon and hours only', () => {
    expect(instantOrNull('2026-11-21T16:30:00+0800')).toBe('2026-11-21T08:30:00.000Z')
    expect(instantOrNull('2026-11-21T16:30:00+08')).toBe('2026-11-21T08:30:00.000Z')
  })
  test('reads a half-hour offset', () => expect(instantOrNull('2026-11-21T14:00:00+05:30')).toBe('2026-11-21T08:30:00.000Z'))
  test('cuts microseconds to milliseconds', () => expect(instantOrNull('2026-11-21T08:30:00.123456Z')).toBe('2026-11-21T08:30:00.123Z'))
  test('pads a one-digit fraction', () => expect(instantOrNull('2026-11-21T08:30:00.5Z')).toBe('2026-11-21T08:30:00.500Z'))
  test('reads a space instead of T and no seconds', () => expect(instantOrNull('2026-11-21 08:30+00:00')).toBe('2026-11-21T08:30:00.000Z'))
  test('reads a timestamp without offset as UTC', () => expect(instantOrNull('2026-11-21T08:30:00')).toBe('2026-11-21T08:30:00.000Z'))
  test('refuses an impossible day', () => expect(instantOrNull('2026-02-30T08:30:00Z')).toBeNull())
  test('refuses text that is no timestamp', () => expect([instantOrNull('yesterday'), instantOrNull('2026-11-21'), instantOrNull('')]).toEqual([null, null, null]))
})

describe('lists', () => {
  test('listOf splits a comma list and drops blanks', () => expect(listOf('路灯, 灯,,')).toEqual(['路灯', '灯']))
  test('listOf takes an array too', () => expect(listOf(['a', ' b ', ''])).toEqual(['a', 'b']))
  test('itemsOf reads a lone object as a list of one', () => expect(itemsOf({ a: 1 })).toEqual([{ a: 1 }]))
  test('itemsOf drops what is not an object', () => expect(itemsOf([{ a: 1 }, 'x', null])).toEqual([{ a: 1 }]))
})

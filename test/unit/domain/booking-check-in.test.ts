import { checkInQrText, CODE_LENGTH, newCheckInCode, parseCheckIn } from '../../../src/domain/booking/check-in'

const sequence = (values: number[]) => {
  let i = 0
  return () => values[i++ % values.length]
}

describe('newCheckInCode', () => {
  it.each([
    [[0], '000000'],
    [[0.999999], '999999'],
    [[1], '999999'], // a random() answering 1 (outside [0, 1)) still gives a digit
    [[0.05, 0.15, 0.25, 0.35, 0.45, 0.55], '012345'],
    [[0.95, 0.0, 0.9, 0.1, 0.5, 0.49], '909154'],
  ])('from random %j is %s', (values, code) => {
    expect(newCheckInCode(sequence(values))).toBe(code)
  })

  it('is always 6 digits, leading zeros kept', () => {
    expect(CODE_LENGTH).toBe(6)
    for (let i = 0; i < 200; i++) expect(newCheckInCode(Math.random)).toMatch(/^\d{6}$/)
  })

  it('draws one random number per digit', () => {
    const random = jest.fn(() => 0.3)
    expect(newCheckInCode(random)).toBe('333333')
    expect(random).toHaveBeenCalledTimes(6)
  })
})

describe('checkInQrText', () => {
  it('is linli:checkin:<bookingId>:<code>', () => {
    expect(checkInQrText('bk-1', '012345')).toBe('linli:checkin:bk-1:012345')
  })

  it.each(['bk-1', 'b_2026-10-08', 'a:b:c', 'x'.repeat(64), '预约1'])('parses back (booking %s)', (id) => {
    expect(parseCheckIn(checkInQrText(id, '654321'))).toEqual({ code: '654321', bookingId: id })
  })
})

describe('parseCheckIn: typed codes', () => {
  it.each([
    ['123456', '123456'],
    ['012345', '012345'],
    ['  123456\n', '123456'],
    ['123 456', '123456'],
    ['1 2 3 4 5 6', '123456'],
    ['12-34-56', '123456'],
    ['123-456', '123456'],
    ['123\t456', '123456'],
    ['123　456', '123456'], // ideographic space
    ['１２３４５６', '123456'], // full-width digits from a Chinese keyboard
    ['１２３－４５６', '123456'],
  ])('%j is the code %s', (text, code) => {
    expect(parseCheckIn(text)).toEqual({ code })
  })

  it.each([
    ['5 digits', '12345'],
    ['7 digits', '1234567'],
    ['8 digits spaced', '12 34 56 78'],
    ['letters', 'abcdef'],
    ['digits and letters', '123456a'],
    ['a plus sign', '+123456'],
    ['a dot', '123.456'],
    ['a minus-looking dash (em dash)', '123—456'],
    ['empty', ''],
    ['blank', '   '],
  ])('refuses %s (%j)', (_, text) => {
    expect(parseCheckIn(text)).toBeNull()
  })

  it.each([123456, null, undefined, {}, ['123456']])('refuses a non-string %p', (value) => {
    expect(parseCheckIn(value)).toBeNull()
  })
})

describe('parseCheckIn: scanned QR text', () => {
  it.each([
    ['linli:checkin:bk-1:123456', { code: '123456', bookingId: 'bk-1' }],
    ['  linli:checkin:bk-1:123456\n', { code: '123456', bookingId: 'bk-1' }],
    ['linli:checkin:a:b:000001', { code: '000001', bookingId: 'a:b' }],
  ])('%j names the booking', (text, expected) => {
    expect(parseCheckIn(text)).toEqual(expected)
  })

  it.each([
    ['no booking', 'linli:checkin::123456'],
    ['no code', 'linli:checkin:bk-1:'],
    ['no separator', 'linli:checkin:bk-1'],
    ['nothing after the prefix', 'linli:checkin:'],
    ['a 5-digit code', 'linli:checkin:bk-1:12345'],
    ['a 7-digit code', 'linli:checkin:bk-1:1234567'],
    ['a spaced code', 'linli:checkin:bk-1:123 456'],
    ['a booking id over 64 characters', `linli:checkin:${'x'.repeat(65)}:123456`],
    ['another app’s QR', 'https://example.com/checkin/123456'],
    ['the prefix in capitals', 'LINLI:CHECKIN:bk-1:123456'],
  ])('refuses %s (%j)', (_, text) => {
    expect(parseCheckIn(text)).toBeNull()
  })
})

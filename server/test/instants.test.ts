import { instantFromPg } from '../db/instants'
import { statementNames } from '../db/postgres'
import { iso } from '../repositories/rows'

describe('instants from PostgreSQL text', () => {
  it('turns a UTC timestamptz into the domain’s instant, padding or truncating the fraction to milliseconds', () => {
    expect(instantFromPg('2026-11-21 08:30:00+00')).toBe('2026-11-21T08:30:00.000Z')
    expect(instantFromPg('2026-11-21 08:30:00.5+00')).toBe('2026-11-21T08:30:00.500Z')
    expect(instantFromPg('2026-11-21 08:30:00.05+00')).toBe('2026-11-21T08:30:00.050Z')
    expect(instantFromPg('2026-11-21 08:30:00.123+00')).toBe('2026-11-21T08:30:00.123Z')
    expect(instantFromPg('2026-11-21 08:30:00.123999+00')).toBe('2026-11-21T08:30:00.123Z')
  })

  it('agrees with Date for every millisecond of a second', () => {
    for (let ms = 0; ms < 1000; ms++) {
      const instant = new Date(Date.UTC(2026, 10, 21, 23, 59, 59, ms)).toISOString()
      // PostgreSQL drops trailing zeros of the fraction and the fraction itself when it is zero.
      const fraction = String(ms).padStart(3, '0').replace(/0+$/, '')
      expect(instantFromPg(`2026-11-21 23:59:59${fraction ? `.${fraction}` : ''}+00`)).toBe(instant)
    }
  })

  it('falls back to Date for other offsets, and leaves what is no instant as it is', () => {
    expect(instantFromPg('2026-11-21 16:30:00.25+08')).toBe('2026-11-21T08:30:00.250Z')
    expect(instantFromPg('2026-11-21 03:00:00+05:30')).toBe('2026-11-20T21:30:00.000Z')
    expect(instantFromPg('infinity')).toBe('infinity')
  })

  it('is what iso() passes through untouched; iso() still converts Dates and other texts', () => {
    expect(iso('2026-11-21T08:30:00.000Z')).toBe('2026-11-21T08:30:00.000Z')
    expect(iso(new Date('2026-11-21T08:30:00.000Z'))).toBe('2026-11-21T08:30:00.000Z')
    expect(iso('2026-11-21T16:30:00+08:00')).toBe('2026-11-21T08:30:00.000Z')
  })
})

describe('statement names', () => {
  it('names each statement text once, and the same text always alike', () => {
    const nameOf = statementNames()
    const a = nameOf('SELECT 1')
    const b = nameOf('SELECT 2')
    expect(a).toBeDefined()
    expect(b).toBeDefined()
    expect(a).not.toBe(b)
    expect(nameOf('SELECT 1')).toBe(a)
  })

  it('stops naming new texts past its bound, and keeps the names it gave', () => {
    const nameOf = statementNames(2)
    const first = nameOf('SELECT 1')
    nameOf('SELECT 2')
    expect(nameOf('SELECT 3')).toBeUndefined()
    expect(nameOf('SELECT 1')).toBe(first)
  })
})

import { dateProblem, instantProblem, INSTANT_YEARS } from '../../../src/domain/instants'

describe('the instants the API takes', () => {
  it('takes ISO instants with their offset, with or without seconds and fractions', () => {
    for (const ok of [
      '2026-11-21T08:30:00.000Z',
      '2026-11-21T08:30:00Z',
      '2026-11-21T08:30Z',
      '2026-11-21T16:30:00.123456+08:00',
      '2026-11-21T03:00:00-05:30',
      '2024-02-29T12:00:00Z',
      new Date().toISOString(),
    ]) {
      expect([ok, instantProblem(ok)]).toEqual([ok, null])
    }
  })

  it('refuses what Date.parse would read anyway: no offset, a bare date or year, other notations, impossible days and times', () => {
    for (const bad of [
      '0',
      '2030',
      '2026-11-21',
      '2026-11-21T08:30:00',
      '2026-11-21 08:30:00Z',
      '2026-11-21t08:30:00z',
      '2026-11-21T08:30:00+0800',
      'Tue Dec 01 2026 10:00:00 GMT+0800',
      'next friday',
      '2026-02-29T00:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-11-21T24:00:00Z',
      '2026-11-21T23:59:60Z',
      '2026-11-21T08:30:00+24:00',
      '',
      5,
      null,
      undefined,
    ]) {
      expect([bad, instantProblem(bad)]).toEqual([bad, 'format'])
    }
  })

  it(`keeps to years ${INSTANT_YEARS.first}–${INSTANT_YEARS.last} (UTC), both inclusive; expanded years are well-formed but out of range`, () => {
    expect(instantProblem('2000-01-01T00:00:00.000Z')).toBeNull()
    expect(instantProblem('2100-12-31T23:59:59.999Z')).toBeNull()
    for (const outside of [
      '1999-12-31T23:59:59.999Z',
      '2000-01-01T07:59:59+08:00',
      '2101-01-01T00:00:00.000Z',
      '2100-12-31T20:00:00-05:00',
      '0001-01-01T00:00:00Z',
      '0099-06-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
      '+010000-01-01T00:00:00Z',
      '-000001-01-01T00:00:00Z',
      '+275761-01-01T00:00:00Z',
    ]) {
      expect([outside, instantProblem(outside)]).toEqual([outside, 'range'])
    }
  })

  it('takes real calendar dates in the same years', () => {
    expect(dateProblem('2026-12-01')).toBeNull()
    expect(dateProblem('2000-02-29')).toBeNull()
    expect(dateProblem('2100-12-31')).toBeNull()
    for (const bad of ['2026-12-1', '2026-02-29', '2100-02-29', '20261201', '2026-12-01T00:00:00Z', 7]) expect([bad, dateProblem(bad)]).toEqual([bad, 'format'])
    for (const outside of ['1999-12-31', '2101-01-01', '9999-01-05', '+010000-01-01']) expect([outside, dateProblem(outside)]).toEqual([outside, 'range'])
  })
})

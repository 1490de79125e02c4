import { lineOrder, promotionNotice, seatsLeft, toPromote, type InLine } from '../../../src/domain/booking/waitlist'

const entry = (id: string, queuedAt: string | undefined, createdAt = '2026-11-01T00:00:00.000Z'): InLine => ({ id, ...(queuedAt ? { queuedAt } : {}), createdAt })

const ids = (line: readonly InLine[]) => line.map((b) => b.id)

describe('lineOrder', () => {
  it('puts the earliest queued first', () => {
    const line = [entry('c', '2026-12-01T02:00:03.000Z'), entry('a', '2026-12-01T02:00:01.000Z'), entry('b', '2026-12-01T02:00:02.000Z')]
    expect(ids(lineOrder(line))).toEqual(['a', 'b', 'c'])
  })

  it('falls back on createdAt when never stamped with queuedAt', () => {
    const line = [entry('x', '2026-12-01T02:00:02.000Z'), entry('y', undefined, '2026-12-01T02:00:01.000Z'), entry('z', undefined, '2026-12-01T02:00:03.000Z')]
    expect(ids(lineOrder(line))).toEqual(['y', 'x', 'z'])
  })

  it('queuedAt wins over an earlier createdAt (booked long ago, waitlisted on reschedule)', () => {
    const line = [entry('old', '2026-12-01T05:00:00.000Z', '2026-10-01T00:00:00.000Z'), entry('new', '2026-12-01T04:00:00.000Z', '2026-12-01T04:00:00.000Z')]
    expect(ids(lineOrder(line))).toEqual(['new', 'old'])
  })

  it('breaks ties on id in code-point order (as COLLATE "C" sorts): upper case before lower, b-10 before b-2', () => {
    const t = '2026-12-01T02:00:00.000Z'
    expect(ids(lineOrder([entry('b-2', t), entry('a', t), entry('b-10', t), entry('B', t)]))).toEqual(['B', 'a', 'b-10', 'b-2'])
  })

  it('compares instants, not strings: the same instant written with +08:00 is a tie', () => {
    const line = [entry('b', '2026-12-01T10:00:00+08:00'), entry('a', '2026-12-01T02:00:00.000Z'), entry('c', '2026-12-01T09:59:59+08:00')]
    expect(ids(lineOrder(line))).toEqual(['c', 'a', 'b'])
  })

  it('keeps the entries as given (generic), without mutating the input', () => {
    const line = [{ ...entry('b', '2026-12-01T02:00:02.000Z'), name: '李' }, { ...entry('a', '2026-12-01T02:00:01.000Z'), name: '王' }]
    const ordered = lineOrder(line)
    expect(ordered.map((b) => b.name)).toEqual(['王', '李'])
    expect(ids(line)).toEqual(['b', 'a'])
    expect(lineOrder([])).toEqual([])
  })
})


describe('toPromote', () => {
  const line = [entry('c', '2026-12-01T02:00:03.000Z'), entry('a', '2026-12-01T02:00:01.000Z'), entry('b', '2026-12-01T02:00:02.000Z')]
  it.each([
    [0, []],
    [-1, []],
    [1, ['a']],
    [2, ['a', 'b']],
    [3, ['a', 'b', 'c']],
    [5, ['a', 'b', 'c']],
  ])('%i freed seats promote %j', (freed, expected) => expect(ids(toPromote(line, freed))).toEqual(expected))
  it('promotes nobody from an empty line', () => expect(toPromote([], 3)).toEqual([]))
})

describe('seatsLeft', () => {
  it.each([
    [10, 0, 10],
    [10, 3, 7],
    [10, 10, 0],
    [5, 7, 0], // capacity lowered under its bookings
    [1, 0, 1],
    [0, 0, 0],
  ])('%i seats with %i held leave %i', (capacity, held, left) => expect(seatsLeft(capacity, held)).toBe(left))
})

describe('promotionNotice', () => {
  it('tells a promoted booking that waits for confirmation so, and a seated one to come', () => {
    expect(promotionNotice('pending')).toBe('候补成功，等待社区确认')
    expect(promotionNotice('confirmed')).toBe('候补成功，请按时到场')
  })

  it('fits a WeChat message phrase (20 characters)', () => {
    for (const status of ['pending', 'confirmed'] as const) expect(promotionNotice(status).length).toBeLessThanOrEqual(20)
  })
})

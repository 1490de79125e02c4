import { maskRoom, residentNameFor, servesResidents } from '../../../src/domain/masking'
import type { Role } from '../../../types/domain'

const as = (id: string, ...roles: Role[]) => ({ id, roles })

describe('what one resident may learn of another', () => {
  it('masks a room to its floor: the door never shows', () => {
    expect(maskRoom('302')).toBe('3**')
    expect(maskRoom('1201')).toBe('12**')
    expect(maskRoom('A-1502')).toBe('A-15**')
    expect(maskRoom(' 101 ')).toBe('1**')
    expect(maskRoom('12')).toBe('**')
    expect(maskRoom('')).toBe('**')
    for (const room of ['101', '302', '1201']) expect(maskRoom(room)).not.toContain(room)
  })

  it('shows a resident’s name in full to themselves and to those who serve residents, masked to other residents and leaders', () => {
    const wang = { id: 'u-wang', name: '王秀兰' }
    expect(residentNameFor(as('u-wang', 'resident'), wang)).toBe('王秀兰')
    expect(residentNameFor(as('u-li', 'resident'), wang)).toBe('王**')
    expect(residentNameFor(as('u-zhou', 'resident', 'building_leader'), wang)).toBe('王**')
    for (const role of ['staff', 'admin', 'grid_worker', 'street_staff'] as Role[]) {
      expect(servesResidents(as('x', role))).toBe(true)
      expect(residentNameFor(as('x', role), wang)).toBe('王秀兰')
    }
    expect(servesResidents(as('x', 'resident', 'building_leader'))).toBe(false)
  })
})

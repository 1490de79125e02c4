import type { Building } from '../../../types/domain'
import { beneficiaryOf, refuseFileOnBehalf, validateOnBehalf } from '../../../src/domain/assisted'
import { isReporter } from '../../../src/domain/permissions'
import { actor, COMMUNITY, makeReport, OTHER_COMMUNITY } from '../support/domain-fixtures'

const BUILDINGS: Building[] = [
  { id: 'b-3', communityId: COMMUNITY, gridId: 'g-2', name: '3号楼', rooms: ['101', '201', '302'] },
  { id: 'b-8', communityId: COMMUNITY, gridId: 'g-3', name: '8号楼', rooms: ['101'] },
  { id: 'b-far', communityId: OTHER_COMMUNITY, gridId: 'g-far', name: '9号楼', rooms: ['101'] },
]
const b = (id: string) => BUILDINGS.find((x) => x.id === id)!

const leader = actor('u-zhou', ['resident', 'building_leader'], { leadsBuildingIds: ['b-3'], home: { buildingId: 'b-3', room: '101' } })

describe('refuseFileOnBehalf: who may file for a household', () => {
  it.each([
    ['a leader, for a building they lead', leader, 'b-3', null],
    ['a leader, for another building', leader, 'b-8', 'forbidden'],
    ['a leader, for a building of another community', actor('u-l', ['building_leader'], { leadsBuildingIds: ['b-far'] }), 'b-far', 'forbidden'],
    ['staff, for any building of the community', actor('u-zhang', ['staff']), 'b-8', null],
    ['staff, for a building of another community', actor('u-zhang', ['staff']), 'b-far', 'forbidden'],
    ['a resident', actor('u-wang', ['resident'], { home: { buildingId: 'b-3', room: '201' } }), 'b-3', 'forbidden'],
    ['a grid worker, even of the building’s grid', actor('u-sun', ['grid_worker'], { gridIds: ['g-2'] }), 'b-3', 'forbidden'],
    ['an admin', actor('u-he', ['admin']), 'b-3', 'forbidden'],
  ] as const)('%s → %s', (_name, who, building, expected) => {
    expect(refuseFileOnBehalf(who, b(building))?.code ?? null).toBe(expected)
  })

  it('says why, in Chinese', () => {
    expect(refuseFileOnBehalf(leader, b('b-8'))?.message).toBe('楼栋长只能为自己负责楼栋的住户代报')
    expect(refuseFileOnBehalf(actor('u-wang', ['resident']), b('b-3'))?.message).toBe('只有楼栋长和社区工作者可以代报')
    expect(refuseFileOnBehalf(actor('u-zhang', ['staff']), b('b-far'))?.message).toBe('只能为本社区的住户代报')
  })
})

describe('validateOnBehalf', () => {
  it('accepts a building and one of its rooms, with or without a name and phone', () => {
    expect(validateOnBehalf({ buildingId: 'b-3', room: '201' }, BUILDINGS)).toEqual({})
    expect(validateOnBehalf({ buildingId: 'b-3', room: '201', name: '王秀兰', phone: '13800000001' }, BUILDINGS)).toEqual({})
    expect(validateOnBehalf({ buildingId: 'b-3', room: '201', phone: '' }, BUILDINGS)).toEqual({})
  })

  it.each([
    ['no household at all', undefined, { onBehalfOf: '请选择为哪一户代报' }],
    ['an unknown building', { buildingId: 'b-99', room: '201' }, { buildingId: '请选择楼栋' }],
    ['no room', { buildingId: 'b-3' }, { room: '请选择3号楼的房号' }],
    ['a room the building does not have', { buildingId: 'b-8', room: '201' }, { room: '请选择8号楼的房号' }],
    ['a name of 21 characters', { buildingId: 'b-3', room: '201', name: '名'.repeat(21) }, { name: '姓名不能超过20个字' }],
    ['a phone of 10 digits', { buildingId: 'b-3', room: '201', phone: '1380000000' }, { phone: '请填写11位手机号' }],
    ['a landline', { buildingId: 'b-3', room: '201', phone: '05108888888' }, { phone: '请填写11位手机号' }],
    ['a phone with spaces', { buildingId: 'b-3', room: '201', phone: '138 0000 0001' }, { phone: '请填写11位手机号' }],
  ] as const)('refuses %s on the field', (_name, input, expected) => {
    expect(validateOnBehalf(input as never, BUILDINGS)).toEqual(expected)
  })

  it('reports a bad phone and a bad room together', () => {
    expect(validateOnBehalf({ buildingId: 'b-3', room: '999', phone: '12' }, BUILDINGS)).toEqual({ room: '请选择3号楼的房号', phone: '请填写11位手机号' })
  })

  it('accepts a name of 20 characters, counted after trimming', () => {
    expect(validateOnBehalf({ buildingId: 'b-3', room: '201', name: `  ${'名'.repeat(20)}  ` }, BUILDINGS)).toEqual({})
  })
})

describe('beneficiaryOf', () => {
  it('keeps the household, a cleaned name and only a masked phone', () => {
    expect(beneficiaryOf({ buildingId: 'b-3', room: '201', name: ' 王秀兰 ', phone: '13800000001' })).toEqual({
      buildingId: 'b-3',
      room: '201',
      name: '王秀兰',
      phoneMasked: '138****0001',
    })
  })

  it('leaves out what was not given (or was blank)', () => {
    expect(beneficiaryOf({ buildingId: 'b-3', room: '201' })).toEqual({ buildingId: 'b-3', room: '201' })
    expect(beneficiaryOf({ buildingId: 'b-3', room: '201', name: '   ', phone: '' })).toEqual({ buildingId: 'b-3', room: '201' })
  })
})

describe('isReporter: the household a report was filed for', () => {
  const filed = makeReport({
    reporterId: 'home:b-3:201',
    reporterName: '住户',
    filedBy: { id: leader.id, name: '周桂芳' },
    beneficiary: { buildingId: 'b-3', room: '201' },
  })

  it('makes anyone living there its reporter, and nobody else', () => {
    expect(isReporter(actor('u-wang', ['resident'], { home: { buildingId: 'b-3', room: '201' } }), filed)).toBe(true)
    expect(isReporter(actor('u-spouse', ['resident'], { home: { buildingId: 'b-3', room: '201' } }), filed)).toBe(true)
    expect(isReporter(actor('u-li', ['resident'], { home: { buildingId: 'b-3', room: '302' } }), filed)).toBe(false)
    expect(isReporter(actor('u-x', ['resident'], { home: { buildingId: 'b-8', room: '201' } }), filed)).toBe(false)
    // The leader who filed it is not its reporter (they read it as its filer).
    expect(isReporter(leader, filed)).toBe(false)
  })

  it('does not reach the same room number in another community', () => {
    expect(isReporter(actor('u-far', ['resident'], { communityId: OTHER_COMMUNITY, home: { buildingId: 'b-3', room: '201' } }), filed)).toBe(false)
  })
})

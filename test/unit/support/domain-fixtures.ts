import type { Report, Role } from '../../../types/domain'
import type { Actor } from '../../../src/domain/actor'

export const COMMUNITY = 'c-home'
export const OTHER_COMMUNITY = 'c-elsewhere'
export const GRID = 'g-home'
export const OTHER_GRID = 'g-other'

export function actor(id: string, roles: Role[], extra: Partial<Actor> = {}): Actor {
  return { id, name: `${id}-name`, roles, communityId: COMMUNITY, gridIds: [], leadsBuildingIds: [], ...extra }
}

/** The cast of the permission tables: every role, in and out of the report's scope. */
export const CAST = {
  reporter: actor('u-reporter', ['resident'], { name: '王秀兰' }),
  resident: actor('u-neighbour', ['resident'], { name: '李明' }),
  building_leader: actor('u-leader', ['resident', 'building_leader'], { leadsBuildingIds: ['b-home'] }),
  grid_worker_here: actor('u-grid-here', ['grid_worker'], { gridIds: [GRID] }),
  grid_worker_elsewhere: actor('u-grid-there', ['grid_worker'], { gridIds: [OTHER_GRID] }),
  staff_here: actor('u-staff-here', ['staff']),
  staff_elsewhere: actor('u-staff-there', ['staff'], { communityId: OTHER_COMMUNITY }),
  admin: actor('u-admin', ['admin']),
} as const

export type CastMember = keyof typeof CAST

export function makeReport(overrides: Partial<Report> = {}): Report {
  return {
    id: 'r-1',
    number: 'YY-20261121-0001',
    communityId: COMMUNITY,
    gridId: GRID,
    buildingId: 'b-home',
    categoryId: 'cat-light',
    categoryName: '路灯故障',
    description: '3号楼东侧路灯坏了一个星期',
    photos: [],
    location: { kind: 'text', address: '3号楼东侧小路' },
    anonymous: false,
    reporterId: CAST.reporter.id,
    reporterName: CAST.reporter.name,
    status: 'submitted',
    createdAt: '2026-11-20T08:00:00.000Z',
    updatedAt: '2026-11-20T08:00:00.000Z',
    deadlineAt: '2026-11-22T08:00:00.000Z',
    escalated: false,
    reopenCount: 0,
    meTooCount: 0,
    version: 1,
    ...overrides,
  }
}

import type { Id, Role, User } from '../../types/domain'

/** Who is acting, with the scope the rules need. Built from the signed-in user by every adapter. */
export interface Actor {
  id: Id
  name: string
  roles: readonly Role[]
  communityId: Id
  gridIds: readonly Id[]
  leadsBuildingIds: readonly Id[]
  /** Where the person lives, if a resident: decides which building broadcasts reach them. */
  home?: { buildingId: Id; room: string }
}

export function actorOf(user: User): Actor {
  return {
    id: user.id,
    name: user.name,
    roles: user.roles,
    communityId: user.communityId,
    gridIds: user.gridIds,
    leadsBuildingIds: user.leadsBuildingIds,
    home: user.home,
  }
}

export function hasRole(actor: Pick<Actor, 'roles'>, role: Role): boolean {
  return actor.roles.includes(role)
}

export function isHandler(actor: Pick<Actor, 'roles'>): boolean {
  return hasRole(actor, 'staff') || hasRole(actor, 'grid_worker')
}

/** The role shown on a timeline entry: the most senior role the actor used. */
export function displayRole(actor: Pick<Actor, 'roles'>): Role {
  const order: Role[] = ['staff', 'grid_worker', 'building_leader', 'admin', 'resident']
  return order.find((r) => actor.roles.includes(r)) ?? 'resident'
}

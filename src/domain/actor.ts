import type { Id, Role, User } from '../../types/domain'

/** Who is acting, with the scope the rules need. Built from the signed-in user by every adapter. */
export interface Actor {
  id: Id
  name: string
  roles: readonly Role[]
  /** Null: not in a community yet (a new person, a street officer) — no community's object is theirs. */
  communityId: Id | null
  /** street_staff: the street they serve. */
  streetId?: Id
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
    ...(user.streetId ? { streetId: user.streetId } : {}),
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
  const order: Role[] = ['staff', 'grid_worker', 'building_leader', 'admin', 'street_staff', 'resident']
  return order.find((r) => actor.roles.includes(r)) ?? 'resident'
}

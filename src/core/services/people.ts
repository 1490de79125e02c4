import type { Id, Member, Role } from '../../../types/domain'
import { canManagePeople, refuseRevoke } from '../../domain/membership'
import type { Caller, Runtime } from '../context'
import { forbidden, notFound, requireCommunity, thrown } from '../errors'
import type { Store } from '../ports'
import { recordAudit } from './audit'

/**
 * People's roles (人员与角色): who serves the community as staff, grid worker, building leader or
 * admin, and taking a role away — at once: the person's next request is refused what the role gave.
 */
export class PeopleService {
  constructor(
    private readonly store: Store,
    private readonly forget: (userId: Id) => void,
    /** Ids and time for the audit record of a role change (issue 13). */
    private readonly rt: Runtime,
  ) {}

  async list(caller: Caller): Promise<Member[]> {
    const communityId = requireCommunity(caller.actor)
    if (!canManagePeople(caller.actor)) throw forbidden('只有社区管理员和社区工作者可以管理人员')
    return this.store.users.listMembers(communityId)
  }

  async revokeRole(caller: Caller, userId: Id, role: Role): Promise<Member[]> {
    const { actor } = caller
    const communityId = requireCommunity(actor)
    if (!canManagePeople(actor)) throw forbidden('只有社区管理员和社区工作者可以管理人员')
    await this.store.transaction(async (tx) => {
      const target = typeof userId === 'string' ? await tx.users.find(userId) : null
      if (!target || target.communityId !== communityId) throw notFound('此人不在本社区')
      const refusal = refuseRevoke(actor, target, role)
      if (refusal) throw thrown(refusal)
      await tx.users.revokeRole(target.id, role)
      await recordAudit(tx, this.rt, actor, communityId, { action: 'role.revoke', subject: { kind: 'user', id: target.id }, concerns: target.id, details: { role } })
    })
    this.forget(userId)
    return this.store.users.listMembers(communityId)
  }
}

import type { PageQuery } from '../../../types/api'
import type { ClaimStatus, Household, HouseholdClaim, Id, Page } from '../../../types/domain'
import type { Actor } from '../../domain/actor'
import { hasRole } from '../../domain/actor'
import { canReviewClaim, normalizePhone, refuseClaim, refuseDecision, refuseReason, reviewsClaims, type ClaimDraft } from '../../domain/membership'
import { encodeCursor } from '../../domain/report-views'
import { cleanText, maskPhone } from '../../domain/text'
import type { Caller, Runtime } from '../context'
import { conflict, forbidden, notFound, requireCommunity, thrown, validationError } from '../errors'
import { pageLimit, parseKeyset } from '../paging'
import type { ClaimRecord, Home, Repositories, Store } from '../ports'

export interface MyHome {
  /** The verified household, with its members. */
  household?: Household
  /** My claims, newest first. */
  claims: HouseholdClaim[]
}

export interface ClaimQuery extends PageQuery {
  status?: ClaimStatus
}

/** What a claim shows its reviewer and its claimant: the phone masked. */
export function claimView(c: ClaimRecord): HouseholdClaim {
  return {
    id: c.id,
    communityId: c.communityId,
    userId: c.userId,
    buildingId: c.buildingId,
    buildingName: c.buildingName,
    room: c.room,
    name: c.name,
    phoneMasked: maskPhone(c.phone),
    status: c.status,
    ...(c.reason ? { reason: c.reason } : {}),
    createdAt: c.createdAt,
    ...(c.decidedAt ? { decidedAt: c.decidedAt } : {}),
    ...(c.decidedByName ? { decidedByName: c.decidedByName } : {}),
  }
}

/** A household with its members, read in one unit. */
export async function householdOf(repos: Repositories, communityId: Id, home: Home): Promise<Household | undefined> {
  const [building, members] = await Promise.all([repos.directory.findBuilding(home.buildingId), repos.users.listHousehold(communityId, home)])
  if (!building || building.communityId !== communityId) return undefined
  return { communityId, buildingId: home.buildingId, buildingName: building.name, room: home.room, members }
}

/**
 * Households (户): a person claims the room they live in, staff or the building's leader approve
 * or reject it with a reason, and the person becomes a verified member (家庭成员) — the household's
 * representative (户代表) when it has none. Members leave (moving out) or are removed by staff.
 * Every change of a person's household is told to `forget` (the session cache re-reads them).
 */
export class HouseholdService {
  constructor(
    private readonly store: Store,
    private readonly rt: Runtime,
    private readonly forget: (userId: Id) => void,
  ) {}

  async mine(caller: Caller): Promise<MyHome> {
    const { actor } = caller
    const [claims, household] = await Promise.all([
      this.store.claims.listForUser(actor.id),
      actor.home && actor.communityId ? householdOf(this.store, actor.communityId, actor.home) : Promise.resolve(undefined),
    ])
    return { ...(household ? { household } : {}), claims: claims.map(claimView) }
  }

  /** Ask to be a verified member of a household of my community. */
  async claim(caller: Caller, draft: ClaimDraft): Promise<HouseholdClaim> {
    const { actor } = caller
    const communityId = requireCommunity(actor)
    if (actor.home) throw validationError({ form: '您已是认证住户；搬家请先在“我的家庭”中退出原住户' })
    const buildings = await this.store.directory.listBuildings(communityId)
    const refusal = refuseClaim(draft, buildings)
    if (refusal) throw thrown(refusal)
    const building = buildings.find((b) => b.id === draft.buildingId)!
    const record: Omit<ClaimRecord, 'buildingName'> = {
      id: this.rt.newId('hc'),
      communityId,
      userId: actor.id,
      buildingId: building.id,
      room: draft.room.trim(),
      name: cleanText(draft.name),
      phone: normalizePhone(draft.phone),
      status: 'pending',
      createdAt: this.rt.now().toISOString(),
    }
    if (!(await this.store.claims.insert(record))) throw conflict('您已有一条住户认证申请在审核中，请等待审核或先撤回')
    return claimView({ ...record, buildingName: building.name })
  }

  /** Take back my claim while it waits. */
  async withdraw(caller: Caller, claimId: Id): Promise<HouseholdClaim> {
    return this.store.transaction(async (tx) => {
      const claim = typeof claimId === 'string' ? await tx.claims.findForUpdate(claimId) : null
      if (!claim || claim.userId !== caller.actor.id) throw notFound('申请不存在')
      const why = refuseDecision(claim.status)
      if (why) throw conflict(claim.status === 'withdrawn' ? '这条申请已经撤回了' : '这条申请已经审核过了，不能撤回')
      const at = this.rt.now().toISOString()
      await tx.claims.decide(claim.id, { status: 'withdrawn', at })
      return claimView({ ...claim, status: 'withdrawn', decidedAt: at })
    })
  }

  /** Claims waiting for me (staff: the community; a building leader: the buildings they lead), oldest first. */
  async listClaims(caller: Caller, query: ClaimQuery = {}): Promise<Page<HouseholdClaim>> {
    const { actor } = caller
    const communityId = requireCommunity(actor)
    if (!reviewsClaims(actor)) throw forbidden('只有社区工作者和楼栋长可以审核住户认证')
    const status = query.status ?? 'pending'
    if (!CLAIM_STATUSES.includes(status)) throw validationError({ status: '状态不正确' })
    const limit = pageLimit(query)
    const rows = await this.store.claims.listForReview(
      { communityId, buildingIds: hasRole(actor, 'staff') ? 'all' : actor.leadsBuildingIds, status },
      parseKeyset(query.cursor),
      limit + 1,
    )
    const items = rows.slice(0, limit)
    const last = items[items.length - 1]
    return { items: items.map(claimView), ...(rows.length > limit && last ? { nextCursor: encodeCursor({ createdAt: last.createdAt, id: last.id }) } : {}) }
  }

  async approve(caller: Caller, claimId: Id): Promise<HouseholdClaim> {
    const changed = await this.store.transaction(async (tx) => {
      const claim = await this.reviewable(tx, caller.actor, claimId)
      const claimant = await tx.users.find(claim.userId)
      if (!claimant || claimant.communityId !== claim.communityId) throw conflict('申请人已不在本社区，不能通过')
      if (claimant.home) throw conflict('申请人已是认证住户')
      const building = await tx.directory.findBuilding(claim.buildingId)
      if (!building || !building.rooms.includes(claim.room)) throw conflict('这个房号已不在楼栋列表中，请驳回并说明')
      const at = this.rt.now().toISOString()
      const home = { buildingId: claim.buildingId, room: claim.room }
      // Two approvals into one empty room: the second waits, then finds the first its representative.
      await tx.users.lockHousehold(claim.communityId, home)
      await tx.users.setHome(claimant.id, home, at, { name: claim.name, phone: claim.phone })
      const members = await tx.users.listHousehold(claim.communityId, home)
      if (!members.some((m) => m.representative)) await tx.users.setRepresentative(claim.communityId, home, claimant.id)
      await tx.claims.decide(claim.id, { status: 'approved', at, byId: caller.actor.id, byName: caller.actor.name })
      return { ...claim, status: 'approved' as const, decidedAt: at, decidedById: caller.actor.id, decidedByName: caller.actor.name }
    })
    this.forget(changed.userId)
    return claimView(changed)
  }

  async reject(caller: Caller, claimId: Id, reason: string): Promise<HouseholdClaim> {
    const refusal = refuseReason(reason)
    if (refusal) throw thrown(refusal)
    return this.store.transaction(async (tx) => {
      const claim = await this.reviewable(tx, caller.actor, claimId)
      const at = this.rt.now().toISOString()
      const text = cleanText(reason)
      await tx.claims.decide(claim.id, { status: 'rejected', reason: text, at, byId: caller.actor.id, byName: caller.actor.name })
      return claimView({ ...claim, status: 'rejected', reason: text, decidedAt: at, decidedById: caller.actor.id, decidedByName: caller.actor.name })
    })
  }

  /** Move out: I am no longer a member of my household. */
  async leave(caller: Caller): Promise<MyHome> {
    const { actor } = caller
    const communityId = requireCommunity(actor)
    if (!actor.home) throw validationError({ form: '您还不是认证住户' })
    await this.store.transaction((tx) => this.takeOut(tx, communityId, actor.id, actor.home!, 'left', undefined, caller))
    this.forget(actor.id)
    return { claims: (await this.store.claims.listForUser(actor.id)).map(claimView) }
  }

  /** Staff (or the building's leader) take a member out of a household, with a reason they will see. */
  async removeMember(caller: Caller, userId: Id, reason: string): Promise<Household | null> {
    const { actor } = caller
    const communityId = requireCommunity(actor)
    const refusal = refuseReason(reason)
    if (refusal) throw thrown(refusal)
    const home = await this.store.transaction(async (tx) => {
      const member = typeof userId === 'string' ? await tx.users.find(userId) : null
      if (!member || member.communityId !== communityId || !member.home) throw notFound('此人不是本社区的认证住户')
      if (!canReviewClaim(actor, { communityId, buildingId: member.home.buildingId })) throw forbidden('只有社区工作者或该楼栋的楼栋长可以移除住户成员')
      await this.takeOut(tx, communityId, member.id, member.home, 'removed', cleanText(reason), caller)
      return member.home
    })
    this.forget(userId)
    const after = await householdOf(this.store, communityId, home)
    return after && after.members.length > 0 ? after : null
  }

  /** Choose the household's representative (户代表): a member of it, or staff for any household. */
  async setRepresentative(caller: Caller, userId: Id): Promise<Household> {
    const { actor } = caller
    const communityId = requireCommunity(actor)
    return this.store.transaction(async (tx) => {
      const member = typeof userId === 'string' ? await tx.users.find(userId) : null
      if (!member || member.communityId !== communityId || !member.home) throw notFound('此人不是本社区的认证住户')
      const sameHome = actor.home && actor.home.buildingId === member.home.buildingId && actor.home.room === member.home.room
      if (!sameHome && !canReviewClaim(actor, { communityId, buildingId: member.home.buildingId })) throw forbidden('只有本户成员或社区工作者可以指定户代表')
      await tx.users.setRepresentative(communityId, member.home, member.id)
      return (await householdOf(tx, communityId, member.home))!
    })
  }

  /** A pending claim the actor may decide; another community's is not found, another building's forbidden. */
  private async reviewable(tx: Repositories, actor: Actor, claimId: Id): Promise<ClaimRecord> {
    const claim = typeof claimId === 'string' ? await tx.claims.findForUpdate(claimId) : null
    if (!claim || claim.communityId !== actor.communityId) throw notFound('申请不存在')
    if (!canReviewClaim(actor, claim)) throw forbidden('只有社区工作者或该楼栋的楼栋长可以审核')
    const why = refuseDecision(claim.status)
    if (why) throw conflict(why)
    return claim
  }

  /** Take a member out of their household; the representative's place passes to the member who joined first. */
  private async takeOut(tx: Repositories, communityId: Id, userId: Id, home: Home, status: 'left' | 'removed', reason: string | undefined, caller: Caller): Promise<void> {
    const at = this.rt.now().toISOString()
    const before = await tx.users.listHousehold(communityId, home)
    const wasRepresentative = before.some((m) => m.userId === userId && m.representative)
    await tx.users.setHome(userId, null, at)
    if (wasRepresentative) {
      const next = before.find((m) => m.userId !== userId)
      await tx.users.setRepresentative(communityId, home, next ? next.userId : null)
    }
    const claims = await tx.claims.listForUser(userId)
    const current = claims.find((c) => c.status === 'approved' && c.buildingId === home.buildingId && c.room === home.room)
    if (current) {
      await tx.claims.decide(current.id, {
        status,
        at,
        ...(reason ? { reason } : {}),
        ...(status === 'removed' ? { byId: caller.actor.id, byName: caller.actor.name } : {}),
      })
    }
  }
}

const CLAIM_STATUSES: readonly ClaimStatus[] = ['pending', 'approved', 'rejected', 'withdrawn', 'left', 'removed']

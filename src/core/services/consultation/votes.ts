import type { PageQuery, PaperBallotInput, VoteInput } from '../../../../types/api'
import type { Id, Page, Vote, VoteRoll } from '../../../../types/domain'
import { hasRole, type Actor } from '../../../domain/actor'
import { currentDraft } from '../../../domain/consultation/conventions'
import { householdsOf, type HouseholdKey } from '../../../domain/consultation/households'
import {
  canSeeResult,
  computeResult,
  inVoteScope,
  refuseBallot,
  refuseOpenVote,
  refusePaperBallot,
  rollRowsFor,
  validateVote,
  voteOptions,
  voteStatus,
} from '../../../domain/consultation/votes'
import { encodeCursor } from '../../../domain/report-views'
import { cleanText } from '../../../domain/text'
import { hasErrors } from '../../../domain/validation'
import type { Caller, Runtime } from '../../context'
import { conflict, forbidden, notFound, requireCommunity, validationError } from '../../errors'
import { pageLimit, parseKeyset } from '../../paging'
import type { BallotReceipt, Repositories, Store, VoteRecord } from '../../ports'
import { chinaTime } from '../../../domain/beijing-time'
import { managedConvention } from './conventions'
import type { ConsultationNotifications } from './notify'
import { recordAudit } from '../audit'
import { createOnce, idOf, refuse } from './shared'
import { residentNameFor, servesResidents } from '../../../domain/masking'
import { maskName } from '../../../domain/text'

export const VOTE_NOT_FOUND = '表决不存在或您无权查看'

/**
 * 民事民决: votes staff open on an agenda item, a convention draft or any matter; the roll (the
 * households with a verified member in scope) fixed when it opens; one ballot per household by
 * phone or on paper; the result from the ballots, published for its 公示 period. Everyone of the
 * community reads a vote; how a household voted is stored apart from its receipt and never shown.
 */
export class VoteService {
  constructor(
    private readonly store: Store,
    private readonly rt: Runtime,
    private readonly notify: ConsultationNotifications,
  ) {}

  async list(caller: Caller, query: PageQuery = {}): Promise<Page<Vote>> {
    const { actor } = caller
    const limit = pageLimit(query)
    const rows = await this.store.votes.list(requireCommunity(actor), parseKeyset(query?.cursor), limit + 1)
    const items = rows.slice(0, limit)
    return { items: await voteViews(this.store, actor, items, this.rt.now()), ...(rows.length > limit ? { nextCursor: encodeCursor(items[items.length - 1]) } : {}) }
  }

  async get(caller: Caller, id: unknown): Promise<Vote> {
    const vote = await visibleVote(this.store, caller.actor, id)
    return (await voteViews(this.store, caller.actor, [vote], this.rt.now()))[0]
  }

  async open(caller: Caller, input: VoteInput, options: { idempotencyKey: unknown }): Promise<Vote> {
    const { actor } = caller
    refuse(refuseOpenVote(actor))
    const communityId = requireCommunity(actor)
    let roll: HouseholdKey[] = []
    const vote = await createOnce(
      this.store,
      this.rt,
      caller,
      { kind: 'vote', key: options?.idempotencyKey, input, idPrefix: 'vt' },
      async (tx, id, at) => {
        const errors = validateVote(input, at)
        const buildings = await tx.directory.listBuildings(communityId)
        if (!errors.scope && input.scope.kind === 'buildings' && input.scope.buildingIds.some((b) => !buildings.some((x) => x.id === b))) {
          errors.scope = '所选楼栋不在本社区，请重新选择'
        }
        if (hasErrors(errors)) throw validationError(errors)
        const scope: VoteRecord['scope'] = input.scope.kind === 'community' ? { kind: 'community' } : { kind: 'buildings', buildingIds: [...new Set(input.scope.buildingIds)] }
        let proposalId: Id | undefined
        let convention: VoteRecord['convention']
        if (input.proposalId !== undefined) {
          const p = idOf(input.proposalId) ? await tx.proposals.findForUpdate(input.proposalId) : null
          if (!p || p.communityId !== communityId) throw validationError({ proposalId: '要表决的议题不存在' })
          if (p.status !== 'agenda') throw forbidden('只有已列入议程、尚未表决的议题才能发起表决')
          proposalId = p.id
        }
        if (input.conventionId !== undefined) {
          if (input.kind !== 'approval') throw validationError({ kind: '公约草案请用“同意、不同意、弃权”表决' })
          const c = await managedConvention(tx, actor, input.conventionId, true)
          const draft = currentDraft(await tx.conventions.listVersions([c.id]))
          if (!draft) throw forbidden('请先写好公约的修订草案，再发起表决')
          if (draft.voteId) throw forbidden('这份草案已在表决中')
          if (c.kind === 'building' && (scope.kind === 'community' || scope.buildingIds.some((b) => !c.buildingIds.includes(b)))) {
            throw validationError({ scope: '微公约的表决范围只能是它适用的楼栋' })
          }
          convention = { id: c.id, version: draft.version }
        }
        const residents = await tx.users.listResidents(communityId)
        roll = householdsOf(residents.filter((r) => inVoteScope(scope, r.home)))
        if (roll.length === 0) throw validationError({ scope: '所选范围内还没有完成认证的住户，无法表决' })
        const record: VoteRecord = {
          id,
          communityId,
          title: cleanText(input.title),
          description: cleanText(input.description),
          kind: input.kind,
          options: voteOptions(input.kind, input.options ?? []),
          scope,
          quorumPercent: input.quorumPercent,
          majority: input.majority,
          publicityDays: input.publicityDays,
          ...(proposalId ? { proposalId } : {}),
          ...(convention ? { convention } : {}),
          opensAt: at.toISOString(),
          closesAt: new Date(Date.parse(input.closesAt)).toISOString(),
          createdAt: at.toISOString(),
          createdById: actor.id,
          createdByName: actor.name,
        }
        return async (w) => {
          await w.votes.insert(record, roll)
          if (proposalId) await w.proposals.update(proposalId, { status: 'voting', voteId: id })
          if (convention) await w.conventions.updateVersion(convention.id, convention.version, { voteId: id })
        }
      },
      async (repos, id) => (await voteViews(repos, actor, [(await repos.votes.find(id))!], this.rt.now()))[0],
    )
    if (roll.length > 0) {
      this.notify.toHouseholds(communityId, roll, { kind: 'vote_opened', subject: { kind: 'vote', id: vote.id, title: vote.title }, at: vote.opensAt, note: `请于${chinaTime(vote.closesAt)}前投票` })
    }
    return vote
  }

  /** My household's ballot: the first counts; the same person again answers the vote as it is. */
  async cast(caller: Caller, id: unknown, optionId: unknown): Promise<Vote> {
    const { actor } = caller
    const now = this.rt.now()
    const vote = await visibleVote(this.store, actor, id)
    const home = actor.home
    const onRoll = home ? await this.store.votes.isOnRoll(vote.id, home) : false
    const existing = home && onRoll ? await this.store.votes.findReceipt(vote.id, home) : null
    if (existing) return this.already(caller, vote, existing)
    refuse(refuseBallot({ status: voteStatus(vote, now), home, onRoll, optionIds: vote.options.map((o) => o.id), optionId }))
    const receipt: BallotReceipt = { voteId: vote.id, buildingId: home!.buildingId, room: home!.room, channel: 'phone', castById: actor.id, castByName: actor.name, at: now.toISOString() }
    if (!(await this.store.votes.cast(receipt, optionId as Id))) return this.already(caller, vote, (await this.store.votes.findReceipt(vote.id, home!))!)
    return this.get(caller, vote.id)
  }

  private async already(caller: Caller, vote: VoteRecord, receipt: BallotReceipt): Promise<Vote> {
    if (receipt.channel === 'phone' && receipt.castById === caller.actor.id) return this.get(caller, vote.id)
    const how = receipt.channel === 'paper' ? `社区已于${chinaTime(receipt.at)}录入您家的纸质选票` : `您家的${receipt.castByName}已于${chinaTime(receipt.at)}投票`
    throw conflict(`${how}，每户只计一票`)
  }

  /** Staff: a paper ballot handed in by a household on the roll, recorded with who entered it and when. */
  async enterPaper(caller: Caller, id: unknown, input: PaperBallotInput): Promise<Vote> {
    const { actor } = caller
    const now = this.rt.now()
    const vote = await visibleVote(this.store, actor, id)
    if (!hasRole(actor, 'staff')) throw forbidden('只有社区工作者可以录入纸质选票')
    const raw: Partial<PaperBallotInput> = input && typeof input === 'object' ? input : {}
    const home = typeof raw.buildingId === 'string' && typeof raw.room === 'string' ? { buildingId: raw.buildingId, room: cleanText(raw.room) } : null
    if (!home) throw validationError({ room: '请选择楼栋并填写房号' })
    const onRoll = await this.store.votes.isOnRoll(vote.id, home)
    refuse(refusePaperBallot(actor, { status: voteStatus(vote, now), onRoll, optionIds: vote.options.map((o) => o.id), optionId: raw.optionId, note: raw.note }))
    const receipt: BallotReceipt = {
      voteId: vote.id,
      ...home,
      channel: 'paper',
      castByName: cleanText(raw.note!),
      enteredById: actor.id,
      enteredByName: actor.name,
      at: now.toISOString(),
    }
    // The ballot and its audit record commit together (never its choice: only the household and who entered it).
    const cast = await this.store.transaction(async (tx) => {
      if (!(await tx.votes.cast(receipt, raw.optionId as Id))) return false
      await recordAudit(tx, this.rt, actor, vote.communityId, {
        action: 'vote.paper_ballot',
        subject: { kind: 'vote', id: vote.id },
        details: { buildingId: home.buildingId, room: home.room },
        at: receipt.at,
      })
      return true
    })
    if (!cast) {
      const earlier = (await this.store.votes.findReceipt(vote.id, home))!
      const how = earlier.channel === 'paper' ? `${earlier.enteredByName ?? ''}已于${chinaTime(earlier.at)}录入过该户的纸质选票` : `该户的${earlier.castByName}已于${chinaTime(earlier.at)}在手机上投票`
      throw conflict(`${how}，每户只计一票`)
    }
    return this.get(caller, vote.id)
  }

  /** Who voted (never how): staff the whole roll, a building leader their buildings. */
  async roll(caller: Caller, id: unknown): Promise<VoteRoll> {
    const { actor } = caller
    const vote = await visibleVote(this.store, actor, id)
    const [rows, buildings] = await Promise.all([this.store.votes.listRoll(vote.id), this.store.directory.listBuildings(vote.communityId)])
    const mine = rollRowsFor(actor, rows)
    if (!mine) throw forbidden('只有社区工作者和楼栋长可以查看投票名册')
    const names = new Map(buildings.map((b) => [b.id, b.name]))
    return {
      voteId: vote.id,
      rows: mine.map(({ buildingId, room, receipt }) => ({
        buildingId,
        buildingName: names.get(buildingId) ?? '',
        room,
        voted: Boolean(receipt),
        ...(receipt
          ? { channel: receipt.channel, castByName: receipt.castById ? residentNameFor(actor, { id: receipt.castById, name: receipt.castByName }) : servesResidents(actor) ? receipt.castByName : maskName(receipt.castByName), ...(receipt.enteredByName ? { enteredByName: receipt.enteredByName } : {}), at: receipt.at }
          : {}),
      })),
    }
  }

  /** Staff, once closed: the result is fixed and published; what it decided follows (a proposal adopted, a convention's next version in force). */
  async publish(caller: Caller, id: unknown): Promise<Vote> {
    const { actor } = caller
    const now = this.rt.now()
    const result = await this.store.transaction(async (tx) => {
      const key = idOf(id)
      const vote = key ? await tx.votes.findForUpdate(key) : null
      if (!vote || vote.communityId !== actor.communityId) throw notFound(VOTE_NOT_FOUND)
      if (!hasRole(actor, 'staff')) throw forbidden('只有社区工作者可以公布表决结果')
      const status = voteStatus(vote, now)
      if (status === 'open') throw forbidden(`表决将于${chinaTime(vote.closesAt)}截止，截止后才能公布结果`)
      if (status === 'published') throw forbidden('结果已经公布')
      const outcome = await resultOf(tx, vote)
      const at = now.toISOString()
      await tx.votes.markPublished(vote.id, at, new Date(now.getTime() + vote.publicityDays * 86_400_000).toISOString())
      if (vote.proposalId) await tx.proposals.update(vote.proposalId, { status: outcome.passed ? 'adopted' : 'not_adopted' })
      if (vote.convention) {
        await tx.conventions.updateVersion(vote.convention.id, vote.convention.version, outcome.passed ? { status: 'published', effectiveFrom: at } : { status: 'rejected' })
      }
      return { vote, outcome }
    })
    const roll = (await this.store.votes.listRoll(result.vote.id)).map(({ buildingId, room }) => ({ buildingId, room }))
    this.notify.toHouseholds(result.vote.communityId, roll, {
      kind: 'vote_result',
      subject: { kind: 'vote', id: result.vote.id, title: result.vote.title },
      at: now.toISOString(),
      note: result.outcome.passed ? '表决通过，结果公示中' : '表决未通过，结果公示中',
    })
    return this.get(caller, result.vote.id)
  }
}

export async function visibleVote(repos: Repositories, actor: Actor, id: unknown): Promise<VoteRecord> {
  const key = idOf(id)
  const vote = key ? await repos.votes.find(key) : null
  if (!vote || vote.communityId !== actor.communityId) throw notFound(VOTE_NOT_FOUND)
  return vote
}

async function resultOf(repos: Repositories, vote: VoteRecord) {
  const [tally, sizes] = await Promise.all([repos.votes.tally(vote.id), repos.votes.counts([vote.id])])
  return resultFrom(vote, tally, sizes.get(vote.id)?.eligible ?? 0)
}

function resultFrom(vote: VoteRecord, { counts, paper }: { counts: Map<Id, number>; paper: number }, eligible: number) {
  return computeResult({ voteId: vote.id, kind: vote.kind, options: vote.options, quorumPercent: vote.quorumPercent, majority: vote.majority, eligible, counts, paperBallots: paper })
}

/**
 * Votes as the actor reads them, in a constant number of statements whatever their number: counts,
 * my household's receipts and roll, the buildings, the titles of what they decide, and the tallies
 * of those whose result may be seen — each one batch read for all the votes.
 */
export async function voteViews(repos: Repositories, actor: Actor, votes: readonly VoteRecord[], now: Date): Promise<Vote[]> {
  if (votes.length === 0) return []
  const ids = votes.map((v) => v.id)
  const home = actor.home
  const statuses = new Map(votes.map((v) => [v.id, voteStatus(v, now)]))
  const seen = ids.filter((id) => canSeeResult(actor, statuses.get(id)!))
  const decide = votes.filter((v) => v.proposalId || v.convention).map((v) => v.id)
  const [counts, receipts, rolls, buildings, subjects, tallies] = await Promise.all([
    repos.votes.counts(ids),
    home ? repos.votes.findReceipts(ids, home) : Promise.resolve(new Map<Id, BallotReceipt>()),
    home ? repos.votes.onRolls(ids, home) : Promise.resolve(new Set<Id>()),
    repos.directory.listBuildings(votes[0].communityId),
    decide.length > 0 ? repos.votes.subjects(decide) : Promise.resolve(new Map<Id, { proposalTitle?: string; conventionTitle?: string }>()),
    seen.length > 0 ? repos.votes.tallies(seen) : Promise.resolve(new Map<Id, { counts: Map<Id, number>; paper: number }>()),
  ])
  const names = new Map(buildings.map((b) => [b.id, b.name]))
  return votes.map((v): Vote => {
    const status = statuses.get(v.id)!
    const receipt = receipts.get(v.id)
    const onRoll = home ? Boolean(receipt) || rolls.has(v.id) : false
    const size = counts.get(v.id) ?? { eligible: 0, voted: 0 }
    const subject = subjects.get(v.id)
    return {
      id: v.id,
      communityId: v.communityId,
      title: v.title,
      description: v.description,
      kind: v.kind,
      options: v.options.map((o) => ({ ...o })),
      scope: v.scope.kind === 'community' ? { kind: 'community' } : { kind: 'buildings', buildingIds: [...v.scope.buildingIds] },
      scopeLabel: v.scope.kind === 'community' ? '全社区' : v.scope.buildingIds.map((b) => names.get(b) ?? '').join('、'),
      quorumPercent: v.quorumPercent,
      majority: v.majority,
      publicityDays: v.publicityDays,
      ...(v.proposalId ? { proposal: { id: v.proposalId, title: subject?.proposalTitle ?? '' } } : {}),
      ...(v.convention ? { convention: { id: v.convention.id, title: subject?.conventionTitle ?? '', version: v.convention.version } } : {}),
      opensAt: v.opensAt,
      closesAt: v.closesAt,
      status,
      ...(v.publishedAt ? { publishedAt: v.publishedAt } : {}),
      ...(v.publicityEndsAt ? { publicityEndsAt: v.publicityEndsAt } : {}),
      eligible: size.eligible,
      voted: size.voted,
      myHousehold: { eligible: onRoll, ...(receipt ? { ballot: { castByName: receipt.castByName, at: receipt.at, channel: receipt.channel } } : {}) },
      ...(canSeeResult(actor, status) ? { result: resultFrom(v, tallies.get(v.id) ?? { counts: new Map(), paper: 0 }, size.eligible) } : {}),
      createdAt: v.createdAt,
      createdByName: v.createdByName,
    }
  })
}

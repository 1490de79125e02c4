import type { VoteInput } from '../../../types/api'
import type { Id, MajorityRule, VoteOption, VoteResult, VoteStatus } from '../../../types/domain'
import type { Actor } from '../actor'
import { hasRole } from '../actor'
import { INSTANT_MESSAGES, instantProblem } from '../instants'
import { cleanText, textLength } from '../text'
import type { FieldErrors } from '../validation'
import type { Refusal } from '../membership'
import { type HouseholdKey, sameHousehold } from './households'

/**
 * 民事民决: the rules of a vote, pure. One ballot per household on the roll (the households with a
 * verified member in the vote's scope when it opened); the first ballot of a household counts.
 * Quorum is a share of the roll; the majority is a share of the ballots cast (abstentions included,
 * as a residents' meeting counts those present): simple = more than half, two thirds = at least 2/3.
 */

export const VOTE_LIMITS = {
  titleMin: 2,
  titleMax: 50,
  descriptionMax: 2000,
  optionsMin: 2,
  optionsMax: 10,
  optionMax: 20,
  minHours: 1,
  maxDays: 60,
  publicityMinDays: 1,
  publicityMaxDays: 30,
  buildingsMax: 50,
} as const

/** The fixed options of an approval vote, in this order; the first approves. */
export const APPROVAL_LABELS = ['同意', '不同意', '弃权'] as const

/** The options of a new vote with their ids (`o1`, `o2`, … in order). */
export function voteOptions(kind: VoteInput['kind'], labels: readonly string[]): VoteOption[] {
  const texts = kind === 'approval' ? [...APPROVAL_LABELS] : labels.map((l) => cleanText(l))
  return texts.map((label, i) => ({ id: `o${i + 1}`, label }))
}

export function validateVote(input: Partial<VoteInput>, now: Date): FieldErrors {
  const errors: FieldErrors = {}
  const title = cleanText(typeof input.title === 'string' ? input.title : '')
  if (textLength(title) < VOTE_LIMITS.titleMin) errors.title = `请填写表决事项（至少${VOTE_LIMITS.titleMin}个字）`
  else if (textLength(title) > VOTE_LIMITS.titleMax) errors.title = `表决事项不能超过${VOTE_LIMITS.titleMax}个字`
  if (typeof input.description !== 'string') errors.description = '请填写表决说明'
  else if (textLength(cleanText(input.description)) > VOTE_LIMITS.descriptionMax) errors.description = `说明不能超过${VOTE_LIMITS.descriptionMax}个字`
  if (input.kind !== 'approval' && input.kind !== 'choice') errors.kind = '请选择表决方式'
  if (input.kind === 'choice') {
    const labels = Array.isArray(input.options) ? input.options.map((o) => (typeof o === 'string' ? cleanText(o) : '')) : []
    if (labels.length < VOTE_LIMITS.optionsMin || labels.length > VOTE_LIMITS.optionsMax) errors.options = `请设置${VOTE_LIMITS.optionsMin}–${VOTE_LIMITS.optionsMax}个选项`
    else if (labels.some((l) => textLength(l) === 0 || textLength(l) > VOTE_LIMITS.optionMax)) errors.options = `每个选项1–${VOTE_LIMITS.optionMax}个字`
    else if (new Set(labels).size !== labels.length) errors.options = '选项不能重复'
  } else if (input.kind === 'approval' && Array.isArray(input.options) && input.options.length > 0) {
    errors.options = '赞成式表决的选项固定为“同意、不同意、弃权”，请不要另设选项'
  }
  const closesProblem = instantProblem(input.closesAt)
  const closes = closesProblem ? NaN : Date.parse(input.closesAt as string)
  if (closesProblem) errors.closesAt = closesProblem === 'range' ? INSTANT_MESSAGES.range : '请选择截止时间'
  else if (closes < now.getTime() + VOTE_LIMITS.minHours * 3_600_000) errors.closesAt = `截止时间至少在${VOTE_LIMITS.minHours}小时之后`
  else if (closes > now.getTime() + VOTE_LIMITS.maxDays * 86_400_000) errors.closesAt = `表决期不能超过${VOTE_LIMITS.maxDays}天`
  if (!Number.isInteger(input.quorumPercent) || input.quorumPercent! < 1 || input.quorumPercent! > 100) errors.quorumPercent = '参与率要求须为1–100之间的整数（%）'
  if (input.majority !== 'simple' && input.majority !== 'two_thirds') errors.majority = '请选择通过规则（过半数或三分之二）'
  if (!Number.isInteger(input.publicityDays) || input.publicityDays! < VOTE_LIMITS.publicityMinDays || input.publicityDays! > VOTE_LIMITS.publicityMaxDays) {
    errors.publicityDays = `公示期须为${VOTE_LIMITS.publicityMinDays}–${VOTE_LIMITS.publicityMaxDays}天`
  }
  const scope = input.scope
  if (!scope || (scope.kind !== 'community' && scope.kind !== 'buildings')) errors.scope = '请选择参与表决的范围'
  else if (scope.kind === 'buildings') {
    const ids = Array.isArray(scope.buildingIds) ? scope.buildingIds : []
    if (ids.length === 0) errors.scope = '请至少选择一栋楼'
    else if (ids.length > VOTE_LIMITS.buildingsMax) errors.scope = `最多选择${VOTE_LIMITS.buildingsMax}栋楼`
  }
  if (input.proposalId !== undefined && input.conventionId !== undefined) errors.form = '一次表决只能针对一项议题或一份公约草案'
  return errors
}

/** Only staff open votes and publish results. */
export function refuseOpenVote(actor: Pick<Actor, 'roles'>): Refusal | null {
  return hasRole(actor, 'staff') ? null : { code: 'forbidden', message: '只有社区工作者可以发起表决' }
}

/** Where a vote stands at `now`. */
export function voteStatus(vote: { closesAt: string; publishedAt?: string }, now: Date): VoteStatus {
  if (vote.publishedAt) return 'published'
  return now.getTime() < Date.parse(vote.closesAt) ? 'open' : 'closed'
}

/** Whether a household in `home` is on the roll of a vote's scope (a verified member there when it opened). */
export function inVoteScope(scope: { kind: 'community' } | { kind: 'buildings'; buildingIds: readonly Id[] }, home: HouseholdKey): boolean {
  return scope.kind === 'community' || scope.buildingIds.includes(home.buildingId)
}

export interface BallotContext {
  status: VoteStatus
  /** The caller's household (verified members only). */
  home?: HouseholdKey
  onRoll: boolean
  /** Options of the vote. */
  optionIds: readonly Id[]
  optionId: unknown
}

/** Why a phone ballot cannot be cast (null: it may). An existing ballot of the household is the store's answer. */
export function refuseBallot(ctx: BallotContext): Refusal | null {
  if (!ctx.home) return { code: 'forbidden', message: '完成房屋认证后才能参与表决（我的 → 认证房屋）' }
  if (!ctx.onRoll) return { code: 'forbidden', message: '您家不在本次表决的名册中（名册在表决开启时按范围内已认证的住户确定）' }
  if (ctx.status !== 'open') return { code: 'forbidden', message: ctx.status === 'published' ? '表决已结束，结果已公示' : '表决已截止' }
  if (typeof ctx.optionId !== 'string' || !ctx.optionIds.includes(ctx.optionId)) return { code: 'validation', field: 'optionId', message: '请选择一个选项' }
  return null
}

/** Why staff cannot enter this paper ballot (null: they may). */
export function refusePaperBallot(actor: Pick<Actor, 'roles'>, ctx: Omit<BallotContext, 'home'> & { note: unknown }): Refusal | null {
  if (!hasRole(actor, 'staff')) return { code: 'forbidden', message: '只有社区工作者可以录入纸质选票' }
  if (!ctx.onRoll) return { code: 'validation', field: 'room', message: '该户不在本次表决的名册中，请核对楼栋和房号' }
  if (ctx.status !== 'open') return { code: 'forbidden', message: '表决已截止，不能再录入纸质选票' }
  if (typeof ctx.optionId !== 'string' || !ctx.optionIds.includes(ctx.optionId)) return { code: 'validation', field: 'optionId', message: '请选择该户所投的选项' }
  const note = typeof ctx.note === 'string' ? cleanText(ctx.note) : ''
  if (textLength(note) < 2 || textLength(note) > 50) return { code: 'validation', field: 'note', message: '请注明选票由谁交来（2–50字，如“本人交回”）' }
  return null
}

/** The share `count / total` is at least `percent` % — in integers, so exactly at quorum counts. */
export function reachesPercent(count: number, total: number, percent: number): boolean {
  return total > 0 && count * 100 >= percent * total
}

/** Whether `top` of `cast` ballots is a majority under `rule`. */
export function isMajority(top: number, cast: number, rule: MajorityRule): boolean {
  if (cast <= 0 || top <= 0) return false
  return rule === 'simple' ? top * 2 > cast : top * 3 >= cast * 2
}

export interface TallyInput {
  voteId: Id
  kind: 'approval' | 'choice'
  options: readonly VoteOption[]
  quorumPercent: number
  majority: MajorityRule
  eligible: number
  /** Ballots by option id (options with none may be absent). */
  counts: ReadonlyMap<Id, number>
  paperBallots: number
}

/**
 * The result from the ballots: turnout against quorum, the tally in the options' order, the winner
 * (the one option with the rule's majority of ballots cast; none on a tie or without a majority),
 * and whether it passed (quorum met and, for an approval vote, 同意 won).
 */
export function computeResult(input: TallyInput): VoteResult {
  const tally = input.options.map((o) => ({ optionId: o.id, label: o.label, count: input.counts.get(o.id) ?? 0 }))
  const voted = tally.reduce((sum, t) => sum + t.count, 0)
  const quorumMet = reachesPercent(voted, input.eligible, input.quorumPercent)
  const top = Math.max(0, ...tally.map((t) => t.count))
  const leaders = tally.filter((t) => t.count === top)
  const winner = quorumMet && leaders.length === 1 && isMajority(top, voted, input.majority) ? leaders[0] : undefined
  const passed = winner !== undefined && (input.kind === 'choice' || winner.optionId === input.options[0]?.id)
  return {
    voteId: input.voteId,
    eligible: input.eligible,
    voted,
    quorumPercent: input.quorumPercent,
    quorumMet,
    majority: input.majority,
    tally,
    paperBallots: input.paperBallots,
    ...(winner ? { winningOptionId: winner.optionId } : {}),
    passed,
  }
}

/** Who sees a vote's result: everyone once published; staff once it closed. */
export function canSeeResult(actor: Pick<Actor, 'roles'>, status: VoteStatus): boolean {
  return status === 'published' || (status === 'closed' && hasRole(actor, 'staff'))
}

/** Who sees the roll (who voted, never how): staff, and a building leader for the buildings they lead. */
export function rollRowsFor<T extends HouseholdKey>(actor: Pick<Actor, 'roles' | 'leadsBuildingIds'>, rows: readonly T[]): T[] | null {
  if (hasRole(actor, 'staff')) return [...rows]
  if (hasRole(actor, 'building_leader')) return rows.filter((r) => actor.leadsBuildingIds.includes(r.buildingId))
  return null
}

export { sameHousehold }

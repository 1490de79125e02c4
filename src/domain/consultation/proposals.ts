import type { MinutesInput, ProgressInput, ProposalAnswerInput, ProposalInput } from '../../../types/api'
import type { Id, ProposalStatus } from '../../../types/domain'
import type { Actor } from '../actor'
import { hasRole } from '../actor'
import type { Refusal } from '../membership'
import { cleanText, textLength } from '../text'
import { LIMITS, type FieldErrors } from '../validation'
import { type HouseholdKey, sameHousehold } from './households'

/** 民事民提 and 民事民评: proposals, co-signs (附议) by household, staff's answers, progress, ratings. */

export const PROPOSAL_LIMITS = {
  titleMin: 4,
  titleMax: 40,
  bodyMin: 10,
  bodyMax: 2000,
  photosMax: 9,
  proposedTextMax: 1000,
  reasonMin: 2,
  reasonMax: 300,
  minutesMin: 10,
  minutesMax: 5000,
  progressTextMin: 2,
  progressTextMax: 500,
  responsibleMax: 30,
  thresholdMin: 1,
  thresholdMax: 500,
  windowMinDays: 1,
  windowMaxDays: 180,
} as const

/** Defaults for a community that has not set its own: 10 households within 30 days. */
export const DEFAULT_SETTINGS = { proposalThreshold: 10, proposalWindowDays: 30 } as const

export const PROPOSAL_STATUS_LABEL: Record<ProposalStatus, string> = {
  collecting: '征集附议',
  agenda: '已列入议程',
  declined: '不予采纳',
  merged: '已合并',
  voting: '表决中',
  adopted: '已通过·落实中',
  not_adopted: '未通过',
  done: '已落实',
}

/** Proposals others may still co-sign and answer: collecting, or on the agenda before its vote. */
export function isOpenProposal(status: ProposalStatus): boolean {
  return status === 'collecting' || status === 'agenda'
}

export function validateSettings(input: { proposalThreshold?: unknown; proposalWindowDays?: unknown }): FieldErrors {
  const errors: FieldErrors = {}
  const t = input.proposalThreshold
  if (!Number.isInteger(t) || (t as number) < PROPOSAL_LIMITS.thresholdMin || (t as number) > PROPOSAL_LIMITS.thresholdMax) {
    errors.proposalThreshold = `附议户数须为${PROPOSAL_LIMITS.thresholdMin}–${PROPOSAL_LIMITS.thresholdMax}之间的整数`
  }
  const d = input.proposalWindowDays
  if (!Number.isInteger(d) || (d as number) < PROPOSAL_LIMITS.windowMinDays || (d as number) > PROPOSAL_LIMITS.windowMaxDays) {
    errors.proposalWindowDays = `征集期须为${PROPOSAL_LIMITS.windowMinDays}–${PROPOSAL_LIMITS.windowMaxDays}天`
  }
  return errors
}

/** Who raises a proposal: a verified resident (a member of a household). */
export function refusePropose(actor: Actor): Refusal | null {
  if (actor.communityId === null) return { code: 'forbidden', message: '请先选择您所在的社区' }
  if (!actor.home) return { code: 'forbidden', message: '完成房屋认证后才能提出议题（我的 → 认证房屋）' }
  return null
}

export function validateProposal(input: Partial<ProposalInput>): FieldErrors {
  const errors: FieldErrors = {}
  const title = typeof input.title === 'string' ? cleanText(input.title) : ''
  if (textLength(title) < PROPOSAL_LIMITS.titleMin) errors.title = `请用一句话写明议题（至少${PROPOSAL_LIMITS.titleMin}个字）`
  else if (textLength(title) > PROPOSAL_LIMITS.titleMax) errors.title = `议题标题不能超过${PROPOSAL_LIMITS.titleMax}个字`
  const body = typeof input.body === 'string' ? cleanText(input.body) : ''
  if (textLength(body) < PROPOSAL_LIMITS.bodyMin) errors.body = `请说明情况和您的建议（至少${PROPOSAL_LIMITS.bodyMin}个字）`
  else if (textLength(body) > PROPOSAL_LIMITS.bodyMax) errors.body = `内容不能超过${PROPOSAL_LIMITS.bodyMax}个字`
  if (!Array.isArray(input.photoIds) || input.photoIds.some((id) => typeof id !== 'string')) errors.photoIds = '照片格式不正确'
  else if (input.photoIds.length > PROPOSAL_LIMITS.photosMax) errors.photoIds = `最多上传${PROPOSAL_LIMITS.photosMax}张照片`
  if (input.article !== undefined) {
    const a = input.article
    const text = a && typeof a.proposedText === 'string' ? cleanText(a.proposedText) : ''
    if (!a || typeof a.conventionId !== 'string' || typeof a.articleId !== 'string') errors.article = '请选择要修改的公约条款'
    else if (textLength(text) < 2) errors['article.proposedText'] = '请写出建议修改后的条款内容'
    else if (textLength(text) > PROPOSAL_LIMITS.proposedTextMax) errors['article.proposedText'] = `条款内容不能超过${PROPOSAL_LIMITS.proposedTextMax}个字`
  }
  return errors
}

/** The proposal's deadline for co-signs: `windowDays` after it was raised. */
export function proposalDeadline(createdAt: string, windowDays: number): string {
  return new Date(Date.parse(createdAt) + windowDays * 86_400_000).toISOString()
}

/** A collecting proposal whose deadline passed. */
export function isLapsed(p: { status: ProposalStatus; deadline: string }, now: Date): boolean {
  return p.status === 'collecting' && now.getTime() >= Date.parse(p.deadline)
}

/** Co-signs reaching the threshold before the deadline put a collecting proposal on the agenda. */
export function reachesThreshold(p: { status: ProposalStatus; deadline: string; threshold: number }, cosigns: number, now: Date): boolean {
  return p.status === 'collecting' && !isLapsed(p, now) && cosigns >= p.threshold
}

export interface CosignContext {
  status: ProposalStatus
  deadline: string
  communityId: Id
  author: HouseholdKey
}

/** Why my household cannot co-sign (null: it may). Having co-signed already is answered as success by the service. */
export function refuseCosign(actor: Actor, p: CosignContext, now: Date): Refusal | null {
  if (actor.communityId !== p.communityId) return { code: 'forbidden', message: '只能附议本社区的议题' }
  if (!actor.home) return { code: 'forbidden', message: '完成房屋认证后才能附议（每户一票）' }
  if (!hasRole(actor, 'resident')) return { code: 'forbidden', message: '附议是居民的权利，工作人员请以居民身份参与' }
  if (sameHousehold(actor.home, p.author)) return { code: 'forbidden', message: '这是您家提出的议题，不用再附议' }
  if (!isOpenProposal(p.status)) return { code: 'forbidden', message: '该议题已不再征集附议' }
  if (p.status === 'collecting' && now.getTime() >= Date.parse(p.deadline)) return { code: 'forbidden', message: '该议题的附议征集期已结束' }
  return null
}

/** Staff answer every open proposal: 列入议程, 不予采纳 with a reason, or 合并 into another open one. */
export function refuseAnswer(actor: Pick<Actor, 'roles'>, status: ProposalStatus, input: Partial<ProposalAnswerInput> | undefined): Refusal | null {
  if (!hasRole(actor, 'staff')) return { code: 'forbidden', message: '只有社区工作者可以答复议题' }
  if (!isOpenProposal(status)) return { code: 'forbidden', message: '该议题已答复或已进入表决，不能再更改答复' }
  const kind = input?.kind
  if (kind !== 'agenda' && kind !== 'declined' && kind !== 'merged') return { code: 'validation', field: 'kind', message: '请选择答复方式' }
  const reason = typeof input?.reason === 'string' ? cleanText(input.reason) : ''
  if (kind === 'declined' && textLength(reason) < PROPOSAL_LIMITS.reasonMin) return { code: 'validation', field: 'reason', message: '不予采纳请写明理由，居民会看到' }
  if (textLength(reason) > PROPOSAL_LIMITS.reasonMax) return { code: 'validation', field: 'reason', message: `答复不能超过${PROPOSAL_LIMITS.reasonMax}个字` }
  if (kind === 'merged' && typeof (input as { intoProposalId?: unknown }).intoProposalId !== 'string') return { code: 'validation', field: 'intoProposalId', message: '请选择合并到的议题' }
  return null
}

/** The status an answer leads to. */
export function answeredStatus(kind: ProposalAnswerInput['kind']): ProposalStatus {
  return kind === 'agenda' ? 'agenda' : kind
}

export function validateMinutes(input: Partial<MinutesInput>): FieldErrors {
  const errors: FieldErrors = {}
  const text = typeof input.text === 'string' ? cleanText(input.text) : ''
  if (textLength(text) < PROPOSAL_LIMITS.minutesMin) errors.text = `请填写纪要内容（至少${PROPOSAL_LIMITS.minutesMin}个字：时间、参加人、议定事项）`
  else if (textLength(text) > PROPOSAL_LIMITS.minutesMax) errors.text = `纪要不能超过${PROPOSAL_LIMITS.minutesMax}个字`
  if (!Array.isArray(input.photoIds) || input.photoIds.length > PROPOSAL_LIMITS.photosMax) errors.photoIds = `最多上传${PROPOSAL_LIMITS.photosMax}张照片`
  return errors
}

/** Progress goes forward only (0–100, not below the last); the first update names who carries it out. */
export function validateProgress(input: Partial<ProgressInput>, lastPercent: number | null, hasResponsible: boolean): FieldErrors {
  const errors: FieldErrors = {}
  const p = input.percent
  if (!Number.isInteger(p) || (p as number) < 0 || (p as number) > 100) errors.percent = '进度须为0–100之间的整数（%）'
  else if (lastPercent !== null && (p as number) < lastPercent) errors.percent = `进度不能低于上次的${lastPercent}%`
  const text = typeof input.text === 'string' ? cleanText(input.text) : ''
  if (textLength(text) < PROPOSAL_LIMITS.progressTextMin) errors.text = '请写明这次做了什么'
  else if (textLength(text) > PROPOSAL_LIMITS.progressTextMax) errors.text = `进展说明不能超过${PROPOSAL_LIMITS.progressTextMax}个字`
  const responsible = typeof input.responsible === 'string' ? cleanText(input.responsible) : ''
  if (input.responsible !== undefined && (textLength(responsible) < 2 || textLength(responsible) > PROPOSAL_LIMITS.responsibleMax)) errors.responsible = `负责人2–${PROPOSAL_LIMITS.responsibleMax}个字`
  else if (!hasResponsible && input.responsible === undefined) errors.responsible = '请填写负责落实的人或部门'
  if (!Array.isArray(input.photoIds) || input.photoIds.length > PROPOSAL_LIMITS.photosMax) errors.photoIds = `最多上传${PROPOSAL_LIMITS.photosMax}张照片`
  return errors
}

/** Progress is written on adopted decisions (until done). */
export function refuseProgress(actor: Pick<Actor, 'roles'>, status: ProposalStatus): Refusal | null {
  if (!hasRole(actor, 'staff')) return { code: 'forbidden', message: '只有社区工作者可以更新落实进展' }
  if (status !== 'adopted') return { code: 'forbidden', message: status === 'done' ? '该事项已落实完毕' : '表决通过的事项才能更新落实进展' }
  return null
}

/** Households of the community rate a done decision, once. */
export function refuseRate(actor: Actor, p: { communityId: Id; status: ProposalStatus }): Refusal | null {
  if (actor.communityId !== p.communityId || !actor.home) return { code: 'forbidden', message: '完成房屋认证的住户才能评价' }
  if (p.status !== 'done') return { code: 'forbidden', message: '事项落实完毕后才能评价' }
  return null
}

export function validateRatingComment(comment: unknown): string | undefined {
  if (typeof comment !== 'string') return '请填写评价（可以为空）'
  return textLength(cleanText(comment)) > LIMITS.ratingCommentMax ? `评价不能超过${LIMITS.ratingCommentMax}个字` : undefined
}

/** Character pairs of a text without spaces and punctuation (Chinese has no words to split on). */
function bigrams(text: string): Set<string> {
  const chars = Array.from(text.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, ''))
  const grams = new Set<string>()
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i] + chars[i + 1])
  if (chars.length === 1) grams.add(chars[0])
  return grams
}

/** How alike two texts are, 0..1 (Dice coefficient of their character pairs). */
export function similarity(a: string, b: string): number {
  const x = bigrams(a)
  const y = bigrams(b)
  if (x.size === 0 || y.size === 0) return 0
  let shared = 0
  for (const g of x) if (y.has(g)) shared++
  return (2 * shared) / (x.size + y.size)
}

/** The open proposals most like `text` (title weighs double), best first, at least `min` alike, at most `limit`. */
export function rankSimilar<P extends { id: Id; title: string; body: string }>(text: string, candidates: readonly P[], limit = 5, min = 0.2): P[] {
  const scored = candidates
    .map((p) => ({ p, score: Math.max(similarity(text, p.title), (2 * similarity(text, p.title) + similarity(text, p.body)) / 3) }))
    .filter((s) => s.score >= min)
  return scored.sort((a, b) => b.score - a.score || (a.p.id < b.p.id ? -1 : 1)).slice(0, limit).map((s) => s.p)
}

/** Collecting proposals closest to their threshold: at least half-way, fewest co-signs missing first. */
export function nearThreshold<P extends { status: ProposalStatus; cosigns: number; threshold: number; deadline: string; id: Id }>(proposals: readonly P[], now: Date, limit = 3): P[] {
  return proposals
    .filter((p) => p.status === 'collecting' && !isLapsed(p, now) && p.cosigns * 2 >= p.threshold && p.cosigns < p.threshold)
    .sort((a, b) => a.threshold - a.cosigns - (b.threshold - b.cosigns) || Date.parse(a.deadline) - Date.parse(b.deadline) || (a.id < b.id ? -1 : 1))
    .slice(0, limit)
}

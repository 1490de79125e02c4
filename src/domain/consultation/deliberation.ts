import type { ContributionInput } from '../../../types/api'
import type { DiscussionSubject, Stance, StanceCounts } from '../../../types/domain'
import type { Actor } from '../actor'
import { hasRole } from '../actor'
import type { Refusal } from '../membership'
import { cleanText, textLength } from '../text'
import type { FieldErrors } from '../validation'

/** 民事民议: contributions with a stance, replies, hiding with a reason (never removing). */

export const DISCUSSION_LIMITS = { bodyMin: 2, bodyMax: 1000, hideReasonMin: 2, hideReasonMax: 100 } as const

export const STANCE_LABEL: Record<Stance, string> = { for: '支持', against: '反对', neutral: '中立' }

/** The key a subject is stored under (`proposal:p_1`, `article:c_1:a_2`, `disclosure:d_1`). */
export function subjectKey(s: DiscussionSubject): string {
  return s.kind === 'article' ? `article:${s.conventionId}:${s.articleId}` : `${s.kind}:${s.id}`
}

/** A subject from its parts as a URL carries them; null when malformed. */
export function parseSubject(value: unknown): DiscussionSubject | null {
  if (!value || typeof value !== 'object') return null
  const s = value as Record<string, unknown>
  if ((s.kind === 'proposal' || s.kind === 'disclosure') && typeof s.id === 'string' && s.id) return { kind: s.kind, id: s.id }
  if (s.kind === 'article' && typeof s.conventionId === 'string' && s.conventionId && typeof s.articleId === 'string' && s.articleId) {
    return { kind: 'article', conventionId: s.conventionId, articleId: s.articleId }
  }
  return null
}

/**
 * Who speaks: the verified residents of the community (one of its households) and its staff, who
 * speak for it. Grid workers and unverified people read the discussion but do not join it.
 */
export function refuseContribute(actor: Actor, subject: DiscussionSubject, official: boolean): Refusal | null {
  if (actor.communityId === null) return { code: 'forbidden', message: '请先选择您所在的社区' }
  if (subject.kind === 'disclosure' && !official && !actor.home) return { code: 'forbidden', message: '完成房屋认证后才能对公开内容提问' }
  if (subject.kind !== 'disclosure' && !official && !actor.home) return { code: 'forbidden', message: '完成房屋认证后才能参与议事' }
  return null
}

/** Staff speak for the community: their contributions are marked official. */
export function isOfficial(actor: Pick<Actor, 'roles'>): boolean {
  return hasRole(actor, 'staff')
}

/**
 * A contribution's rules: 2–1000 characters; a top-level contribution to a proposal or an article
 * takes a stance (a resident's; staff may stay without one), a reply and a question on a disclosure none.
 */
export function validateContribution(input: Partial<ContributionInput>, subject: DiscussionSubject, official: boolean): FieldErrors {
  const errors: FieldErrors = {}
  const body = typeof input.body === 'string' ? cleanText(input.body) : ''
  if (textLength(body) < DISCUSSION_LIMITS.bodyMin) errors.body = `请写下您的意见（至少${DISCUSSION_LIMITS.bodyMin}个字）`
  else if (textLength(body) > DISCUSSION_LIMITS.bodyMax) errors.body = `发言不能超过${DISCUSSION_LIMITS.bodyMax}个字`
  const stance = input.stance
  const topLevel = input.parentId === undefined
  const wantsStance = topLevel && subject.kind !== 'disclosure' && !official
  if (stance !== undefined && stance !== 'for' && stance !== 'against' && stance !== 'neutral') errors.stance = '请选择支持、反对或中立'
  else if (wantsStance && stance === undefined) errors.stance = '请选择您的态度：支持、反对或中立'
  else if (!topLevel && stance !== undefined) errors.stance = '回复不用再选择态度'
  else if (subject.kind === 'disclosure' && stance !== undefined) errors.stance = '提问不用选择态度'
  if (input.parentId !== undefined && typeof input.parentId !== 'string') errors.parentId = '要回复的发言不存在'
  return errors
}

export function refuseHide(actor: Pick<Actor, 'roles'>, reason: unknown, alreadyHidden: boolean): Refusal | null {
  if (!hasRole(actor, 'staff')) return { code: 'forbidden', message: '只有社区工作者可以隐藏发言' }
  if (alreadyHidden) return { code: 'forbidden', message: '这条发言已经隐藏' }
  const text = typeof reason === 'string' ? cleanText(reason) : ''
  if (textLength(text) < DISCUSSION_LIMITS.hideReasonMin || textLength(text) > DISCUSSION_LIMITS.hideReasonMax) {
    return { code: 'validation', field: 'reason', message: `请写明隐藏的理由（${DISCUSSION_LIMITS.hideReasonMin}–${DISCUSSION_LIMITS.hideReasonMax}字），大家会看到` }
  }
  return null
}

/** What a viewer reads of a contribution: a hidden one's text only for staff (and never for others). */
export function visibleBody(c: { body: string; hidden?: unknown }, viewer: Pick<Actor, 'roles'>): string {
  return c.hidden && !hasRole(viewer, 'staff') ? '' : c.body
}

export function countStances(rows: ReadonlyArray<{ stance?: Stance; parentId?: string; hidden?: unknown }>): StanceCounts {
  const counts: StanceCounts = { for: 0, against: 0, neutral: 0 }
  for (const r of rows) if (!r.parentId && !r.hidden && r.stance) counts[r.stance]++
  return counts
}

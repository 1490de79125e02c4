import type { Id, ModerationKind, ModerationMark } from '../../../types/domain'
import { hasRole, type Actor } from '../actor'

/**
 * The rules of content security (issue 13): who moderates, who sees a text that is not published,
 * and the words a writer is answered with. Every adapter and both stores follow them (the stores'
 * filters name `canSeeModerated`).
 */

/** What the queue calls each kind of text. */
export const MODERATION_KIND_LABEL: Record<ModerationKind, string> = {
  report: '诉求',
  message: '留言',
  notice: '通知',
  proposal: '议题',
  contribution: '发言',
  question: '提问',
  photo: '照片',
}

/** A refusal of the content check, for the field that holds the text (the matched entry is never echoed: it would teach a spammer the list). */
export const CONTENT_REFUSED = '内容包含不适宜发布的信息，请修改后再提交'
/** The same, for a text with a title (a notice, a proposal): the check reads both as one. */
export const CONTENT_REFUSED_TITLED = '标题或内容包含不适宜发布的信息，请修改后再提交'

export const MODERATION_REASON_LIMITS = { min: 2, max: 200 } as const

/** Staff and admins of a community decide on its held texts. */
export function canModerate(actor: Pick<Actor, 'roles' | 'communityId'>): boolean {
  return actor.communityId !== null && (hasRole(actor, 'staff') || hasRole(actor, 'admin'))
}

/** Who looks at texts, as far as moderation goes: who they are, and whether they moderate the texts' community. */
export interface ModerationViewer {
  id: Id
  moderator: boolean
}

export function moderationViewer(actor: Pick<Actor, 'id' | 'roles' | 'communityId'>): ModerationViewer {
  return { id: actor.id, moderator: canModerate(actor) }
}

/**
 * May the viewer see this text (of their community), as far as moderation goes? Published: yes;
 * held: its author and the community's moderators; rejected after review: its author only. The
 * stores' filters mirror it.
 */
export function canSeeModerated(viewer: ModerationViewer, text: { authorId: Id; moderation?: ModerationMark }): boolean {
  if (!text.moderation) return true
  if (text.authorId === viewer.id) return true
  return text.moderation.status === 'held' && viewer.moderator
}

/** A moderator's reason for refusing a held text: 2–200 characters (its author reads it). */
export function validateModerationReason(reason: unknown): string | null {
  const text = typeof reason === 'string' ? reason.trim() : ''
  const length = Array.from(text).length
  if (length < MODERATION_REASON_LIMITS.min) return `请填写未通过的原因（至少${MODERATION_REASON_LIMITS.min}个字），发布人会看到它`
  if (length > MODERATION_REASON_LIMITS.max) return `原因不能超过${MODERATION_REASON_LIMITS.max}个字`
  return null
}

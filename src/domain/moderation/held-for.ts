import type { AuditEvent, Role } from '../../../types/domain'
import { ROLE_LABEL } from '../labels'
import { AUDIT_ACTION_LABEL } from './audit'
import { MODERATION_KIND_LABEL } from './rules'

/**
 * How the staff screens word the moderation queue and the audit log (issue 13): why a text was
 * held, and what an audit event was done to. Moderators see the checker's reason (ADR 24); its
 * author never does.
 */

/** WeChat msgSecCheck's labels (server/moderation/wechat-text-check.ts passes them on as the reason). */
const WECHAT_LABEL: Record<string, string> = {
  '10001': '广告',
  '20001': '时政',
  '20002': '色情',
  '20003': '辱骂',
  '20006': '违法犯罪',
  '20008': '欺诈',
  '20012': '低俗',
  '20013': '版权',
  '21000': '其他',
}

const CHECK_UNFINISHED = '自动检查没能完成，请人工审核'

/** Why the content check held a text, in words a moderator reads: the word list's entry, WeChat's label, or that no check answered. */
export function heldForLabel(reason: string): string {
  const text = reason.trim()
  const word = /^词表[：:]\s*(.+)$/.exec(text)
  if (word) return `命中敏感词“${word[1]}”`
  if (WECHAT_LABEL[text]) return `微信内容安全：疑似${WECHAT_LABEL[text]}`
  if (text === 'wechat') return '微信内容安全建议人工审核'
  if (text === 'no_openid') return '无法交给微信检查，请人工审核'
  if (text.startsWith('wechat_')) return '微信内容安全暂时不可用，请人工审核'
  if (text.startsWith('checker:') || text === 'check_failed') return CHECK_UNFINISHED
  return text ? `需人工审核（${Array.from(text).slice(0, 20).join('')}）` : '需人工审核'
}

/** What the audit log calls the kind of object an action was done to. */
export const AUDIT_SUBJECT_LABEL: Record<AuditEvent['subject']['kind'], string> = {
  report: MODERATION_KIND_LABEL.report,
  message: MODERATION_KIND_LABEL.message,
  notice: MODERATION_KIND_LABEL.notice,
  proposal: MODERATION_KIND_LABEL.proposal,
  contribution: MODERATION_KIND_LABEL.contribution,
  vote: '表决',
  user: '成员',
  photo: MODERATION_KIND_LABEL.photo,
}

/** One audit event as a staff screen words it: who (and in which role), what, on what. */
export function auditEventWords(event: Pick<AuditEvent, 'actor' | 'action' | 'subject' | 'concerns'>): { who: string; what: string; on: string } {
  const role = ROLE_LABEL[event.actor.role as Role] ?? event.actor.role
  const on = event.concerns?.name ? `${AUDIT_SUBJECT_LABEL[event.subject.kind]} · 涉及 ${event.concerns.name}` : AUDIT_SUBJECT_LABEL[event.subject.kind]
  return { who: `${event.actor.name || '已注销用户'}（${role}）`, what: AUDIT_ACTION_LABEL[event.action] ?? event.action, on }
}

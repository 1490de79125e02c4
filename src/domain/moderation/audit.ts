import type { AuditAction, AuditSubjectKind, ModerationKind, ReportAction } from '../../../types/domain'

/**
 * The audit log's words (issue 13): every action it records, with what a staff screen calls it,
 * and the kinds of what an action is done to. An action is `<subject>.<what was done>`; a new one
 * (as `phone.reveal`, when a handler asks for the full number of whom to call) is a new entry here.
 */
export const AUDIT_ACTION_LABEL: Record<AuditAction, string> = {
  'report.accept': '受理诉求',
  'report.reject': '不予受理',
  'report.assign': '派单',
  'report.transfer': '转派',
  'report.progress': '更新进展',
  'report.resolve': '办结',
  'report.close': '关闭诉求',
  'report.merge': '合并诉求',
  'report.escalate': '上报',
  'contribution.hide': '隐藏发言',
  'vote.paper_ballot': '录入纸质选票',
  'moderation.approve': '审核通过',
  'moderation.reject': '审核未通过',
  'role.grant': '授予角色',
  'role.revoke': '取消角色',
  'phone.reveal': '查看完整电话',
}

export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABEL) as AuditAction[]

export const AUDIT_SUBJECT_KINDS: readonly AuditSubjectKind[] = ['report', 'message', 'notice', 'proposal', 'contribution', 'vote', 'user', 'photo']

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === 'string' && (AUDIT_ACTIONS as string[]).includes(value)
}

export function isAuditSubjectKind(value: unknown): value is AuditSubjectKind {
  return typeof value === 'string' && (AUDIT_SUBJECT_KINDS as string[]).includes(value)
}

/** The audit action of a handler's move on a report (a resident's rating is not a staff action: none). */
export function reportMoveAction(move: ReportAction): AuditAction | null {
  return REPORT_MOVE_ACTION[move]
}

const REPORT_MOVE_ACTION: Record<ReportAction, AuditAction | null> = {
  submit: null,
  rate: null,
  accept: 'report.accept',
  reject: 'report.reject',
  assign: 'report.assign',
  transfer: 'report.transfer',
  progress: 'report.progress',
  resolve: 'report.resolve',
  close: 'report.close',
  merge: 'report.merge',
  escalate: 'report.escalate',
}

/** What a held text is in the audit log (a question on a disclosure is a contribution to its discussion). */
export function auditSubjectOf(kind: ModerationKind): AuditSubjectKind {
  return kind === 'question' ? 'contribution' : kind
}

import type { PhoneRevealReason } from '../../types/domain'
import { cleanText, textLength } from './text'
import type { FieldErrors } from './validation'

/**
 * Why a handler asks for the full number of whom to call (issue 13): a small fixed set, recorded
 * with every reveal in the audit log (`phone.reveal`), with an optional note.
 */
export const PHONE_REVEAL_REASON_LABEL: Record<PhoneRevealReason, string> = {
  follow_up: '回访核实',
  before_visit: '上门前联系',
  emergency: '紧急情况',
}

export const PHONE_REVEAL_REASONS = Object.keys(PHONE_REVEAL_REASON_LABEL) as PhoneRevealReason[]

export const PHONE_REVEAL_NOTE_MAX = 100
export const REASON_REQUIRED = '请选择查看完整电话的原因'
export const REASON_UNKNOWN = '查看电话的原因无效，请从列表中选择'

export function isPhoneRevealReason(value: unknown): value is PhoneRevealReason {
  return typeof value === 'string' && (PHONE_REVEAL_REASONS as string[]).includes(value)
}

/** The request's reason and note, checked: every problem at once, per field. */
export function validatePhoneReveal(input: unknown): FieldErrors {
  const fields: FieldErrors = {}
  const raw = input && typeof input === 'object' ? (input as Record<string, unknown>) : {}
  if (raw.reason === undefined || raw.reason === null || raw.reason === '') fields.reason = REASON_REQUIRED
  else if (!isPhoneRevealReason(raw.reason)) fields.reason = REASON_UNKNOWN
  if (raw.note !== undefined && raw.note !== null) {
    if (typeof raw.note !== 'string') fields.note = '备注格式不正确'
    else if (textLength(cleanText(raw.note)) > PHONE_REVEAL_NOTE_MAX) fields.note = `备注不能超过${PHONE_REVEAL_NOTE_MAX}个字`
  }
  return fields
}

/** What the audit log keeps as the reveal's note: 回访核实 — the handler's own words, if any. */
export function phoneRevealNote(reason: PhoneRevealReason, note?: string): string {
  const own = note ? cleanText(note) : ''
  return own ? `${PHONE_REVEAL_REASON_LABEL[reason]}：${own}` : PHONE_REVEAL_REASON_LABEL[reason]
}

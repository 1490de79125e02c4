import { isPhoneRevealReason, PHONE_REVEAL_REASONS, phoneRevealNote, REASON_REQUIRED, REASON_UNKNOWN, validatePhoneReveal } from '../../../src/domain/phone-reveal'
import { AUDIT_ACTION_LABEL, isAuditAction } from '../../../src/domain/moderation/audit'

describe('why a handler asks for a full number', () => {
  it('is one of three reasons, each with its words', () => {
    expect(PHONE_REVEAL_REASONS).toEqual(['follow_up', 'before_visit', 'emergency'])
    expect(PHONE_REVEAL_REASONS.map((r) => phoneRevealNote(r))).toEqual(['回访核实', '上门前联系', '紧急情况'])
    expect(isPhoneRevealReason('emergency')).toBe(true)
    expect(isPhoneRevealReason('toString')).toBe(false)
  })

  it('is required and must be of the list; the note is optional and short', () => {
    expect(validatePhoneReveal({ reason: 'follow_up' })).toEqual({})
    expect(validatePhoneReveal({ reason: 'follow_up', note: '核实' })).toEqual({})
    expect(validatePhoneReveal(undefined)).toEqual({ reason: REASON_REQUIRED })
    expect(validatePhoneReveal({ reason: '' })).toEqual({ reason: REASON_REQUIRED })
    expect(validatePhoneReveal({ reason: '回访核实' })).toEqual({ reason: REASON_UNKNOWN })
    expect(validatePhoneReveal({ reason: 'follow_up', note: '长'.repeat(101) })).toEqual({ note: '备注不能超过100个字' })
    expect(validatePhoneReveal({ reason: 'follow_up', note: 5 })).toEqual({ note: '备注格式不正确' })
  })

  it('is kept in the log with the handler’s own words after the reason', () => {
    expect(phoneRevealNote('before_visit', '  下午  上门 ')).toBe('上门前联系：下午  上门')
    expect(phoneRevealNote('emergency', '   ')).toBe('紧急情况')
  })

  it('is the audit action 查看完整电话', () => {
    expect(isAuditAction('phone.reveal')).toBe(true)
    expect(AUDIT_ACTION_LABEL['phone.reveal']).toBe('查看完整电话')
  })
})

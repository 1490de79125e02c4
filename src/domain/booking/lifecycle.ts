import type { BookingStatus } from '../../../types/domain'

/**
 * A booking's life (types/domain.ts BookingStatus): which step may follow which, and when. Each
 * refusal is the sentence to show.
 */

export type BookingStep = 'confirm' | 'reject' | 'cancel' | 'reschedule' | 'check_in' | 'complete' | 'no_show' | 'rate'

const FROM: Record<BookingStep, readonly BookingStatus[]> = {
  confirm: ['pending'],
  reject: ['pending'],
  cancel: ['pending', 'confirmed', 'waitlisted'],
  reschedule: ['pending', 'confirmed'],
  check_in: ['confirmed'],
  complete: ['checked_in'],
  // A pending booking was never promised a seat: it cannot be missed (it lapses when its slot ends).
  no_show: ['confirmed'],
  rate: ['done', 'checked_in'],
}

export const STATUS_LABEL: Record<BookingStatus, string> = {
  pending: '待确认',
  confirmed: '预约成功',
  waitlisted: '候补中',
  checked_in: '已签到',
  done: '已完成',
  cancelled: '已取消',
  rejected: '未通过',
  no_show: '未到',
  // Both a line never promoted and a pending booking never confirmed lapse: the history's note says which.
  expired: '已失效',
}

/** The status inside a sentence: 「预约预约成功」 would say it twice, 「预约未到」 reads as an excuse. */
const STATUS_STATE: Record<BookingStatus, string> = { ...STATUS_LABEL, confirmed: '已确认', no_show: '已标记未到' }

/** How long before its start a booking may be checked in (minutes). */
export const CHECK_IN_EARLY_MINUTES = 120

/** Whether the status allows the step at all (then only its time rules may refuse it). */
export function statusAllows(step: BookingStep, status: BookingStatus): boolean {
  return FROM[step].includes(status)
}

/** Why `step` cannot follow `status` at `now` for a slot [startsAt, endsAt); null when it can. */
export function stepRefusal(step: BookingStep, status: BookingStatus, slot: { startsAt: string; endsAt: string }, now: Date): string | null {
  if (!FROM[step].includes(status)) {
    if (step === 'check_in' && status === 'pending') return '预约尚未确认，请先确认再签到'
    if (step === 'check_in' && status === 'checked_in') return '该预约已签到'
    if (step === 'check_in' && status === 'waitlisted') return '该预约仍在候补中，没有座位'
    if (step === 'rate' && status === 'confirmed') return now.getTime() < Date.parse(slot.endsAt) ? '服务结束后才能评价' : '该预约没有签到，不能评价'
    if (step === 'reschedule' && status === 'waitlisted') return '候补中的预约不能改约，请取消后重新预约'
    if (step === 'no_show' && status === 'pending') return '预约尚未确认，不能标记未到'
    return `预约${STATUS_STATE[status]}，不能${STEP_LABEL[step]}`
  }
  const t = now.getTime()
  const start = Date.parse(slot.startsAt)
  const end = Date.parse(slot.endsAt)
  if (step === 'check_in') {
    if (t < start - CHECK_IN_EARLY_MINUTES * 60_000) return `开始前${CHECK_IN_EARLY_MINUTES / 60}小时内才能签到`
    if (t >= end) return '该时段已结束，不能签到'
  }
  if (step === 'no_show' && t < start) return '时段开始后才能标记未到'
  if (step === 'reschedule' && t >= start) return '预约已开始，不能改约'
  if (step === 'rate' && status === 'checked_in' && t < end) return '服务结束后才能评价'
  if ((step === 'confirm' || step === 'cancel' || step === 'reject') && t >= end) return `该时段已结束，不能${STEP_LABEL[step]}`
  return null
}

const STEP_LABEL: Record<BookingStep, string> = {
  confirm: '确认',
  reject: '拒绝',
  cancel: '取消',
  reschedule: '改约',
  check_in: '签到',
  complete: '完成',
  no_show: '标记未到',
  rate: '评价',
}

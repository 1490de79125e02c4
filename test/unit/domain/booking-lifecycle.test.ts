import type { BookingStatus } from '../../../types/domain'
import { CHECK_IN_EARLY_MINUTES, STATUS_LABEL, stepRefusal, type BookingStep } from '../../../src/domain/booking/lifecycle'

const MIN = 60_000
/** Thursday 8 October 2026, 10:00–10:30 Beijing. */
const SLOT = { startsAt: '2026-10-08T02:00:00.000Z', endsAt: '2026-10-08T02:30:00.000Z' }
const S = Date.parse(SLOT.startsAt)
const E = Date.parse(SLOT.endsAt)
const t = (ms: number) => new Date(ms)

const STATUSES: BookingStatus[] = ['pending', 'confirmed', 'waitlisted', 'checked_in', 'done', 'cancelled', 'rejected', 'no_show', 'expired']
const STEPS: BookingStep[] = ['confirm', 'reject', 'cancel', 'reschedule', 'check_in', 'complete', 'no_show', 'rate']

const STEP_WORD: Record<BookingStep, string> = {
  confirm: '确认',
  reject: '拒绝',
  cancel: '取消',
  reschedule: '改约',
  check_in: '签到',
  complete: '完成',
  no_show: '标记未到',
  rate: '评价',
}

/** Which step may follow which status (time aside). */
const ALLOWED: Record<BookingStep, BookingStatus[]> = {
  confirm: ['pending'],
  reject: ['pending'],
  cancel: ['pending', 'confirmed', 'waitlisted'],
  reschedule: ['pending', 'confirmed'],
  check_in: ['confirmed'],
  complete: ['checked_in'],
  no_show: ['confirmed'],
  rate: ['checked_in', 'done'],
}

/** The refusals that say more than 「预约X，不能Y」. */
const SPECIAL: Partial<Record<`${BookingStep}/${BookingStatus}`, string>> = {
  'check_in/pending': '预约尚未确认，请先确认再签到',
  'check_in/checked_in': '该预约已签到',
  'check_in/waitlisted': '该预约仍在候补中，没有座位',
  'reschedule/waitlisted': '候补中的预约不能改约，请取消后重新预约',
  'no_show/pending': '预约尚未确认，不能标记未到',
}

describe('STATUS_LABEL', () => {
  it('names every status in Chinese', () => {
    expect(STATUS_LABEL).toEqual({
      pending: '待确认',
      confirmed: '预约成功',
      waitlisted: '候补中',
      checked_in: '已签到',
      done: '已完成',
      cancelled: '已取消',
      rejected: '未通过',
      no_show: '未到',
      expired: '已失效',
    })
  })

  it('names a lapsed booking neutrally: a line never promoted and a booking never confirmed both lapse', () => {
    expect(STATUS_LABEL.expired).not.toContain('候补')
  })
})

describe('stepRefusal: every status × every step, an hour before the start', () => {
  const before = t(S - 60 * MIN)
  const cases = STEPS.flatMap((step) => STATUSES.map((status) => [step, status] as const))
  it('covers 72 pairs', () => expect(cases).toHaveLength(72))

  it.each(cases)('%s after %s', (step, status) => {
    const got = stepRefusal(step, status, SLOT, before)
    if (ALLOWED[step].includes(status)) {
      // allowed by status; only the time rules below may still refuse, an hour before the start:
      if (step === 'no_show') expect(got).toBe('时段开始后才能标记未到')
      else if (step === 'rate' && status === 'checked_in') expect(got).toBe('服务结束后才能评价')
      else expect(got).toBeNull()
    } else if (step === 'rate' && status === 'confirmed') expect(got).toBe('服务结束后才能评价')
    else expect(got).toBe(SPECIAL[`${step}/${status}`] ?? `预约${status === 'confirmed' ? '已确认' : status === 'no_show' ? '已标记未到' : STATUS_LABEL[status]}，不能${STEP_WORD[step]}`)
  })

  it('reads the generic refusal as a sentence', () => {
    expect(stepRefusal('confirm', 'cancelled', SLOT, before)).toBe('预约已取消，不能确认')
    expect(stepRefusal('no_show', 'checked_in', SLOT, before)).toBe('预约已签到，不能标记未到')
    expect(stepRefusal('cancel', 'done', SLOT, before)).toBe('预约已完成，不能取消')
    expect(stepRefusal('rate', 'no_show', SLOT, before)).toBe('预约已标记未到，不能评价')
    expect(stepRefusal('cancel', 'no_show', SLOT, before)).toBe('预约已标记未到，不能取消')
    expect(stepRefusal('check_in', 'expired', SLOT, before)).toBe('预约已失效，不能签到')
    // a confirmed booking is 「已确认」 in a sentence, not 「预约预约成功」
    expect(stepRefusal('confirm', 'confirmed', SLOT, before)).toBe('预约已确认，不能确认')
    expect(stepRefusal('reject', 'confirmed', SLOT, before)).toBe('预约已确认，不能拒绝')
    expect(stepRefusal('complete', 'confirmed', SLOT, before)).toBe('预约已确认，不能完成')
  })
})

describe('stepRefusal: time windows', () => {
  it(`check-in: from ${CHECK_IN_EARLY_MINUTES / 60} hours before the start until the end (not at it)`, () => {
    expect(CHECK_IN_EARLY_MINUTES).toBe(120)
    expect(stepRefusal('check_in', 'confirmed', SLOT, t(S - 120 * MIN - 1))).toBe('开始前2小时内才能签到')
    expect(stepRefusal('check_in', 'confirmed', SLOT, t(S - 120 * MIN))).toBeNull()
    expect(stepRefusal('check_in', 'confirmed', SLOT, t(S))).toBeNull()
    expect(stepRefusal('check_in', 'confirmed', SLOT, t(E - 1))).toBeNull()
    expect(stepRefusal('check_in', 'confirmed', SLOT, t(E))).toBe('该时段已结束，不能签到')
    expect(stepRefusal('check_in', 'confirmed', SLOT, t(E + 86_400_000))).toBe('该时段已结束，不能签到')
  })

  it.each(['confirmed'] as const)('no-show (%s): only once the slot has started, and any time after', (status) => {
    expect(stepRefusal('no_show', status, SLOT, t(S - 1))).toBe('时段开始后才能标记未到')
    expect(stepRefusal('no_show', status, SLOT, t(S))).toBeNull()
    expect(stepRefusal('no_show', status, SLOT, t(E))).toBeNull()
    expect(stepRefusal('no_show', status, SLOT, t(E + 7 * 86_400_000))).toBeNull()
  })

  it('rate a checked-in booking: only once the slot has ended', () => {
    expect(stepRefusal('rate', 'checked_in', SLOT, t(S + 10 * MIN))).toBe('服务结束后才能评价')
    expect(stepRefusal('rate', 'checked_in', SLOT, t(E - 1))).toBe('服务结束后才能评价')
    expect(stepRefusal('rate', 'checked_in', SLOT, t(E))).toBeNull()
  })

  it('rate a done booking: any time (staff may complete it early)', () => {
    expect(stepRefusal('rate', 'done', SLOT, t(S))).toBeNull()
    expect(stepRefusal('rate', 'done', SLOT, t(E + 30 * 86_400_000))).toBeNull()
  })

  it('rate a confirmed booking: wait for the end; after it, it was never checked in', () => {
    expect(stepRefusal('rate', 'confirmed', SLOT, t(E - 1))).toBe('服务结束后才能评价')
    expect(stepRefusal('rate', 'confirmed', SLOT, t(E))).toBe('该预约没有签到，不能评价')
  })

  it.each([
    ['confirm', 'pending'],
    ['reject', 'pending'],
    ['cancel', 'pending'],
    ['cancel', 'confirmed'],
    ['cancel', 'waitlisted'],
  ] as const)('%s (%s): until the slot ends, during it too', (step, status) => {
    expect(stepRefusal(step, status, SLOT, t(S - 7 * 86_400_000))).toBeNull()
    expect(stepRefusal(step, status, SLOT, t(S + 10 * MIN))).toBeNull()
    expect(stepRefusal(step, status, SLOT, t(E - 1))).toBeNull()
    expect(stepRefusal(step, status, SLOT, t(E))).toBe(`该时段已结束，不能${STEP_WORD[step]}`)
  })

  it('complete carries no time rule; reschedule only until the start (the cut-off before it is rules.changeRefusal)', () => {
    expect(stepRefusal('complete', 'checked_in', SLOT, t(S - 60 * MIN))).toBeNull()
    expect(stepRefusal('complete', 'checked_in', SLOT, t(E + 60 * MIN))).toBeNull()
    expect(stepRefusal('reschedule', 'confirmed', SLOT, t(S - 1))).toBeNull()
    expect(stepRefusal('reschedule', 'confirmed', SLOT, t(S))).toBe('预约已开始，不能改约')
    expect(stepRefusal('reschedule', 'pending', SLOT, t(S + 10 * MIN))).toBe('预约已开始，不能改约')
  })

  it('a status refusal comes before any time refusal', () => {
    expect(stepRefusal('check_in', 'pending', SLOT, t(E + 1))).toBe('预约尚未确认，请先确认再签到')
    expect(stepRefusal('confirm', 'confirmed', SLOT, t(E + 1))).toBe('预约已确认，不能确认')
  })
})

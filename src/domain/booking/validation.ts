import type { BookingAnswer, BookingQuestion, ServiceKind } from '../../../types/domain'
import { PHONE_PATTERN, normalizePhone } from '../membership'
import { cleanText, textLength } from '../text'
import type { FieldErrors } from '../validation'

/** Field checks of booking: a booker's answers, a reason, a rating (a service as staff write it: ./service-validation.ts). */

export const SERVICE_KINDS: readonly ServiceKind[] = ['home_visit', 'legal', 'mediation', 'venue', 'errand', 'volunteer']

export const BOOKING_LIMITS = {
  nameMax: 30,
  descriptionMax: 500,
  providerMax: 60,
  addressMax: 100,
  durationMin: 10,
  durationMax: 480,
  bufferMax: 120,
  capacityMax: 200,
  questionsMax: 8,
  questionLabelMax: 30,
  answerMax: 200,
  noticeMaxMinutes: 7 * 1440,
  daysAheadMax: 90,
  limitCountMax: 50,
  cutoffMaxMinutes: 7 * 1440,
  hoursMax: 21,
  exceptionsMax: 100,
  noteMax: 30,
  reasonMin: 2,
  reasonMax: 200,
  ratingCommentMax: 300,
} as const

type Raw = Record<string, unknown>

const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v)
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v)
const text = (v: unknown) => (typeof v === 'string' ? cleanText(v) : '')

/** The booker's answers to the service's questions (by question id): each in its kind, required ones given; answers to no question are dropped. */
export function validateAnswers(questions: readonly BookingQuestion[], answers: unknown): { errors: FieldErrors; answers: BookingAnswer[] } {
  const errors: FieldErrors = {}
  const given = isObj(answers) ? answers : {}
  if (answers !== undefined && !isObj(answers)) errors.answers = '预约信息格式不正确'
  // Answers to no question are left out: staff may have removed a question while the form was open.
  const out: BookingAnswer[] = []
  for (const q of questions) {
    const field = `answers.${q.id}`
    const raw = given[q.id]
    if (raw !== undefined && typeof raw !== 'string') {
      errors[field] = `${q.label}格式不正确`
      continue
    }
    const value = text(raw)
    if (value.length === 0) {
      if (q.required) errors[field] = `请填写${q.label}`
      continue
    }
    if (textLength(value) > BOOKING_LIMITS.answerMax) errors[field] = `${q.label}不能超过${BOOKING_LIMITS.answerMax}个字`
    else if (q.kind === 'number') {
      const n = Number(value)
      if (!/^\d+$/.test(value) || n < 1 || !Number.isSafeInteger(n)) errors[field] = `${q.label}请填写正整数`
      else if (q.max !== undefined && n > q.max) errors[field] = `${q.label}最多${q.max}`
      else out.push({ questionId: q.id, label: q.label, value: String(n) })
    } else if (q.kind === 'phone') {
      const phone = normalizePhone(value)
      if (!PHONE_PATTERN.test(phone)) errors[field] = '请填写 11 位手机号码（或带区号的座机）'
      else out.push({ questionId: q.id, label: q.label, value: phone })
    } else out.push({ questionId: q.id, label: q.label, value })
  }
  return { errors, answers: out }
}

/** A reason to cancel or reject: 2 to 200 characters. */
export function validateBookingReason(reason: unknown, what: '取消' | '拒绝'): FieldErrors {
  const length = textLength(text(reason))
  if (typeof reason !== 'string' || length < BOOKING_LIMITS.reasonMin) return { reason: `请填写${what}原因（至少${BOOKING_LIMITS.reasonMin}个字）` }
  if (length > BOOKING_LIMITS.reasonMax) return { reason: `${what}原因不能超过${BOOKING_LIMITS.reasonMax}个字` }
  return {}
}

export function validateBookingRating(stars: unknown, comment: unknown): FieldErrors {
  const errors: FieldErrors = {}
  if (!isInt(stars) || stars < 1 || stars > 5) errors.stars = '请选择1至5星'
  if (comment !== undefined && typeof comment !== 'string') errors.comment = '评价内容格式不正确'
  else if (textLength(text(comment)) > BOOKING_LIMITS.ratingCommentMax) errors.comment = `评价不能超过${BOOKING_LIMITS.ratingCommentMax}个字`
  return errors
}

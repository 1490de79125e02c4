import type { HouseholdTag, OpeningHours, ScheduleException, ServiceKind } from '../../../types/domain'
import { isClock, isDate, minutesOf } from '../beijing-time'
import { dateProblem } from '../instants'
import { cleanText, textLength } from '../text'
import type { FieldErrors } from '../validation'
import { HOUSEHOLD_TAGS } from './rules'
import { BOOKING_LIMITS, SERVICE_KINDS } from './validation'

/**
 * A service as staff write it, and its schedule as stored: apart from the booker's checks
 * (./validation.ts), which the main package's stores use, so that this stays in the booking
 * subpackage (ADR 37).
 */

type Raw = Record<string, unknown>

const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v)
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v)
const text = (v: unknown) => (typeof v === 'string' ? cleanText(v) : '')

function checkText(errors: FieldErrors, field: string, value: unknown, label: string, max: number, required = true): void {
  if (value !== undefined && typeof value !== 'string') errors[field] = `${label}格式不正确`
  else if (required && textLength(text(value)) === 0) errors[field] = `请填写${label}`
  else if (textLength(text(value)) > max) errors[field] = `${label}不能超过${max}个字`
}

function checkInt(errors: FieldErrors, field: string, value: unknown, label: string, min: number, max: number, unit: string): void {
  if (!isInt(value) || value < min || value > max) errors[field] = `${label}应为${min}至${max}${unit}`
}

function checkHours(errors: FieldErrors, hours: unknown): void {
  if (!Array.isArray(hours)) {
    errors.hours = '开放时间格式不正确'
    return
  }
  if (hours.length > BOOKING_LIMITS.hoursMax) errors.hours = `开放时间最多${BOOKING_LIMITS.hoursMax}段`
  for (const h of hours as unknown[]) {
    if (!isObj(h) || !isInt(h.weekday) || h.weekday < 1 || h.weekday > 7 || !isClock(h.start) || !isClock(h.end)) {
      errors.hours = '开放时间应写明星期几和起止时间（如 09:00–11:30）'
      return
    }
    if (minutesOf(h.end as string) <= minutesOf(h.start as string)) {
      errors.hours = '开放时间的结束时间应晚于开始时间'
      return
    }
  }
}

function checkExceptions(errors: FieldErrors, exceptions: unknown): void {
  if (!Array.isArray(exceptions)) {
    errors.exceptions = '例外日期格式不正确'
    return
  }
  if (exceptions.length > BOOKING_LIMITS.exceptionsMax) errors.exceptions = `例外日期最多${BOOKING_LIMITS.exceptionsMax}个`
  for (const e of exceptions as unknown[]) {
    if (!isObj(e) || !isDate(e.date) || dateProblem(e.date) || (e.kind !== 'closed' && e.kind !== 'extra') || typeof e.note !== 'string' || textLength(cleanText(e.note)) > BOOKING_LIMITS.noteMax) {
      errors.exceptions = `例外日期应写明日期、休息或加开，说明不超过${BOOKING_LIMITS.noteMax}个字`
      return
    }
    if (e.kind === 'extra' && (!isClock(e.start) || !isClock(e.end) || minutesOf(e.end as string) <= minutesOf(e.start as string))) {
      errors.exceptions = `加开的场次（${e.date as string}）应写明起止时间，结束晚于开始`
      return
    }
  }
}

function checkQuestions(errors: FieldErrors, questions: unknown): void {
  if (!Array.isArray(questions)) {
    errors.questions = '预约问题格式不正确'
    return
  }
  if (questions.length > BOOKING_LIMITS.questionsMax) errors.questions = `预约问题最多${BOOKING_LIMITS.questionsMax}个`
  const ids = new Set<string>()
  for (const q of questions as unknown[]) {
    if (!isObj(q) || typeof q.id !== 'string' || !/^[a-z][a-z0-9_]{0,19}$/.test(q.id) || !['text', 'number', 'phone'].includes(q.kind as string) || typeof q.required !== 'boolean') {
      errors.questions = '每个预约问题应有编号、类型（文字、数字、电话）和是否必填'
      return
    }
    if (ids.has(q.id)) {
      errors.questions = '预约问题的编号不能重复'
      return
    }
    ids.add(q.id)
    const label = textLength(text(q.label))
    if (label === 0 || label > BOOKING_LIMITS.questionLabelMax) {
      errors.questions = `每个预约问题都要有题目，不超过${BOOKING_LIMITS.questionLabelMax}个字`
      return
    }
    if (q.max !== undefined && (q.kind !== 'number' || !isInt(q.max) || q.max < 1 || q.max > 999)) {
      errors.questions = '只有数字类问题可以设上限（1至999）'
      return
    }
  }
}

function checkRules(errors: FieldErrors, rules: unknown): void {
  if (!isObj(rules)) {
    errors.rules = '预约规则格式不正确'
    return
  }
  checkInt(errors, 'rules.minNoticeMinutes', rules.minNoticeMinutes, '最少提前时间', 0, BOOKING_LIMITS.noticeMaxMinutes, '分钟')
  checkInt(errors, 'rules.maxDaysAhead', rules.maxDaysAhead, '最多提前天数', 0, BOOKING_LIMITS.daysAheadMax, '天')
  checkInt(errors, 'rules.changeCutoffMinutes', rules.changeCutoffMinutes, '取消和改约截止时间', 0, BOOKING_LIMITS.cutoffMaxMinutes, '分钟')
  const limit = rules.householdLimit
  if (limit !== undefined) {
    if (!isObj(limit) || !['day', 'week', 'month'].includes(limit.period as string)) errors['rules.householdLimit'] = '每户限约应写明次数和周期（每天、每周、每月）'
    else checkInt(errors, 'rules.householdLimit', limit.count, '每户限约次数', 1, BOOKING_LIMITS.limitCountMax, '次')
  }
}

/** Every window holds at least one slot: a window shorter than the duration would show no slot at all. */
function checkFits(errors: FieldErrors, input: Raw): void {
  const duration = input.durationMinutes
  if (errors.durationMinutes || !isInt(duration)) return
  const short = (start: string, end: string) => minutesOf(end) - minutesOf(start) < duration
  if (!errors.hours) {
    const h = (input.hours as OpeningHours[]).find((w) => short(w.start, w.end))
    if (h) errors.hours = `开放时间${h.start}–${h.end}短于一个时段（${duration}分钟），请延长或缩短时段`
  }
  if (!errors.exceptions) {
    const e = (input.exceptions as ScheduleException[]).find((x) => x.kind === 'extra' && short(x.start, x.end))
    if (e && e.kind === 'extra') errors.exceptions = `加开的场次（${e.date}）${e.start}–${e.end}短于一个时段（${duration}分钟）`
  }
}

/** A service as staff wrote it; {} when it can be saved. */
export function validateService(input: Raw): FieldErrors {
  const errors: FieldErrors = {}
  checkText(errors, 'name', input.name, '服务名称', BOOKING_LIMITS.nameMax)
  if (!SERVICE_KINDS.includes(input.kind as ServiceKind)) errors.kind = '请选择服务类别'
  checkText(errors, 'description', input.description, '服务说明', BOOKING_LIMITS.descriptionMax)
  checkText(errors, 'provider', input.provider, '服务提供方', BOOKING_LIMITS.providerMax)
  const location = input.location
  if (!isObj(location) || (location.kind !== 'home' && location.kind !== 'address')) errors.location = '请选择服务地点：地址或上门'
  else if (location.kind === 'address') checkText(errors, 'location', location.address, '服务地址', BOOKING_LIMITS.addressMax)
  checkInt(errors, 'durationMinutes', input.durationMinutes, '每个时段的时长', BOOKING_LIMITS.durationMin, BOOKING_LIMITS.durationMax, '分钟')
  checkInt(errors, 'bufferMinutes', input.bufferMinutes, '时段间隔', 0, BOOKING_LIMITS.bufferMax, '分钟')
  checkInt(errors, 'capacity', input.capacity, '每个时段的名额', 1, BOOKING_LIMITS.capacityMax, '个')
  if (!Array.isArray(input.eligibility) || input.eligibility.some((t) => !HOUSEHOLD_TAGS.includes(t as HouseholdTag)) || new Set(input.eligibility).size !== input.eligibility.length)
    errors.eligibility = '服务对象只能选高龄、残疾、低保（不选为所有已认证住户）'
  checkQuestions(errors, input.questions)
  if (typeof input.requiresConfirmation !== 'boolean') errors.requiresConfirmation = '请选择是否需要社区确认'
  checkRules(errors, input.rules)
  checkHours(errors, input.hours)
  checkExceptions(errors, input.exceptions)
  checkFits(errors, input)
  if (!['draft', 'published', 'retired'].includes(input.status as string)) errors.status = '请选择发布、草稿或停止预约'
  return errors
}

/** The opening hours and exceptions as stored: times as given, exceptions by date. */
export function normaliseSchedule(hours: OpeningHours[], exceptions: ScheduleException[]): { hours: OpeningHours[]; exceptions: ScheduleException[] } {
  return {
    hours: [...hours].sort((a, b) => a.weekday - b.weekday || minutesOf(a.start) - minutesOf(b.start)),
    exceptions: [...exceptions].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
  }
}

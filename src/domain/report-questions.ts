import type { ReportAnswers, ReportQuestion } from '../../types/domain'
import { instantProblem } from './instants'
import { textLength } from './text'
import type { FieldErrors } from './validation'

/**
 * A category's extra questions on the report form (an Open311 service definition's attributes):
 * the rules for their answers, the same for every adapter that asks them.
 */

/** An answer while the form is filled in: absent until the person answers. */
export type AnswerDraft = Partial<ReportAnswers>

/** The longest answer to a string (one line) and to a text question. */
/** What every backend says of answers sent to a category that asks no extra questions. */
export const NO_QUESTIONS_MESSAGE = '该类别没有需要填写的补充问题'

export const ANSWER_LIMITS = { string: 200, text: 2000 } as const

/** The field an answer's message is shown under (and a backend names): `attribute.<code>`. */
export function answerField(code: string): `attribute.${string}` {
  return `attribute.${code}`
}

/** Nothing answered: absent, blank text, or no option chosen. */
export function isBlankAnswer(answer: string | string[] | undefined): boolean {
  if (answer === undefined) return true
  return Array.isArray(answer) ? answer.length === 0 : answer.trim() === ''
}

/** The questions the person answers (information-only ones are shown, never asked). */
export function askedQuestions(questions: readonly ReportQuestion[]): ReportQuestion[] {
  return questions.filter((q) => q.asked)
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

function problemOf(question: ReportQuestion, answer: string | string[]): string | undefined {
  const keys = question.options.map((o) => o.value)
  switch (question.type) {
    case 'multivaluelist': {
      const chosen = Array.isArray(answer) ? answer : [answer]
      return chosen.every((key) => keys.includes(key)) ? undefined : `“${question.label}”的选项无效，请重新选择`
    }
    case 'singlevaluelist':
      return typeof answer === 'string' && keys.includes(answer) ? undefined : `“${question.label}”的选项无效，请重新选择`
    case 'number':
      return typeof answer === 'string' && NUMBER.test(answer.trim()) && Number.isFinite(Number(answer.trim())) ? undefined : `“${question.label}”请填写数字`
    case 'datetime':
      return typeof answer === 'string' && instantProblem(answer.trim()) === null ? undefined : `“${question.label}”请填写正确的日期和时间`
    case 'string':
    case 'text': {
      if (typeof answer !== 'string') return `“${question.label}”请填写文字`
      const max = ANSWER_LIMITS[question.type]
      const length = textLength(answer.trim())
      return length > max ? `“${question.label}”不能超过${max}个字（现在${length}个字）` : undefined
    }
  }
}

/**
 * Per-question messages in Chinese, keyed `attribute.<code>` (empty: valid). A required question
 * needs an answer; an answer given must fit its type (a number, a date and time with its offset, one
 * of the listed options, a text within its length). Information-only questions are never checked.
 */
export function validateAnswers(questions: readonly ReportQuestion[], answers: AnswerDraft): FieldErrors {
  const errors: FieldErrors = {}
  for (const question of askedQuestions(questions)) {
    const answer = answers[question.code]
    const key = answerField(question.code)
    if (isBlankAnswer(answer)) {
      if (question.required) errors[key] = question.type.endsWith('list') ? `请选择“${question.label}”` : `请填写“${question.label}”`
      continue
    }
    const problem = problemOf(question, answer as string | string[])
    if (problem) errors[key] = problem
  }
  return errors
}

/**
 * The answers to send: those of the asked questions only, blank ones left out, texts trimmed (an
 * answer kept from another category, or to an information-only question, never goes out).
 */
export function answersToSend(questions: readonly ReportQuestion[], answers: AnswerDraft): ReportAnswers {
  const out: ReportAnswers = {}
  for (const question of askedQuestions(questions)) {
    const answer = answers[question.code]
    if (answer === undefined || isBlankAnswer(answer)) continue
    out[question.code] = Array.isArray(answer) ? [...answer] : answer.trim()
  }
  return out
}

// ---- date and time answers (picked as a Beijing date and time of day) ----------------------------

const PICKED_DATE = /^\d{4}-\d{2}-\d{2}$/
const PICKED_TIME = /^([01]\d|2[0-3]):[0-5]\d$/
const BEIJING_ANSWER = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?\+08:00$/

/** A date (`YYYY-MM-DD`) and a time of day (`HH:mm`) picked in Beijing, as the ISO answer with +08:00. */
export function dateTimeAnswer(date: string, time: string): string | null {
  return PICKED_DATE.test(date) && PICKED_TIME.test(time) ? `${date}T${time}:00+08:00` : null
}

/** The Beijing date and time of day of a date and time answer (`''` for a part it does not hold). */
export function dateTimeParts(answer: string | string[] | undefined): { date: string; time: string } {
  if (typeof answer !== 'string' || instantProblem(answer) !== null) return { date: '', time: '' }
  const local = BEIJING_ANSWER.exec(answer)
  if (local) return { date: local[1], time: local[2] }
  // Another offset (kept from elsewhere): shown in Beijing time.
  const ms = Date.parse(answer) + 8 * 3_600_000
  const iso = new Date(ms).toISOString()
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) }
}

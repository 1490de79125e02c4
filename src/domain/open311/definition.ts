import type { FieldErrors } from '../validation'
import { textLength } from '../text'
import { flag, instantOrNull, itemsOf, numberOrNull, recordOrNull, textOrNull } from './values'

/**
 * A GeoReport v2 service definition (`services/{code}.json`) as extra questions of the report form,
 * and the rule that checks the answers (ADR 26).
 */

export type QuestionType = 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist'

export interface QuestionOption {
  /** The `key` posted as the answer. */
  value: string
  label: string
}

export interface Question {
  /** The attribute's `code`: posted as `attribute[code]`. */
  code: string
  /** The attribute's `description`: the question itself. */
  label: string
  /** `datatype_description`: a hint under the field. */
  hint: string
  type: QuestionType
  required: boolean
  order: number
  options: QuestionOption[]
  /**
   * `variable: false`: information shown on the form, never asked (nor posted). The spec makes
   * every other attribute a question.
   */
  asked: boolean
}

/** An answer: a text for every type but the multi value list (the chosen keys). */
export type Answer = string | string[]
export type Answers = Record<string, Answer | undefined>

const TYPES: readonly QuestionType[] = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']

/** The longest answer to a string (one line) and to a text question. */
export const ANSWER_LIMITS = { string: 200, text: 2000 } as const

/**
 * The questions of a definition, in `order` (ties and missing orders: in the definition's order).
 * An attribute without a code, of an unknown type, or a list without values is left out: asking
 * what cannot be answered would block the form.
 */
export function parseServiceDefinition(raw: unknown): Question[] {
  const attributes = itemsOf(recordOrNull(raw)?.attributes ?? (Array.isArray(raw) ? recordOrNull(raw[0])?.attributes : undefined))
  const questions: Array<Question & { index: number }> = []
  attributes.forEach((attribute, index) => {
    const code = textOrNull(attribute.code)
    const type = textOrNull(attribute.datatype)?.toLowerCase() as QuestionType | undefined
    if (code === null || !type || !TYPES.includes(type)) return
    const options = itemsOf(attribute.values)
      .map((v) => ({ value: textOrNull(v.key), label: textOrNull(v.name) ?? textOrNull(v.key) }))
      .filter((o): o is QuestionOption => o.value !== null && o.label !== null)
    const isList = type === 'singlevaluelist' || type === 'multivaluelist'
    if (isList && options.length === 0) return
    questions.push({
      code,
      label: textOrNull(attribute.description) ?? code,
      hint: textOrNull(attribute.datatype_description) ?? '',
      type,
      required: flag(attribute.required),
      order: numberOrNull(attribute.order) ?? Number.MAX_SAFE_INTEGER,
      options,
      asked: attribute.variable === undefined || attribute.variable === null ? true : flag(attribute.variable),
      index,
    })
  })
  return questions.sort((a, b) => a.order - b.order || a.index - b.index).map(({ index: _index, ...question }) => question)
}

function isBlank(answer: Answer | undefined): boolean {
  if (answer === undefined) return true
  return Array.isArray(answer) ? answer.length === 0 : answer.trim() === ''
}

function problemOf(question: Question, answer: Answer): string | undefined {
  const keys = question.options.map((o) => o.value)
  switch (question.type) {
    case 'multivaluelist': {
      const chosen = Array.isArray(answer) ? answer : [answer]
      return chosen.every((key) => keys.includes(key)) ? undefined : `“${question.label}”的选项无效，请重新选择`
    }
    case 'singlevaluelist':
      return typeof answer === 'string' && keys.includes(answer) ? undefined : `“${question.label}”的选项无效，请重新选择`
    case 'number':
      return typeof answer === 'string' && numberOrNull(answer) !== null ? undefined : `“${question.label}”请填写数字`
    case 'datetime':
      return typeof answer === 'string' && instantOrNull(answer) !== null ? undefined : `“${question.label}”请填写正确的日期和时间`
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
 * needs an answer; an answer given must fit its type (a number, a date and time, one of the listed
 * options, a text within its length). Information-only attributes are never checked.
 */
export function validateAnswers(questions: readonly Question[], answers: Answers): FieldErrors {
  const errors: FieldErrors = {}
  for (const question of questions) {
    if (!question.asked) continue
    const answer = answers[question.code]
    const key = `attribute.${question.code}`
    if (isBlank(answer)) {
      if (question.required) errors[key] = question.type.endsWith('list') ? `请选择“${question.label}”` : `请填写“${question.label}”`
      continue
    }
    const problem = problemOf(question, answer as Answer)
    if (problem) errors[key] = problem
  }
  return errors
}

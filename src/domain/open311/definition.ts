import type { ReportQuestion, ReportQuestionType } from '../../../types/domain'
import type { AnswerDraft } from '../report-questions'
import { flag, itemsOf, numberOrNull, recordOrNull, textOrNull } from './values'

/**
 * A GeoReport v2 service definition (`services/{code}.json`) as extra questions of the report form
 * (ADR 26). The answers' rules are the form's own, for every adapter (`../report-questions`).
 */

export { ANSWER_LIMITS, validateAnswers } from '../report-questions'

export type QuestionType = ReportQuestionType

/**
 * An attribute as a question: `code` is posted as `attribute[code]`, `description` is the label,
 * `datatype_description` the hint; `variable: false` is information shown, never asked (nor posted).
 */
export type Question = ReportQuestion

export type QuestionOption = ReportQuestion['options'][number]

/** An answer: a text for every type but the multi value list (the chosen keys). */
export type Answer = string | string[]
export type Answers = AnswerDraft

const TYPES: readonly QuestionType[] = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']

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

import { INSTANT_MESSAGES, instantProblem } from '../src/domain/instants'
import type { FieldErrors } from '../src/domain/validation'
import { badRequest, type HttpError } from './errors'

/** The part of an AJV error object the mapping reads (fastify attaches them as `error.validation`). */
export interface SchemaError {
  instancePath: string
  keyword: string
  params: Record<string, unknown>
  /** The value that failed (the validator runs with `verbose`). */
  data?: unknown
}

/** Wire names that read better as field names (headers are lower-kebab on the wire). */
const FIELD_NAME: Record<string, string> = { 'idempotency-key': 'idempotencyKey' }

/** Messages that say more than the generic one for a field. */
const FIELD_MESSAGE: Record<string, string> = {
  idempotencyKey: '提交编号无效，请重新提交',
  limit: '每页数量应为1到50',
  cursor: '分页参数无效，请刷新',
  move: '不支持的操作',
}

/** What a problem with the whole part (not one field) is called. */
const PART_NAME: Record<string, string> = { body: 'body', querystring: 'query', params: 'params', headers: 'headers' }

function fieldOf(error: SchemaError, context: string): string {
  const first = error.instancePath.split('/')[1]
  let name: string | undefined = first ? decodePointer(first) : undefined
  if (!name && error.keyword === 'required') name = String(error.params.missingProperty)
  if (!name && error.keyword === 'additionalProperties') name = String(error.params.additionalProperty)
  name = name || PART_NAME[context] || 'body'
  return FIELD_NAME[name] ?? name
}

function decodePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~')
}

function messageOf(error: SchemaError, field: string, atRoot: boolean): string {
  const limit = error.params.limit as number
  if (error.keyword === 'required' && atRoot) return '此项必填'
  if (error.keyword === 'additionalProperties' && atRoot) return '不支持此字段'
  if (FIELD_MESSAGE[field]) return FIELD_MESSAGE[field]
  // An instant the API takes: malformed, or outside years 2000–2100.
  if (error.keyword === 'format' && error.params.format === 'date-time') return INSTANT_MESSAGES[instantProblem(error.data) ?? 'format']
  switch (error.keyword) {
    case 'maxLength':
      return `不能超过${limit}个字`
    case 'minLength':
      return limit <= 1 ? '不能为空' : `至少需要${limit}个字`
    case 'maxItems':
      return `不能超过${limit}项`
    case 'minItems':
      return `至少需要${limit}项`
    case 'minimum':
      return `不能小于${limit}`
    case 'maximum':
      return `不能大于${limit}`
    default:
      return '格式不正确'
  }
}

/**
 * Turn schema errors into per-field Chinese messages keyed by the request's top-level field
 * (`description`, `location`, `photoIds`, `limit` …), the keys the app shows errors under. A field
 * that failed a union (location) gets one plain message instead of every branch's complaint.
 */
export function schemaErrorFields(errors: readonly SchemaError[], context = 'body'): FieldErrors {
  const byField = new Map<string, SchemaError[]>()
  for (const error of errors) {
    const field = fieldOf(error, context)
    byField.set(field, [...(byField.get(field) ?? []), error])
  }
  const fields: FieldErrors = {}
  for (const [field, list] of byField) {
    if (list.some((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')) {
      fields[field] = FIELD_MESSAGE[field] ?? '格式不正确'
      continue
    }
    const error = list[0]
    fields[field] = messageOf(error, field, error.instancePath.split('/').length <= 1)
  }
  return fields
}

/** A 400 for a request that does not match the route's schema. */
export function schemaError(errors: readonly SchemaError[], context?: string): HttpError {
  const fields = schemaErrorFields(errors, context)
  return badRequest(fields, `请求内容有误：${Object.values(fields)[0] ?? '格式不正确'}`)
}

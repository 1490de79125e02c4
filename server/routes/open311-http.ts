import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { SpecError } from '../../src/domain/open311/serve'
import { specErrorsOf } from '../../src/domain/open311/serve-submit'
import { toGeoReportXml } from '../../src/domain/open311/xml'
import { ApiError } from '../../src/core/errors'
import { statusOf } from '../errors'
import { toApiError } from '../plugins/errors'

/**
 * GeoReport v2 over HTTP for the server's `/open311/v2/` (ADR 27): the format a path asks for
 * (`.json` or `.xml`), answers written in it, form-encoded bodies, and every error in the spec's
 * shape — `[{code, description}]`, or `<errors><error><code/><description/></error></errors>` —
 * with a Chinese description, never the API's `{ error: { kind, message } }`.
 */

export type Format = 'json' | 'xml'

/** A refusal with the spec's error list (several at once, for a POST). */
export class Open311Refusal extends Error {
  constructor(
    readonly status: number,
    readonly errors: SpecError[],
  ) {
    super(errors[0]?.description ?? '请求有误')
    this.name = 'Open311Refusal'
  }
}

export const refuse = (status: number, description: string) => new Open311Refusal(status, [{ code: status, description }])

/** `services/streetlight.json` → the name and the format; null when the suffix is missing. */
export function splitFormat(file: string): { name: string; format: Format } | null {
  const match = /^(.+)\.(json|xml)$/.exec(file)
  return match ? { name: match[1], format: match[2] as Format } : null
}

/** The format of a request's path (its errors are written in it); JSON when it names none. */
export function formatOfUrl(url: string): Format {
  return url.split('?')[0].endsWith('.xml') ? 'xml' : 'json'
}

export function send(reply: FastifyReply, status: number, format: Format, root: string, value: unknown): FastifyReply {
  return reply
    .code(status)
    .header('content-type', format === 'json' ? 'application/json; charset=utf-8' : 'text/xml; charset=utf-8')
    .send(format === 'json' ? JSON.stringify(value) : toGeoReportXml(root, value))
}

export function sendErrors(reply: FastifyReply, status: number, format: Format, errors: SpecError[]): FastifyReply {
  return send(reply, status, format, 'errors', errors)
}

/** The status GeoReport answers a core error with: a broken rule is the spec's 400, not the API's 422. */
function statusFor(error: ApiError): number {
  const status = statusOf(error)
  return status === 422 ? 400 : status
}

const UNSUPPORTED_TYPE = '不支持的内容类型，请以 application/x-www-form-urlencoded 或 application/json 发送'

/** Any error of the scope as the spec's error list with its status. */
export function specAnswerOf(error: unknown): { status: number; errors: SpecError[]; retryAfterMs?: number } | null {
  if (error instanceof Open311Refusal) return { status: error.status, errors: error.errors }
  const known = toApiError(error as FastifyError)
  if (!known) return null
  const status = statusFor(known)
  const fields = Object.keys(known.fields)
  const errors = status === 415 ? [{ code: 415, description: UNSUPPORTED_TYPE }] : fields.length ? specErrorsOf(known.fields, status) : [{ code: status, description: known.message }]
  return { status, errors, retryAfterMs: known.retryAfterMs }
}

/**
 * The scope's error and not-found handlers: errors in GeoReport's shape, in the format the path
 * asks for; a path without a suffix, or one that is not GeoReport's, is a 404 in that shape too.
 */
export function speakGeoReportErrors(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const format = formatOfUrl(request.url)
    const answer = specAnswerOf(error)
    if (!answer) {
      request.log.error({ err: error }, 'open311: unexpected error')
      return sendErrors(reply, 500, format, [{ code: 500, description: '服务暂时不可用，请稍后重试' }])
    }
    if (answer.status >= 500) request.log.warn({ err: error }, 'open311: request failed')
    if (answer.retryAfterMs !== undefined && (answer.status === 429 || answer.status === 503)) reply.header('retry-after', Math.max(1, Math.ceil(answer.retryAfterMs / 1000)))
    return sendErrors(reply, answer.status, format, answer.errors)
  })
  app.setNotFoundHandler((request: FastifyRequest, reply) => {
    const path = request.url.split('?')[0]
    const suffixed = /\.(json|xml)$/.test(path)
    const description = suffixed ? `接口不存在：${request.method} ${path.slice(0, 100)}` : '请在地址末尾加上格式：.json 或 .xml'
    return sendErrors(reply, 404, formatOfUrl(path), [{ code: 404, description }])
  })
}

/** Names a form may not set on a plain object. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/** A form-encoded body as fields: one value as text, a repeated name as a list. */
export function formFields(body: string): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>
  for (const [key, value] of new URLSearchParams(body)) {
    if (UNSAFE_KEYS.has(key)) continue
    const earlier = fields[key]
    fields[key] = earlier === undefined ? value : [...(Array.isArray(earlier) ? earlier : [earlier]), value]
  }
  return fields
}

/** The spec's POST body: form-encoded (as GeoReport says), or the same fields in JSON. */
export function acceptForms(app: FastifyInstance): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) => {
    done(null, formFields(typeof body === 'string' ? body : body.toString('utf8')))
  })
}

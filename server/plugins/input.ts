/** Request hygiene before schema validation: strict query conversion, and no text the database cannot store (NUL, lone surrogates). */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { badRequest } from '../errors'

interface PropertySchema {
  type?: string
}

/**
 * Query strings are text; the contract's query schemas say `limit` is an integer and `overdueOnly` a
 * boolean. Bodies are validated strictly (no type coercion: `"anonymous": "yes"` is an error), so the
 * query's numbers and booleans are converted here, strictly: "20" → 20, "true" → true; "1.5", "",
 * "0x10" stay text and fail validation as they should.
 */
export function convertQueryStrings(app: FastifyInstance): void {
  app.addHook('preValidation', async (request: FastifyRequest) => {
    const schema = request.routeOptions.schema?.querystring as { properties?: Record<string, PropertySchema> } | undefined
    const query = request.query as Record<string, unknown> | undefined
    if (!schema?.properties || !query || typeof query !== 'object') return
    for (const [name, property] of Object.entries(schema.properties)) {
      const value = query[name]
      if (typeof value !== 'string') continue
      if (property.type === 'integer' && /^-?\d{1,15}$/.test(value)) query[name] = Number(value)
      else if (property.type === 'number' && /^-?\d{1,15}(\.\d{1,15})?$/.test(value)) query[name] = Number(value)
      else if (property.type === 'boolean' && (value === 'true' || value === 'false')) query[name] = value === 'true'
    }
  })
}

/**
 * An API route that takes no query string refuses one: an unknown parameter is a client's mistake
 * (or a probe), and answering as if it were not there hides it (`DELETE /profile?confirm=false`
 * must not delete the account as if nothing had been said). Routes with a query schema are strict
 * by their schema (`additionalProperties: false`). Outside the API (photo files with their
 * signature) the route's own rules apply.
 */
export function refuseUnknownQueries(app: FastifyInstance, apiPrefix: string): void {
  app.addHook('preValidation', async (request: FastifyRequest) => {
    if (request.routeOptions.schema?.querystring || !request.routeOptions.url?.startsWith(apiPrefix)) return
    const query = request.query as Record<string, unknown> | undefined
    const first = query && typeof query === 'object' ? Object.keys(query)[0] : undefined
    if (first !== undefined) throw badRequest({ [first]: '不支持此查询参数' })
  })
}

/**
 * Text PostgreSQL cannot store as sent: U+0000, or a lone UTF-16 surrogate (`"\ud800"` in JSON),
 * which would be stored altered (as U+FFFD) or fail in the database.
 */
function isBadText(text: string): boolean {
  return text.includes('\u0000') || !(text as string & { isWellFormed(): boolean }).isWellFormed()
}

/** The first top-level field holding bad text anywhere inside it (in a value or a key), if any; `part` for the part itself or a bad top-level key. */
function fieldWithBadText(value: unknown, part: string): string | null {
  if (!value || typeof value !== 'object') return typeof value === 'string' && isBadText(value) ? part : null
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    if (isBadText(key)) return part
    if (containsBadText(inner)) return key
  }
  return null
}

function containsBadText(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return isBadText(value)
  if (!value || typeof value !== 'object' || depth > 20) return false
  return Object.entries(value as Record<string, unknown>).some(([key, inner]) => isBadText(key) || containsBadText(inner, depth + 1))
}

/**
 * PostgreSQL text cannot hold U+0000, and a lone surrogate is no character at all: such a value
 * would fail in the database as a 500 or come back changed. Refuse it at the door as the field error
 * it is, in the path, the query and the body alike.
 */
export function refuseNulCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', async (request: FastifyRequest) => {
    for (const [part, value] of [
      ['params', request.params],
      ['query', request.query],
      ['body', request.body],
    ] as const) {
      const field = fieldWithBadText(value, part)
      if (field) throw badRequest({ [field]: '包含无效字符' })
    }
  })
}

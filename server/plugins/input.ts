/** Request hygiene before schema validation: strict query conversion, and no text the database cannot store. */
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

/** The first top-level field whose value holds a NUL anywhere inside it, if any. */
function fieldWithNul(value: unknown): string | null {
  if (!value || typeof value !== 'object') return typeof value === 'string' && value.includes('\u0000') ? 'body' : null
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) if (containsNul(inner)) return key
  return null
}

function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000')
  if (!value || typeof value !== 'object' || depth > 20) return false
  return Object.values(value as Record<string, unknown>).some((v) => containsNul(v, depth + 1))
}

/**
 * PostgreSQL text cannot hold U+0000: such a value would fail in the database as a 500. Refuse it
 * at the door as the field error it is.
 */
export function refuseNulCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', async (request: FastifyRequest) => {
    for (const part of [request.params, request.query, request.body]) {
      const field = fieldWithNul(part)
      if (field) throw badRequest({ [field]: '包含无效字符' })
    }
  })
}

import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { RateLimit, RateLimits } from './routes/deps'

/**
 * Rate limits on every write (ADR 20): burst protection per person per route, in memory per
 * process (@fastify/rate-limit, `global: false`). A route may set its own `config.rateLimit` (the
 * submissions, sign-in, redeeming a code do); every other POST, PUT, PATCH and DELETE of the API
 * gets one here, of the class `WRITE_CLASSES` names, `write` when it names none — so a new write
 * endpoint is limited the day it is added (and server/test/rate-limits.test.ts asks for its class).
 * Sustained abuse is the quotas' business (src/domain/quotas.ts), counted in the database.
 */

export type RateLimitClass = keyof Required<RateLimits>

/** Write routes (method and path under the API prefix, as the OpenAPI document writes them) whose class is not `write`. */
export const WRITE_CLASSES: Readonly<Record<string, RateLimitClass>> = {
  // An upload is up to 10 MB: a few reports' photos in a minute (a burst of big ones meets the hour's bytes quota).
  'POST /photos': 'upload',
  // What reaches other people's phones: as many as a submission.
  'POST /threads/{id}/messages': 'submit',
  'POST /threads/general/messages': 'submit',
  'POST /reports/{id}/messages': 'submit',
  'POST /notices': 'submit',
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** The signed-in person (many residents share a community's NAT); the client's IP before sign-in. */
export function personKey(request: FastifyRequest): string {
  return request.caller ? `user:${request.caller.actor.id}` : `ip:${request.ip}`
}

/** A route's `config.rateLimit` for a limit, keyed by person. */
export function perPerson(limit: RateLimit) {
  return { max: limit.max, timeWindow: limit.timeWindowMs, keyGenerator: personKey }
}

/**
 * Give every write route under `prefix` without a limit of its own the limit of its class. An
 * onRoute hook: add it before @fastify/rate-limit is registered, so the plugin sees the config.
 */
export function limitEveryWrite(app: FastifyInstance, prefix: string, limits: Required<RateLimits>): void {
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat().filter((m) => WRITES.has(m))
    if (methods.length === 0 || !route.url.startsWith(`${prefix}/`)) return
    const config = (route.config ?? {}) as { rateLimit?: unknown }
    if (config.rateLimit !== undefined) return
    // OpenAPI's {id} for Fastify's :id.
    const path = route.url.slice(prefix.length).replace(/:([A-Za-z0-9_]+)/g, '{$1}')
    const kind = WRITE_CLASSES[`${methods[0]} ${path}`] ?? 'write'
    route.config = { ...config, rateLimit: perPerson(limits[kind]) } as typeof route.config
  })
}

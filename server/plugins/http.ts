import type { FastifyInstance } from 'fastify'

/**
 * JSON in, with one allowance: an empty body is no body. `wx.request` sends
 * `Content-Type: application/json` on every method, so a POST without data (an accept without a
 * note, 附议) or a DELETE arrives as "empty JSON"; Fastify's default parser would refuse it.
 * Everything else is Fastify's own parser (prototype-poisoning protection included). text/plain is
 * not accepted at all (415).
 */
export function acceptJsonOnly(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error')
  app.removeContentTypeParser(['application/json', 'text/plain'])
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (typeof body === 'string' && body.trim() === '') return done(null, undefined)
    parseJson(request, body as string, done)
  })
}

/**
 * CORS for the H5 build served from another origin (the mini-program needs none). Off unless
 * origins are configured; `*` allows any origin (bearer tokens, no cookies, so no credentials).
 */
export function allowCrossOrigin(app: FastifyInstance, origins: readonly string[] | undefined): void {
  if (!origins || origins.length === 0) return
  const any = origins.includes('*')
  const allowed = (origin: string | undefined) => Boolean(origin) && (any || origins.includes(origin!))
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin
    if (!allowed(origin)) return
    reply.header('access-control-allow-origin', any ? '*' : origin)
    reply.header('vary', 'Origin')
    reply.header('access-control-expose-headers', 'retry-after, ratelimit-limit, ratelimit-remaining, ratelimit-reset, content-disposition')
  })
  app.options('/*', { schema: { hide: true } }, async (request, reply) => {
    if (!allowed(request.headers.origin)) return reply.code(404).send()
    return reply
      .header('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS')
      .header('access-control-allow-headers', 'authorization, content-type, idempotency-key')
      .header('access-control-max-age', '600')
      .code(204)
      .send()
  })
}

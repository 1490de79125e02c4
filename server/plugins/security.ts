import helmet from '@fastify/helmet'
import type { FastifyInstance } from 'fastify'

/** HSTS, on answers to requests that came over HTTPS only (see `secureHeaders`). */
export const HSTS = 'max-age=31536000; includeSubDomains'

/**
 * The Swagger UI's CSP (`/docs`): its HTML, scripts, styles and the document all come from this
 * server; its stylesheet draws icons as data: URIs. Nothing inline runs, nothing may frame it. One
 * inline style is allowed by its hash: the <style> of the small Swagger logo the bundle renders
 * (`.logo_small_svg__cls-2{fill:#fff}…`, @fastify/swagger-ui 5.2). Another version may change it:
 * a wrong hash only leaves that logo unstyled, and the browser's console names the new hash.
 */
export const DOCS_CSP = [
  "default-src 'self'",
  "base-uri 'self'",
  "connect-src 'self'",
  "font-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "img-src 'self' data:",
  "object-src 'none'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='",
].join('; ')

/**
 * Security headers on every answer (issue 13), for a JSON API:
 *
 * - `@fastify/helmet` with a CSP that lets a JSON answer load and frame nothing
 *   (`default-src 'none'; frame-ancestors 'none'`, the Swagger UI has its own: `DOCS_CSP`),
 *   `X-Frame-Options: DENY`, `Referrer-Policy: no-referrer`, `X-Content-Type-Options: nosniff`,
 *   `Cross-Origin-Resource-Policy: same-origin` (photo files: cross-origin, below), and helmet's other defaults.
 * - `Strict-Transport-Security` only on answers to requests that came over HTTPS (`request.protocol`,
 *   from `X-Forwarded-Proto` behind a trusted proxy): browsers ignore it over plain HTTP, and a
 *   development server on http://127.0.0.1 must not pin its host to HTTPS.
 * - `Cache-Control: no-store` on every answer whose route sets no caching of its own: sessions,
 *   tokens, phone numbers and every other personal answer are never stored by a browser or a proxy.
 *   A route that may be cached says so itself (photo files: immutable for a year).
 */
export async function secureHeaders(app: FastifyInstance): Promise<void> {
  // Photo files are fetched by <image>/<img> from wherever the app runs (the H5 build may be on
  // another origin, LINLI_CORS_ORIGINS); the unguessable URL is their permission.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/files/') && route.helmet === undefined) route.helmet = { crossOriginResourcePolicy: { policy: 'cross-origin' } }
  })
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"], frameAncestors: ["'none'"] },
    },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
  })
  app.addHook('onRequest', async (request, reply) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS)
  })
  app.addHook('onSend', async (_request, reply, payload) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store')
    return payload
  })
}

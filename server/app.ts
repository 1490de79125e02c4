import rateLimit from '@fastify/rate-limit'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import { API } from '../types/routes'
import type { WeChatAuth } from './auth/wechat'
import type { ContentCheck, ImageCheck, WeChatCodes } from '../src/core/context'
import type { Database } from './db/driver'
import { HttpError } from './errors'
import { PhotoUrlSigner, storedPhotoSecret } from './photos/signing'
import { MemoryPhotoStorage, type PhotoStorage } from './photos/storage'
import { limitEveryWrite } from './rate-limits'
import { postgresRateLimitStore } from './rate-limit-store'
import type { SessionChangeChannel } from './session-changes'
import { decorateAuth, photoUrlFor, requireSession } from './plugins/auth'
import { acceptJsonOnly, allowCrossOrigin } from './plugins/http'
import { connectionLimits, connectionServerOptions, limitConnections, type ConnectionLimits } from './plugins/connections'
import { DOCS_CSP, secureHeaders } from './plugins/security'
import { frameworkError, installErrorHandling } from './plugins/errors'
import { convertQueryStrings, refuseNulCharacters, refuseUnknownQueries } from './plugins/input'
import { cachedSerializers } from './plugins/serializers'
import type { RateLimits, RouteDeps } from './routes/deps'
import { adminRoutes } from './routes/admin'
import { communityRoutes } from './routes/communities'
import { dashboardRoutes } from './routes/dashboard'
import { householdRoutes } from './routes/households'
import { inviteRoutes } from './routes/invites'
import { profileRoutes } from './routes/profile'
import { handlingRoutes } from './routes/handling'
import { healthRoutes } from './routes/health'
import { photoFileRoutes, photoUploadRoutes } from './routes/photos'
import { messageRoutes } from './routes/messages'
import { moderationRoutes } from './routes/moderation'
import { noticeRoutes } from './routes/notices'
import { consultationRoutes } from './routes/consultation'
import { conventionRoutes } from './routes/conventions'
import { proposalRoutes } from './routes/proposals'
import { discussionRoutes } from './routes/discussions'
import { voteRoutes } from './routes/votes'
import { disclosureRoutes } from './routes/disclosures'
import { serviceRoutes } from './routes/services'
import { bookingRoutes } from './routes/bookings'
import { reportRoutes } from './routes/reports'
import { weChatCallbackRoutes } from './routes/wechat-callback'
import { sessionRoutes, signInRoutes } from './routes/session'
import { SHARED_SCHEMAS } from './schemas'
import { LogNotifier, type Notifier } from './notifications/notifier'
import { Housekeeping, type HousekeepingOptions } from './housekeeping'
import { JobWorker } from './jobs/worker'
import { createCore } from '../src/core/core'
import { instantProblem } from '../src/domain/instants'
import { createSqlStore } from './repositories'
import { serverRuntime } from './runtime'
import { Open311Service } from '../src/core/services/open311'
import { open311Repository } from './repositories/open311'
import { OPEN311_PREFIX, open311Routes } from './routes/open311'

export { createDatabase, migrate } from './db'
export type { Database } from './db'
export { seedDemo } from './demo-seed'
export { createWeChatAuth, WeChatAuthError, type WeChatAuth } from './auth/wechat'
export { LocalPhotoStorage, MemoryPhotoStorage, type PhotoStorage } from './photos/storage'
export { Housekeeping, type HousekeepingOptions, type SweepResult } from './housekeeping'
export { JobWorker, workerId } from './jobs/worker'
export { LogNotifier, WeChatSubscribeNotifier, silentNotifier, type Notifier, type StatusChange } from './notifications/notifier'
export { DEFAULT_CONNECTION_LIMITS, type ConnectionLimits } from './plugins/connections'
export { postgresSessionChanges, type SessionChangeChannel } from './session-changes'

export interface AppOptions {
  db: Database
  /** Demo mode: demo accounts and demo sign-in are on (they answer 404 otherwise). */
  demo?: boolean
  /**
   * The interactive docs (`/docs`) and the OpenAPI document (`/openapi.json`) are served (they
   * answer 404 otherwise); default: in demo mode only. `app.swagger()` answers the document either way.
   */
  docs?: boolean
  /** WeChat sign-in; absent: POST /session/wechat answers 501 not_supported. */
  weChatAuth?: WeChatAuth
  /**
   * WeChat mini-program codes for invites and the community code; absent: GET /invites/:id/qr-code
   * answers 501 and GET /community/join-code has no picture (the plain codes always work).
   */
  weChatCodes?: WeChatCodes
  /** Where photo bytes go; default in memory (server.ts passes local disk). */
  photoStorage?: PhotoStorage
  rateLimits?: Partial<RateLimits>
  /**
   * Where the rate limits count (ADR 30): `memory` (default: per process, @fastify/rate-limit's own
   * store) or `database` (the rate_limits table, shared by every process on one PostgreSQL;
   * server.ts's choice on PostgreSQL).
   */
  rateLimitStore?: 'memory' | 'database'
  /**
   * Several processes over one PostgreSQL (ADR 30): what this process's session cache drops is
   * told to the others, and what they drop is dropped here (`postgresSessionChanges`). The app
   * starts listening when ready and closes the channel with itself. Absent: one process.
   */
  sessionChanges?: SessionChangeChannel
  /** The per-person quotas (ADR 20); default on. Off only for load tests (`npm run bench`). */
  quotas?: boolean
  /**
   * Told when a report someone follows changes status (default: a log line per notification;
   * server.ts passes WeChat subscribe messages when configured).
   */
  notifier?: Notifier
  /**
   * Checks every text others read before it is published (issue 13; server.ts passes the word list
   * of LINLI_CONTENT_WORDS, or the built-in one). Default: everything passes.
   */
  contentCheck?: ContentCheck
  /** The clock of every rule (deadlines, sessions); tests move it. */
  now?: () => Date
  tokenTtlHours?: number
  /**
   * Absolute base of photo URLs (https://linli.example.com); required unless `demo` (photo URLs are
   * never built from the request's Host). A demo server without it uses a loopback or LAN Host, else
   * the address the connection came to (ADR 0019).
   */
  publicUrl?: string
  /** The key of signed photo URLs (ADR 0019); default: one made once and kept in the database. */
  photoSecret?: string
  maxPhotoBytes?: number
  /** JSON body limit in bytes (default 256 KB). */
  bodyLimit?: number
  logger?: FastifyServerOptions['logger']
  trustProxy?: boolean
  /** Origins allowed to call from a browser (the H5 build); `['*']` for any. Off by default. */
  corsOrigins?: string[]
  /**
   * How often expired sessions, old idempotency keys and orphan photos are removed (default every
   * 6 hours, the first pass one interval after start; 0: never).
   */
  housekeepingEveryMs?: number
  housekeeping?: HousekeepingOptions
  /**
   * How often this process runs the due booking jobs (reminders, a slot's start and end) from the
   * jobs table (default every 5 s; 0: never — another process runs them). Driven by `now`.
   */
  jobsEveryMs?: number
  /** The job worker's name (default host:pid:random, unique per process). */
  workerId?: string
  /**
   * Checks photos asynchronously (issue 13: WeChat's mediaCheckAsync); default: every photo passes.
   * The checker fetches photos at `publicUrl` (set it: without it, the URL would come from the
   * upload's Host header, which a client chooses).
   */
  imageCheck?: ImageCheck
  /** How long an upload waits for the photo checker's first answer (default 1000 ms). */
  imageCheckWaitMs?: number
  /**
   * WeChat's message push (GET/POST /wechat/callback, the verdicts of mediaCheckAsync): the Token
   * of the admin console and the mini-program's AppID; absent, the route does not exist.
   */
  weChatCallback?: { token: string; appId?: string; maxSkewMs?: number; earlyVerdictWaitMs?: number }
  /**
   * Connection timeouts and caps (`DEFAULT_CONNECTION_LIMITS`; the per-address cap is off with
   * `trustProxy`). Applied by `buildApp` (they are the Fastify instance's), not by `linliApp`.
   */
  connections?: Partial<ConnectionLimits>
  /** The Open311 GeoReport v2 endpoint (`/open311/v2/`, ADR 27): at most this many requests per GET (default 1,000). */
  open311?: { maxRequests?: number }
}

const HOUSEKEEPING_EVERY_MS = 6 * 3_600_000
const JOBS_EVERY_MS = 5_000

export const DEFAULT_RATE_LIMITS: Required<RateLimits> = {
  submit: { max: 60, timeWindowMs: 60_000 },
  signIn: { max: 120, timeWindowMs: 60_000 },
  // An invite code is 8 of 31 characters: 10 tries per 10 minutes per person makes guessing hopeless.
  redeem: { max: 10, timeWindowMs: 10 * 60_000 },
  upload: { max: 30, timeWindowMs: 60_000 },
  write: { max: 120, timeWindowMs: 60_000 },
}

const MB = 1024 * 1024

/**
 * The Linli API as a Fastify plugin (fastify/demo style): everything but listening. `buildApp` wraps
 * it in a configured instance; `server.ts` listens. Registered into an instance of your own, give it
 * the validator options of `buildApp` (no coercion, no removal of unknown fields, its `date-time`
 * format), or bodies with extra fields would be trimmed instead of refused.
 */
export const linliApp: FastifyPluginAsyncTypebox<AppOptions> = async (app, options) => {
  const now = options.now ?? (() => new Date())
  refuseHostBasedUrls(options)
  const storage = options.photoStorage ?? new MemoryPhotoStorage()
  const photoSigner = new PhotoUrlSigner(options.photoSecret ?? (await storedPhotoSecret(options.db)), now)
  const store = createSqlStore(options.db)
  const core = createCore(store, serverRuntime(now), {
    demo: options.demo ?? false,
    quotas: options.quotas,
    weChat: options.weChatAuth,
    weChatCodes: options.weChatCodes,
    sessionTtlHours: options.tokenTtlHours ?? 720,
    // A signed-in request costs no extra round trip (the list and detail endpoints are bound by the
    // Node thread, see `npm run bench`): another process may honour a signed-out token up to 30 s.
    // sessionChanges (several processes, ADR 30) brings that down to the time a NOTIFY takes.
    sessionCacheMs: 30_000,
    sessionChanges: options.sessionChanges,
    notifier: options.notifier ?? new LogNotifier(app.log),
    log: app.log,
    contentCheck: options.contentCheck,
    imageCheck: options.imageCheck,
    imageCheckWaitMs: options.imageCheckWaitMs,
    // WeChat fetches the photo it checks at the public base, through a signed URL like any reader's.
    imageCheckUrl: options.publicUrl
      ? photoUrlFor({ storage, signer: photoSigner, publicUrl: options.publicUrl, demo: options.demo ?? false }, options.publicUrl.replace(/\/+$/, ''))
      : undefined,
  })
  const deps: RouteDeps = {
    db: options.db,
    core,
    storage,
    rateLimits: {
      submit: options.rateLimits?.submit ?? DEFAULT_RATE_LIMITS.submit,
      signIn: options.rateLimits?.signIn ?? DEFAULT_RATE_LIMITS.signIn,
      redeem: options.rateLimits?.redeem ?? DEFAULT_RATE_LIMITS.redeem,
      upload: options.rateLimits?.upload ?? DEFAULT_RATE_LIMITS.upload,
      write: options.rateLimits?.write ?? DEFAULT_RATE_LIMITS.write,
    },
    maxPhotoBytes: options.maxPhotoBytes ?? 10 * MB,
    publicUrl: options.publicUrl,
    photoSigner,
  }

  const changes = options.sessionChanges
  if (changes) {
    app.addHook('onReady', async () => changes.listen(core.sessions))
    app.addHook('onClose', async () => changes.close())
  }

  const housekeeping = new Housekeeping(options.db, storage, now, app.log, options.housekeeping)
  const every = options.housekeepingEveryMs ?? HOUSEKEEPING_EVERY_MS
  if (every > 0) {
    const timer = setInterval(() => {
      housekeeping.sweep().catch((error: unknown) => app.log.error({ err: error }, 'housekeeping failed'))
    }, every)
    timer.unref()
    app.addHook('onClose', async () => clearInterval(timer))
  }
  const jobsEvery = options.jobsEveryMs ?? JOBS_EVERY_MS
  if (jobsEvery > 0) {
    const worker = new JobWorker(core.bookings.jobs, app.log, { everyMs: jobsEvery, id: options.workerId })
    app.addHook('onReady', async () => worker.start())
    app.addHook('onClose', async () => worker.stop())
  }

  installErrorHandling(app)
  await secureHeaders(app)
  acceptJsonOnly(app)
  allowCrossOrigin(app, options.corsOrigins)
  convertQueryStrings(app)
  refuseUnknownQueries(app, API.prefix)
  refuseNulCharacters(app)
  decorateAuth(app)
  for (const schema of SHARED_SCHEMAS) app.addSchema(schema)

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Linli 邻里 API',
        version: '1.0.0',
        description: 'The reference server of Linli. Every error answers `{ error: { kind, message, fields? } }` (ErrorBody).',
      },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    },
    // Shared schemas keep their $id as their name in components.schemas.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
    transformObject: (document) => ('openapiObject' in document ? describeUpload(document.openapiObject) : document.swaggerObject),
  })
  if (options.docs ?? options.demo ?? false) {
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      // No badge from validator.swagger.io: the page loads nothing from elsewhere (DOCS_CSP).
      uiConfig: { docExpansion: 'list', deepLinking: true, validatorUrl: null },
      staticCSP: DOCS_CSP,
    })
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
  }

  // Limits are per route (config.rateLimit; every write has one, ADR 20); errors are ours, with the wait in milliseconds.
  limitEveryWrite(app, API.prefix, deps.rateLimits)
  await app.register(rateLimit, {
    global: false,
    ...(options.rateLimitStore === 'database' ? { store: postgresRateLimitStore(options.db) } : {}),
    errorResponseBuilder: (_request, context) =>
      new HttpError('rate_limited', '操作太频繁，请稍后再试', { retryAfterMs: Math.max(0, Math.round(context.ttl)) }),
  })

  await app.register(healthRoutes, deps)
  // Open311 GeoReport v2 for partner systems, outside the API: its own keys, formats and error shape (ADR 27).
  const open311 = new Open311Service(store, open311Repository(options.db), serverRuntime(now), core.reports, options.open311?.maxRequests)
  await app.register(open311Routes, { prefix: OPEN311_PREFIX, open311, rateLimits: deps.rateLimits, publicUrl: options.publicUrl, demo: options.demo ?? false, now })
  await app.register(photoFileRoutes, deps)
  if (options.weChatCallback) await app.register(weChatCallbackRoutes, { core, now, ...options.weChatCallback })
  await app.register(
    async (api) => {
      await api.register(signInRoutes, deps)
      await api.register(async (secured) => {
        secured.addHook('onRequest', requireSession(core.sessions, { storage, signer: photoSigner, publicUrl: options.publicUrl, demo: options.demo ?? false }))
        await secured.register(sessionRoutes, deps)
        await secured.register(photoUploadRoutes, deps)
        await secured.register(reportRoutes, deps)
        await secured.register(handlingRoutes, deps)
        await secured.register(messageRoutes, deps)
        await secured.register(noticeRoutes, deps)
        await secured.register(consultationRoutes, deps)
        await secured.register(conventionRoutes, deps)
        await secured.register(proposalRoutes, deps)
        await secured.register(discussionRoutes, deps)
        await secured.register(voteRoutes, deps)
        await secured.register(disclosureRoutes, deps)
        await secured.register(serviceRoutes, deps)
        await secured.register(bookingRoutes, deps)
        await secured.register(dashboardRoutes, deps)
        await secured.register(communityRoutes, deps)
        await secured.register(householdRoutes, deps)
        await secured.register(inviteRoutes, deps)
        await secured.register(profileRoutes, deps)
        await secured.register(adminRoutes, deps)
        await secured.register(moderationRoutes, deps)
      })
    },
    { prefix: API.prefix },
  )
}

/**
 * The upload's body is read as a stream (not validated as a schema), so the document learns its
 * shape here: one binary part named "file".
 */
function describeUpload<T extends { paths?: Record<string, unknown> }>(document: T): T {
  const upload = (document.paths?.[`${API.prefix}${API.photos}`] as { post?: Record<string, unknown> } | undefined)?.post
  if (upload) {
    upload.requestBody = {
      required: true,
      content: {
        'multipart/form-data': {
          schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: 'JPEG、PNG 或 WebP' } } },
        },
      },
    }
  }
  return document
}

/** Outside demo mode photo URLs need the public base: the request's Host is the client's to write. */
function refuseHostBasedUrls(options: AppOptions): void {
  if (!options.demo && !options.publicUrl) throw new Error('publicUrl (LINLI_PUBLIC_URL) is required unless demo mode is on')
}

/** A ready-to-use Fastify instance serving the Linli API (not listening). */
export function buildApp(options: AppOptions): FastifyInstance {
  refuseHostBasedUrls(options)
  const limits = connectionLimits(options.connections, options.trustProxy)
  const app = Fastify({
    ...connectionServerOptions(limits),
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: options.bodyLimit ?? 256 * 1024,
    // Our ids and paths are short; keep the router's limit modest.
    routerOptions: { maxParamLength: 200 },
    // A bad percent-encoding in the path (a lone surrogate) or a path too long: our typed 4xx.
    frameworkErrors: frameworkError,
    // Response serializers built once per process, not once per instance (plugins/serializers.ts).
    schemaController: { compilersFactory: { buildSerializer: cachedSerializers } },
    ajv: {
      customOptions: {
        // Bodies are checked as sent: no coercion ("yes" is not a boolean), no silent removal of
        // extra fields (a resident's `status` is refused, not dropped). Query strings are converted
        // by plugins/query-strings.ts.
        coerceTypes: false,
        removeAdditional: false,
        useDefaults: false,
        // Every field's problem at once, for the form. Safe here: every string and array in the
        // contract has a maximum, and bodies are capped by bodyLimit.
        allErrors: true,
        // Errors carry the value that failed: an instant's message says malformed or out of range.
        verbose: true,
      },
      // Every instant the API takes (format date-time) is the domain's instant: ISO with its offset,
      // a real day, years 2000–2100 (src/domain/instants.ts). After ajv-formats, which would redefine it.
      onCreate: (ajv) => {
        ajv.addFormat('date-time', { type: 'string', validate: (text: string) => instantProblem(text) === null })
      },
    },
  }).withTypeProvider<TypeBoxTypeProvider>()
  limitConnections(app.server, limits, app.log)
  // Registered on the instance itself (as fastify-plugin would), not in a child context: what the
  // API decorates is the instance's, `app.swagger()` (the OpenAPI document, /docs on or off) included.
  app.register(Object.assign(linliApp.bind(null), { [Symbol.for('skip-override')]: true }) as typeof linliApp, options)
  return app as unknown as FastifyInstance
}

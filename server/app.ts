import rateLimit from '@fastify/rate-limit'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import { API } from '../types/routes'
import type { WeChatAuth } from './auth/wechat'
import type { WeChatCodes } from '../src/core/context'
import type { Database } from './db/driver'
import { HttpError } from './errors'
import { MemoryPhotoStorage, type PhotoStorage } from './photos/storage'
import { decorateAuth, requireSession } from './plugins/auth'
import { acceptJsonOnly, allowCrossOrigin } from './plugins/http'
import { answerFrameworkError, installErrorHandling } from './plugins/errors'
import { convertQueryStrings, refuseNulCharacters } from './plugins/input'
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
import { sessionRoutes, signInRoutes } from './routes/session'
import { SHARED_SCHEMAS } from './schemas'
import { LogNotifier, type Notifier } from './notifications/notifier'
import { Housekeeping, type HousekeepingOptions } from './housekeeping'
import { JobWorker } from './jobs/worker'
import { createCore } from '../src/core/core'
import { createSqlStore } from './repositories'
import { serverRuntime } from './runtime'

export { createDatabase, migrate } from './db'
export type { Database } from './db'
export { seedDemo } from './demo-seed'
export { createWeChatAuth, WeChatAuthError, type WeChatAuth } from './auth/wechat'
export { LocalPhotoStorage, MemoryPhotoStorage, type PhotoStorage } from './photos/storage'
export { Housekeeping, type HousekeepingOptions, type SweepResult } from './housekeeping'
export { JobWorker, workerId } from './jobs/worker'
export { LogNotifier, WeChatSubscribeNotifier, silentNotifier, type Notifier, type StatusChange } from './notifications/notifier'

export interface AppOptions {
  db: Database
  /** Demo mode: demo accounts and demo sign-in are on (they answer 404 otherwise). */
  demo?: boolean
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
   * Told when a report someone follows changes status (default: a log line per notification;
   * server.ts passes WeChat subscribe messages when configured).
   */
  notifier?: Notifier
  /** The clock of every rule (deadlines, sessions); tests move it. */
  now?: () => Date
  tokenTtlHours?: number
  /** Absolute base of photo URLs (https://linli.example.com); default: the host each request came to. */
  publicUrl?: string
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
}

const HOUSEKEEPING_EVERY_MS = 6 * 3_600_000
const JOBS_EVERY_MS = 5_000

export const DEFAULT_RATE_LIMITS: Required<RateLimits> = {
  submit: { max: 60, timeWindowMs: 60_000 },
  signIn: { max: 120, timeWindowMs: 60_000 },
  // An invite code is 8 of 31 characters: 10 tries per 10 minutes per person makes guessing hopeless.
  redeem: { max: 10, timeWindowMs: 10 * 60_000 },
}

const MB = 1024 * 1024

/**
 * The Linli API as a Fastify plugin (fastify/demo style): everything but listening. `buildApp` wraps
 * it in a configured instance; `server.ts` listens. Registered into an instance of your own, give it
 * the validator options of `buildApp` (no coercion, no removal of unknown fields), or bodies with
 * extra fields would be trimmed instead of refused.
 */
export const linliApp: FastifyPluginAsyncTypebox<AppOptions> = async (app, options) => {
  const now = options.now ?? (() => new Date())
  const storage = options.photoStorage ?? new MemoryPhotoStorage()
  const core = createCore(createSqlStore(options.db), serverRuntime(now), {
    demo: options.demo ?? false,
    weChat: options.weChatAuth,
    weChatCodes: options.weChatCodes,
    sessionTtlHours: options.tokenTtlHours ?? 720,
    // A signed-in request costs no extra round trip (the list and detail endpoints are bound by the
    // Node thread, see `npm run bench`): another process may honour a signed-out token up to 30 s.
    sessionCacheMs: 30_000,
    notifier: options.notifier ?? new LogNotifier(app.log),
    log: app.log,
  })
  const deps: RouteDeps = {
    db: options.db,
    core,
    storage,
    rateLimits: {
      submit: options.rateLimits?.submit ?? DEFAULT_RATE_LIMITS.submit,
      signIn: options.rateLimits?.signIn ?? DEFAULT_RATE_LIMITS.signIn,
      redeem: options.rateLimits?.redeem ?? DEFAULT_RATE_LIMITS.redeem,
    },
    maxPhotoBytes: options.maxPhotoBytes ?? 10 * MB,
    publicUrl: options.publicUrl,
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
  acceptJsonOnly(app)
  allowCrossOrigin(app, options.corsOrigins)
  convertQueryStrings(app)
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
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', deepLinking: true } })
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())

  // Limits are per route (config.rateLimit); errors are ours, with the wait in milliseconds.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new HttpError('rate_limited', '操作太频繁，请稍后再试', { retryAfterMs: Math.max(0, Math.round(context.ttl)) }),
  })

  await app.register(healthRoutes, deps)
  await app.register(photoFileRoutes, deps)
  await app.register(
    async (api) => {
      await api.register(signInRoutes, deps)
      await api.register(async (secured) => {
        secured.addHook('onRequest', requireSession(core.sessions, storage, options.publicUrl))
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

/** A ready-to-use Fastify instance serving the Linli API (not listening). */
export function buildApp(options: AppOptions): FastifyInstance {
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: options.bodyLimit ?? 256 * 1024,
    // Our ids and paths are short; keep the router's limit modest.
    routerOptions: { maxParamLength: 200 },
    // A path the router refuses (broken percent-encoding, a parameter over the limit) gets the typed body too.
    frameworkErrors: answerFrameworkError,
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
      },
    },
  }).withTypeProvider<TypeBoxTypeProvider>()
  app.register(linliApp, options)
  return app as unknown as FastifyInstance
}

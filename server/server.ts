/**
 * The listening entry of the Linli reference server: read the environment, open and migrate the
 * database, seed the demo community in demo mode, listen, and close cleanly on SIGINT/SIGTERM.
 * Everything else is `app.ts`.
 *
 * With LINLI_PROCESSES=N > 1 (ADR 30; PostgreSQL only) this process is the cluster's primary
 * (./cluster.ts): it migrates and seeds once, then forks N workers that each run `serve` without
 * migrating and listen on the same port (node:cluster hands them the connections in turn).
 */
import cluster from 'node:cluster'
import { join } from 'node:path'
import { runPrimary, workerShutdownRequests } from './cluster'
import { buildApp } from './app'
import { createWeChatAuth, createWeChatCodes, WeChatAccessToken } from './auth'
import type { ContentCheck, ImageCheck, Log, WeChatCodes } from '../src/core/context'
import { ConfigError, loadConfig, redactUrl, type ServerConfig } from './config'
import { createDatabase, DataDirInUseError, migrate, type Database } from './db'
import { WeChatSubscribeNotifier, type Notifier } from './notifications/notifier'
import { LocalPhotoStorage } from './photos/storage'
import { seedDemo } from './demo-seed'
import { createWeChatImageCheck } from './moderation/wechat-image-check'
import { createWeChatTextCheck } from './moderation/wechat-text-check'
import { wordList, wordListCheck } from '../src/domain/moderation/words'
import { strictestOf } from '../src/core/context'
import { postgresSessionChanges } from './session-changes'

async function main(): Promise<void> {
  const config = loadConfig(process.env, { serving: true })
  if (config.processes > 1 && cluster.isPrimary) return runPrimary(config, prepareDatabase)
  return serve(config, cluster.isWorker)
}

/**
 * What happens once per database before serving: migrations (under their advisory lock), and the
 * demo community in demo mode when there is none. Returns the migrations applied and whether the
 * demo was seeded.
 */
async function prepareDatabase(db: Database, config: ServerConfig): Promise<{ applied: string[]; seeded: boolean }> {
  const applied = await migrate(db)
  let seeded = false
  if (config.demo) {
    const [{ count }] = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM communities')
    if (count === 0) {
      await seedDemo(db)
      seeded = true
    }
  }
  return { applied, seeded }
}

/** One process serving HTTP: the only one (LINLI_PROCESSES=1), or a cluster's worker (`worker`: the primary prepared the database). */
async function serve(config: ServerConfig, worker: boolean): Promise<void> {
  const started = Date.now()
  // A cluster's worker closes when its primary says so, or when the primary is gone; told so before
  // it listens, it has nothing in flight and simply exits.
  let close: ((why: string) => void) | null = null
  if (worker) workerShutdownRequests((why) => (close ? close(why) : process.exit(0)))
  let app: ReturnType<typeof buildApp> | undefined
  // Status changes reach residents as WeChat subscribe messages when configured, else as log lines.
  let notifier: Notifier | undefined
  // WeChat's server API at WECHAT_API_BASE_URL: sign-in, and one access_token cache shared by the
  // subscribe messages and the mini-program codes.
  const weChat = config.weChat
  const weChatTokens = weChat ? new WeChatAccessToken({ appId: weChat.appId, secret: weChat.secret, baseUrl: weChat.baseUrl }) : undefined
  if (weChat && config.subscribe) {
    notifier = new WeChatSubscribeNotifier({ appId: weChat.appId, secret: weChat.secret, baseUrl: weChat.baseUrl, tokens: weChatTokens, ...config.subscribe })
  }
  const weChatCodes: WeChatCodes | undefined = weChat
    ? createWeChatCodes({ appId: weChat.appId, secret: weChat.secret, baseUrl: weChat.baseUrl, envVersion: weChat.envVersion, tokens: weChatTokens })
    : undefined
  // Content security (issue 13): WeChat's msgSecCheck and mediaCheckAsync, on the shared token cache.
  const checkLog: Log = { warn: (details, message) => app?.log.warn(details, message) }
  // The word list (LINLI_CONTENT_WORDS or the built-in one) always applies; it also answers for
  // authors WeChat cannot check (no openid).
  const words = wordListCheck(wordList(config.contentWords.entries))
  let contentCheck: ContentCheck = words
  let imageCheck: ImageCheck | undefined
  if (config.contentCheck === 'wechat' && weChat && weChatTokens) {
    contentCheck = strictestOf([words, createWeChatTextCheck({ tokens: weChatTokens, baseUrl: weChat.baseUrl, log: checkLog, fallback: words })])
    imageCheck = createWeChatImageCheck({ tokens: weChatTokens, baseUrl: weChat.baseUrl, log: checkLog })
  }
  const db: Database = await createDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onPoolError: (error) => app?.log.error({ err: error }, 'database pool: idle client error'),
  })
  try {
    const prepared = worker ? null : await prepareDatabase(db, config)
    // On PostgreSQL, other processes may serve the same database (a cluster's workers, other
    // machines): session changes are told to them and rate limits counted in the database (ADR 30).
    const onPostgres = db.kind === 'postgres' && config.listenDatabaseUrl !== undefined
    app = buildApp({
      db,
      sessionChanges: onPostgres
        ? postgresSessionChanges({ db, connectionString: config.listenDatabaseUrl!, log: { info: (d, m) => app?.log.info(d, m), warn: (d, m) => app?.log.warn(d, m) } })
        : undefined,
      rateLimitStore: onPostgres ? 'database' : 'memory',
      demo: config.demo,
      docs: config.docs,
      weChatAuth: weChat ? createWeChatAuth({ appId: weChat.appId, secret: weChat.secret, baseUrl: weChat.baseUrl, web: weChat.web }) : undefined,
      // Mini-program codes for invites and the community code (社区码), sharing the access-token cache.
      weChatCodes,
      photoStorage: new LocalPhotoStorage(join(config.dataDir, 'photos')),
      rateLimits: config.rateLimits,
      notifier,
      tokenTtlHours: config.tokenTtlHours,
      jobsEveryMs: config.jobsEveryMs,
      publicUrl: config.publicUrl,
      photoSecret: config.photoSecret,
      trustProxy: config.trustProxy,
      corsOrigins: config.corsOrigins,
      // Texts others read pass the word list, and WeChat's msgSecCheck when configured (issue 13).
      contentCheck,
      imageCheck,
      weChatCallback: config.weChatCallbackToken && weChat ? { token: config.weChatCallbackToken, appId: weChat.appId } : undefined,
      connections: config.connections,
      logger: { level: config.logLevel, redact: ['req.headers.authorization'] },
    })
    const log = app.log
    log.info(
      {
        db: db.kind,
        where: config.databaseUrl ? redactUrl(config.databaseUrl) : join(config.dataDir, 'pg'),
        ...(prepared ? { migrationsApplied: prepared.applied } : { preparedBy: 'the primary' }),
      },
      'database ready',
    )
    if (prepared?.seeded) log.info('demo community 映月社区 seeded')
    if (config.demo) {
      log.warn('DEMO MODE: demo sign-in is ON — anyone can sign in as any demo account without a password. Never run a real community with LINLI_DEMO=1.')
    }
    log.info({ contentWords: config.contentWords.source, entries: config.contentWords.entries.length }, 'content check: word list')
    if (!weChat) log.info('WeChat login is disabled (set WECHAT_APPID and WECHAT_SECRET); POST /api/v1/session/wechat answers 501')
    else {
      log.info({ weChatApi: redactUrl(weChat.baseUrl), webSignIn: Boolean(weChat.web) }, 'WeChat login is on')
      if (!weChat.web) log.info('WeChat web sign-in (H5 inside WeChat) is off (set WECHAT_WEB_APPID and WECHAT_WEB_SECRET); via=web answers 501')
    }
    log.info(
      notifier
        ? 'status changes are sent as WeChat subscribe messages (LINLI_SUBSCRIBE_TEMPLATE_ID)'
        : 'status changes are logged, not sent (set WECHAT_APPID, WECHAT_SECRET and LINLI_SUBSCRIBE_TEMPLATE_ID for subscribe messages)',
    )
    log.info(
      imageCheck
        ? 'content check: texts by WeChat msgSecCheck, photos by mediaCheckAsync (verdicts at /wechat/callback)'
        : 'content check: texts by the word list, photos unchecked (set LINLI_CONTENT_CHECK=wechat for WeChat content security)',
    )
    await app.listen({ port: config.port, host: config.host })
    const docs = config.docs ?? config.demo
    log.info(
      { startupMs: Date.now() - started, ...(worker ? { worker: cluster.worker?.id } : {}), ...(docs ? { docs: '/docs', openapi: '/openapi.json' } : {}) },
      'Linli server listening',
    )
    if (!docs) log.info('the API docs (/docs, /openapi.json) are off (LINLI_DOCS=1 to serve them)')
  } catch (error) {
    await app?.close().catch(() => undefined)
    await db.close().catch(() => undefined)
    throw error
  }

  let closing = false
  const shutdown = (signal: string, escalate = true) => {
    if (closing) {
      // A worker is told by its primary and may get the terminal's Ctrl-C too: only a signal repeated exits at once.
      if (!escalate) return
      app!.log.warn(`${signal} again: exiting now`)
      process.exit(1)
    }
    closing = true
    app!.log.info(`${signal}: closing (in-flight requests finish first)`)
    const force = setTimeout(() => {
      app!.log.error('still closing after 10 s: exiting')
      process.exit(1)
    }, 10_000)
    force.unref()
    app!
      .close()
      .then(() => db.close())
      .then(() => process.exit(0))
      .catch((error) => {
        console.error(error)
        process.exit(1)
      })
  }
  // A worker's repeated signal is the terminal's Ctrl-C reaching the whole group after its primary
  // told it to close: the primary decides when to stop waiting.
  process.once('SIGINT', () => shutdown('SIGINT', !worker))
  process.once('SIGTERM', () => shutdown('SIGTERM', !worker))
  close = (why) => shutdown(why, false)
}

main().catch((error) => {
  if (error instanceof ConfigError || error instanceof DataDirInUseError) console.error(error.message)
  else console.error('Linli server failed to start:', error)
  process.exit(1)
})

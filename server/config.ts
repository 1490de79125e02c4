import { resolve } from 'node:path'
import { DEFAULT_WECHAT_API_BASE_URL } from './auth/wechat-http'
import type { RateLimits } from './routes/deps'
import { loadContentWords } from './content-words'
import type { WordEntry } from '../src/domain/moderation/words'
import { DEFAULT_CONNECTION_LIMITS, type ConnectionLimits } from './plugins/connections'

/** Everything the server reads from the environment, read and checked in one place. */
export interface ServerConfig {
  port: number
  host: string
  dataDir: string
  databaseUrl?: string
  /**
   * How many server processes answer on the port (LINLI_PROCESSES, default 1; ADR 30): N > 1 forks N
   * workers with node:cluster, over one PostgreSQL (DATABASE_URL is required: PGlite is one process's).
   */
  processes: number
  /**
   * Where the connection that LISTENs for other processes' session changes goes
   * (LINLI_LISTEN_DATABASE_URL; default DATABASE_URL): past a transaction-mode PgBouncer, to
   * PostgreSQL itself or a session-mode pool. On PostgreSQL every server process listens (ADR 30),
   * one or several per machine, on one machine or several.
   */
  listenDatabaseUrl?: string
  demo: boolean
  /**
   * WeChat's server API: the mini-program's AppID/AppSecret (WECHAT_APPID, WECHAT_SECRET), where
   * WeChat is (WECHAT_API_BASE_URL, default https://api.weixin.qq.com; a stand-in in tests), which
   * mini-program version its codes open (WECHAT_CODE_ENV_VERSION), and web authorization's 公众号
   * (WECHAT_WEB_APPID, WECHAT_WEB_SECRET) for the H5 app opened inside WeChat.
   */
  weChat?: {
    appId: string
    secret: string
    baseUrl: string
    envVersion: 'release' | 'trial' | 'develop'
    web?: { appId: string; secret: string }
  }
  /**
   * WeChat subscribe messages on status changes (needs weChat); unset: notifications are logged.
   * `consultationTemplateId` (a second template): votes opened and published, proposals answered or
   * on the agenda are sent too; unset, those are not sent.
   */
  subscribe?: {
    templateId: string
    page?: string
    miniprogramState?: 'developer' | 'trial' | 'formal'
    consultationTemplateId?: string
    /** A third template for bookings (reminders, a seat from the waitlist, confirmed …); unset, those are logged. */
    bookingTemplateId?: string
    /** A fourth template for moderation decisions, to the held text's author; unset, those are logged. */
    moderationTemplateId?: string
  }
  /** How often the durable booking jobs (reminders) are run, in ms (LINLI_JOBS_EVERY_MS; 0: not by this process). */
  jobsEveryMs: number
  tokenTtlHours: number
  /** The absolute base of photo URLs (LINLI_PUBLIC_URL); required unless demo (never the request's Host). */
  publicUrl?: string
  /** The key of signed photo URLs (LINLI_PHOTO_SECRET); unset: one generated once and kept in the database. */
  photoSecret?: string
  trustProxy: boolean
  corsOrigins: string[]
  logLevel: string
  rateLimits: RateLimits
  /**
   * What checks the text and photos residents publish (LINLI_CONTENT_CHECK, issue 13): `off`
   * (default: everything passes) or `wechat` (msgSecCheck and mediaCheckAsync; needs weChat,
   * WECHAT_CALLBACK_TOKEN for the verdicts on photos, and LINLI_PUBLIC_URL for WeChat to fetch them).
   */
  contentCheck: 'off' | 'wechat'
  /** The Token (令牌) of the mini-program's message push (WECHAT_CALLBACK_TOKEN): /wechat/callback is on. */
  weChatCallbackToken?: string
  /** The content check's word list (LINLI_CONTENT_WORDS: a file replacing the built-in list), issue 13. */
  contentWords: { source: string; entries: WordEntry[] }
  /** `/docs` and `/openapi.json` (LINLI_DOCS); unset: the app's default (on in demo mode only). */
  docs?: boolean
  /**
   * Connection timeouts and caps (LINLI_HEADERS_TIMEOUT_MS, LINLI_REQUEST_TIMEOUT_MS,
   * LINLI_KEEP_ALIVE_TIMEOUT_MS, LINLI_IDLE_TIMEOUT_MS, LINLI_MAX_CONNECTIONS_PER_ADDRESS,
   * LINLI_MAX_CONNECTIONS); the per-address cap is absent when unset (the app's default depends on LINLI_TRUST_PROXY).
   */
  connections: Partial<ConnectionLimits>
}

export class ConfigError extends Error {
  constructor(problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`)
    this.name = 'ConfigError'
  }
}

type Env = Record<string, string | undefined>

/**
 * `serving`: for the process that answers HTTP (server.ts), which needs LINLI_PUBLIC_URL unless in
 * demo mode; tools on the same environment (admin, seed) build no URLs and do not.
 */
export function loadConfig(env: Env = process.env, { serving = false }: { serving?: boolean } = {}): ServerConfig {
  const problems: string[] = []
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]
    if (raw === undefined || raw === '') return fallback
    const value = Number(raw)
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`)
      return fallback
    }
    return value
  }
  const flag = (name: string): boolean => {
    const raw = (env[name] ?? '').toLowerCase()
    if (raw === '' || raw === '0' || raw === 'false' || raw === 'no') return false
    if (raw === '1' || raw === 'true' || raw === 'yes') return true
    problems.push(`${name} must be 1 or 0 (got "${env[name]}")`)
    return false
  }

  const appId = env.WECHAT_APPID?.trim()
  const secret = env.WECHAT_SECRET?.trim()
  if (Boolean(appId) !== Boolean(secret)) problems.push('WECHAT_APPID and WECHAT_SECRET must be set together')
  const weChatBaseUrl = (env.WECHAT_API_BASE_URL?.trim() || DEFAULT_WECHAT_API_BASE_URL).replace(/\/+$/, '')
  if (!isHttpUrl(weChatBaseUrl)) problems.push(`WECHAT_API_BASE_URL must be an http(s) URL without credentials or query (got "${redactUrl(weChatBaseUrl)}")`)
  const webAppId = env.WECHAT_WEB_APPID?.trim()
  const webSecret = env.WECHAT_WEB_SECRET?.trim()
  if (Boolean(webAppId) !== Boolean(webSecret)) problems.push('WECHAT_WEB_APPID and WECHAT_WEB_SECRET must be set together')
  if (webAppId && webSecret && !(appId && secret)) problems.push('WECHAT_WEB_APPID needs WECHAT_APPID and WECHAT_SECRET (the mini-program) too')
  const envVersion = env.WECHAT_CODE_ENV_VERSION?.trim() || 'release'
  if (!['release', 'trial', 'develop'].includes(envVersion)) {
    problems.push(`WECHAT_CODE_ENV_VERSION must be release, trial or develop (got "${envVersion}")`)
  }

  const templateId = env.LINLI_SUBSCRIBE_TEMPLATE_ID?.trim() || undefined
  if (templateId && !(appId && secret)) problems.push('LINLI_SUBSCRIBE_TEMPLATE_ID needs WECHAT_APPID and WECHAT_SECRET')
  const consultationTemplateId = env.LINLI_SUBSCRIBE_CONSULTATION_TEMPLATE_ID?.trim() || undefined
  if (consultationTemplateId && !templateId) problems.push('LINLI_SUBSCRIBE_CONSULTATION_TEMPLATE_ID needs LINLI_SUBSCRIBE_TEMPLATE_ID (and WeChat) too')
  const bookingTemplateId = env.LINLI_SUBSCRIBE_BOOKING_TEMPLATE_ID?.trim() || undefined
  if (bookingTemplateId && !templateId) problems.push('LINLI_SUBSCRIBE_BOOKING_TEMPLATE_ID needs LINLI_SUBSCRIBE_TEMPLATE_ID (and WeChat) too')
  const moderationTemplateId = env.LINLI_SUBSCRIBE_MODERATION_TEMPLATE_ID?.trim() || undefined
  if (moderationTemplateId && !templateId) problems.push('LINLI_SUBSCRIBE_MODERATION_TEMPLATE_ID needs LINLI_SUBSCRIBE_TEMPLATE_ID (and WeChat) too')
  const subscribePage = env.LINLI_SUBSCRIBE_PAGE?.trim() || undefined
  const miniprogramState = env.LINLI_SUBSCRIBE_STATE?.trim() || undefined
  if (miniprogramState && !['developer', 'trial', 'formal'].includes(miniprogramState)) {
    problems.push(`LINLI_SUBSCRIBE_STATE must be developer, trial or formal (got "${miniprogramState}")`)
  }

  const publicUrl = env.LINLI_PUBLIC_URL?.trim() || undefined
  if (publicUrl && !/^https?:\/\/[^\s/]+/.test(publicUrl)) problems.push(`LINLI_PUBLIC_URL must be an http(s) URL (got "${publicUrl}")`)
  if (serving && !publicUrl && !/^(1|true|yes)$/i.test(env.LINLI_DEMO ?? '')) problems.push('LINLI_PUBLIC_URL is required unless LINLI_DEMO=1 (photo URLs are never built from the request\'s Host)')
  const photoSecret = env.LINLI_PHOTO_SECRET?.trim() || undefined
  if (photoSecret && photoSecret.length < 32) problems.push('LINLI_PHOTO_SECRET must be at least 32 characters (or unset: one is generated and kept in the database)')
  const databaseUrl = env.DATABASE_URL?.trim() || undefined
  const contentCheck = env.LINLI_CONTENT_CHECK?.trim().toLowerCase() || 'off'
  if (contentCheck !== 'off' && contentCheck !== 'wechat') problems.push(`LINLI_CONTENT_CHECK must be off or wechat (got "${env.LINLI_CONTENT_CHECK}")`)
  const callbackToken = env.WECHAT_CALLBACK_TOKEN?.trim() || undefined
  // The admin console's rule for the Token: 3 to 32 letters and digits.
  if (callbackToken && !/^[A-Za-z0-9]{3,32}$/.test(callbackToken)) problems.push('WECHAT_CALLBACK_TOKEN must be 3 to 32 letters and digits')
  if (callbackToken && !(appId && secret)) problems.push('WECHAT_CALLBACK_TOKEN needs WECHAT_APPID and WECHAT_SECRET')
  if (contentCheck === 'wechat') {
    if (!(appId && secret)) problems.push('LINLI_CONTENT_CHECK=wechat needs WECHAT_APPID and WECHAT_SECRET')
    if (!callbackToken) problems.push('LINLI_CONTENT_CHECK=wechat needs WECHAT_CALLBACK_TOKEN (photo verdicts come by message push)')
    if (!publicUrl) problems.push('LINLI_CONTENT_CHECK=wechat needs LINLI_PUBLIC_URL (WeChat fetches the photos there)')
  }
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL must start with postgres:// or postgresql://')
  const processes = int('LINLI_PROCESSES', 1, 1, 64)
  if (processes > 1 && !databaseUrl) {
    problems.push(`LINLI_PROCESSES=${processes} needs DATABASE_URL: the embedded database (PGlite) is one process's; several processes share one PostgreSQL`)
  }
  const listenDatabaseUrl = env.LINLI_LISTEN_DATABASE_URL?.trim() || undefined
  if (listenDatabaseUrl && !/^postgres(ql)?:\/\//.test(listenDatabaseUrl)) problems.push('LINLI_LISTEN_DATABASE_URL must start with postgres:// or postgresql://')
  if (listenDatabaseUrl && !databaseUrl) problems.push('LINLI_LISTEN_DATABASE_URL needs DATABASE_URL')

  const docs = env.LINLI_DOCS?.trim() ? flag('LINLI_DOCS') : undefined
  const timeout = (name: string, fallback: number) => int(name, fallback, 1_000, 3_600_000)
  const headersTimeoutMs = timeout('LINLI_HEADERS_TIMEOUT_MS', DEFAULT_CONNECTION_LIMITS.headersTimeoutMs)
  const requestTimeoutMs = timeout('LINLI_REQUEST_TIMEOUT_MS', DEFAULT_CONNECTION_LIMITS.requestTimeoutMs)
  if (headersTimeoutMs > requestTimeoutMs) problems.push('LINLI_HEADERS_TIMEOUT_MS must not be longer than LINLI_REQUEST_TIMEOUT_MS (the headers are part of the request)')
  const connections: Partial<ConnectionLimits> = {
    headersTimeoutMs,
    requestTimeoutMs,
    keepAliveTimeoutMs: timeout('LINLI_KEEP_ALIVE_TIMEOUT_MS', DEFAULT_CONNECTION_LIMITS.keepAliveTimeoutMs),
    idleTimeoutMs: timeout('LINLI_IDLE_TIMEOUT_MS', DEFAULT_CONNECTION_LIMITS.idleTimeoutMs),
    // Unset: the app's default, which depends on LINLI_TRUST_PROXY (behind a proxy every connection is the proxy's).
    ...(env.LINLI_MAX_CONNECTIONS_PER_ADDRESS?.trim() ? { maxConnectionsPerAddress: int('LINLI_MAX_CONNECTIONS_PER_ADDRESS', 0, 0, 1_000_000) } : {}),
    maxConnections: int('LINLI_MAX_CONNECTIONS', DEFAULT_CONNECTION_LIMITS.maxConnections, 0, 1_000_000),
  }

  const config: ServerConfig = {
    port: int('PORT', 3000, 0, 65535),
    host: env.HOST?.trim() || '127.0.0.1',
    dataDir: resolve(env.LINLI_DATA_DIR?.trim() || './.linli-data'),
    databaseUrl,
    processes,
    ...(databaseUrl ? { listenDatabaseUrl: listenDatabaseUrl ?? databaseUrl } : {}),
    demo: flag('LINLI_DEMO'),
    docs,
    weChat:
      appId && secret
        ? {
            appId,
            secret,
            baseUrl: weChatBaseUrl,
            envVersion: envVersion as 'release' | 'trial' | 'develop',
            ...(webAppId && webSecret ? { web: { appId: webAppId, secret: webSecret } } : {}),
          }
        : undefined,
    subscribe:
      templateId && appId && secret
        ? {
            templateId,
            ...(subscribePage ? { page: subscribePage } : {}),
            ...(miniprogramState ? { miniprogramState: miniprogramState as 'developer' | 'trial' | 'formal' } : {}),
            ...(consultationTemplateId ? { consultationTemplateId } : {}),
            ...(bookingTemplateId ? { bookingTemplateId } : {}),
            ...(moderationTemplateId ? { moderationTemplateId } : {}),
          }
        : undefined,
    jobsEveryMs: int('LINLI_JOBS_EVERY_MS', 5_000, 0, 3_600_000),
    tokenTtlHours: int('LINLI_TOKEN_TTL_HOURS', 720, 1, 24 * 365),
    publicUrl,
    photoSecret,
    trustProxy: flag('LINLI_TRUST_PROXY'),
    connections,
    corsOrigins: (env.LINLI_CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim().replace(/\/+$/, ''))
      .filter(Boolean),
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    rateLimits: {
      submit: { max: int('LINLI_RATE_SUBMIT_PER_MIN', 60, 1, 1_000_000), timeWindowMs: 60_000 },
      signIn: { max: int('LINLI_RATE_SIGNIN_PER_MIN', 120, 1, 1_000_000), timeWindowMs: 60_000 },
      redeem: { max: int('LINLI_RATE_REDEEM_PER_10_MIN', 10, 1, 1_000_000), timeWindowMs: 10 * 60_000 },
      upload: { max: int('LINLI_RATE_UPLOAD_PER_MIN', 30, 1, 1_000_000), timeWindowMs: 60_000 },
      write: { max: int('LINLI_RATE_WRITE_PER_MIN', 120, 1, 1_000_000), timeWindowMs: 60_000 },
    },
    contentCheck: contentCheck === 'wechat' ? 'wechat' : 'off',
    ...(callbackToken ? { weChatCallbackToken: callbackToken } : {}),
    contentWords: loadContentWords(env.LINLI_CONTENT_WORDS?.trim() || undefined, problems),
  }
  if (problems.length) throw new ConfigError(problems)
  return config
}

/** An absolute http(s) URL with a host (and no credentials: they would end up in logs). */
function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && !url.username && !url.password && !url.search && !url.hash
  } catch {
    return false
  }
}

/** The connection string without its password, for logs. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')
}

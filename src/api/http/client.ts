import type { InboxQuery, LocalPhoto, NewReportInput, NoticeInput, PageQuery, TimeRange } from '../../../types/api'
import { API, IDEMPOTENCY_HEADER } from '../../../types/routes'
import type { NetworkStatus } from '../../platform/network'
import type { KeyValueStorage } from '../../platform/storage'
import { unsupported } from '../capabilities'
import type { ApiClient, DashboardApi, HandlingApi, MessagesApi, NoticesApi } from '../client'
import { ApiError, isApiError } from '../errors'
import { authHeader, SessionVault } from './auth'
import type {
  DashboardQueryBody,
  DashboardStatsBody,
  DemoAccountBody,
  DirectoryBody,
  HandlerMoveBody,
  InboxQueryBody,
  MessageBody,
  MessageInputBody,
  MessagePageBody,
  MessageThreadBody,
  MoveBody,
  NewReportBody,
  NoticeBody,
  NoticeInputBody,
  NoticePageBody,
  NoticeReceiptsBody,
  OnBehalfReportBody,
  PageQueryBody,
  PhotoBody,
  PublicQueryBody,
  RatingBody,
  ReplyTemplateBody,
  ReportBody,
  ReportDetailBody,
  ReportPageBody,
  ReportSummaryBody,
  SessionBody,
  UnreadCountBody,
} from './contract-types'
import {
  backoffDelay,
  DEFAULT_BACKOFF,
  errorFromResponse,
  isRepeatable,
  isTransient,
  sleep as realSleep,
  unexpectedBody,
  withTimeout,
} from './policy'
import { taroTransport } from './taro-transport'
import type { HttpMethod, Transport } from './transport'

export interface HttpClientOptions {
  /** The server's origin, e.g. `https://linli.example.org` (the `/api/v1` prefix is added here). */
  baseUrl: string
  /** Device storage: the session token and the last confirmed session live here. */
  storage: KeyValueStorage
  /** When given, requests fail with `network` at once while the device is offline. */
  network?: NetworkStatus
  /** Defaults to `taroTransport()`. */
  transport?: Transport
  now?: () => Date
  /** Per request; default 15 s. */
  timeoutMs?: number
  /** Per photo upload; default 60 s (wx.request's own maximum). */
  uploadTimeoutMs?: number
  /** How many times a repeatable request is tried again after a transient failure; default 2 (3 tries). */
  retries?: number
  /** Waits between tries (tests pass a fake). */
  sleep?: (ms: number) => Promise<void>
  /** Jitter source, 0 ≤ r < 1. */
  random?: () => number
}

type Query = Record<string, string | number | boolean | undefined>

interface Call {
  method: HttpMethod
  path: string
  query?: Query
  body?: unknown
  idempotencyKey?: string
  /** Whether a 2xx body has the shape the contract promises (checked shallowly; the server validates its answers). */
  accept: (data: unknown) => boolean
  /** Overrides the repeat rule of `isRepeatable`. */
  retry?: boolean
  timeoutMs?: number
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
const has = (value: unknown, key: string, type: 'string' | 'object' | 'array') => {
  if (!isObject(value)) return false
  const field = value[key]
  return type === 'array' ? Array.isArray(field) : type === 'object' ? isObject(field) : typeof field === 'string'
}
const SHAPES = {
  anything: () => true,
  session: (d: unknown) => has(d, 'token', 'string') && has(d, 'user', 'object') && has(d, 'expiresAt', 'string'),
  list: (d: unknown) => Array.isArray(d),
  directory: (d: unknown) => has(d, 'community', 'object') && has(d, 'categories', 'array') && has(d, 'grids', 'array'),
  photo: (d: unknown) => has(d, 'id', 'string') && has(d, 'url', 'string'),
  report: (d: unknown) => has(d, 'id', 'string') && has(d, 'status', 'string') && has(d, 'photos', 'array'),
  summary: (d: unknown) => has(d, 'id', 'string') && has(d, 'status', 'string'),
  detail: (d: unknown) => has(d, 'report', 'object') && has(d, 'timeline', 'array') && has(d, 'allowedActions', 'array'),
  page: (d: unknown) => has(d, 'items', 'array'),
  message: (d: unknown) => has(d, 'id', 'string') && has(d, 'threadId', 'string') && has(d, 'body', 'string'),
  notice: (d: unknown) => has(d, 'id', 'string') && has(d, 'title', 'string') && has(d, 'scope', 'object') && typeof (d as { read?: unknown }).read === 'boolean',
  receipts: (d: unknown) => has(d, 'noticeId', 'string') && has(d, 'unreadHouseholds', 'array'),
  count: (d: unknown) => isObject(d) && Number.isInteger(d.count) && (d.count as number) >= 0,
  dashboard: (d: unknown) => has(d, 'byStatus', 'object') && has(d, 'daily', 'array') && typeof (d as { received?: unknown }).received === 'number',
}

function queryString(query: Query | undefined): string {
  const parts = Object.entries(query ?? {})
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
  return parts.length ? `?${parts.join('&')}` : ''
}

/** The object without its undefined fields (what JSON would send anyway, but plain to see in tests). */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}

const pageQuery = (query: PageQuery = {}): PageQueryBody => ({ cursor: query.cursor, limit: query.limit })

/** The contract's body of a new report (only the fields it names: a stray field would be a 400). */
const newReportBody = (input: NewReportInput): NewReportBody => ({
  categoryId: input.categoryId,
  description: input.description,
  photoIds: input.photoIds,
  location: input.location,
  anonymous: input.anonymous,
})

/**
 * The HTTP adapter: the ApiClient port over the reference server's REST API (`types/routes.ts`),
 * with the contract's bodies (`types/contract.ts`). Each request goes through the same steps: offline
 * check → auth header → transport with a timeout → error mapping (a 401 drops the session) → retry
 * with backoff when repeatable and transient.
 */
export function createHttpClient(options: HttpClientOptions): ApiClient {
  const transport = options.transport ?? taroTransport()
  const root = options.baseUrl.replace(/\/+$/, '') + API.prefix
  const network = options.network
  const timeoutMs = options.timeoutMs ?? 15_000
  const uploadTimeoutMs = options.uploadTimeoutMs ?? 60_000
  const retries = options.retries ?? 2
  const wait = options.sleep ?? realSleep
  const backoff = { ...DEFAULT_BACKOFF, random: options.random ?? DEFAULT_BACKOFF.random }
  const vault = new SessionVault(options.storage, options.now ?? (() => new Date()))
  const offline = () => network !== undefined && !network.isOnline()

  /** An answer to a request sent with `token`: the body, or the ApiError it stands for. */
  function read<T>(status: number, data: unknown, headers: Record<string, string>, token: string | null, accept: (d: unknown) => boolean): T {
    if (status === 401 && token) vault.forgetToken(token)
    if (status < 200 || status >= 300) throw errorFromResponse(status, data, headers)
    if (!accept(data)) throw unexpectedBody()
    return data as T
  }

  async function once<T>(call: Call): Promise<T> {
    if (offline()) throw new ApiError('network')
    const token = vault.token()
    const headers: Record<string, string> = { accept: 'application/json', ...authHeader(token) }
    if (call.body !== undefined) headers['content-type'] = 'application/json'
    if (call.idempotencyKey !== undefined) headers[IDEMPOTENCY_HEADER] = call.idempotencyKey
    const limit = call.timeoutMs ?? timeoutMs
    let res
    try {
      res = await withTimeout(
        transport.request({ method: call.method, url: root + call.path + queryString(call.query), headers, data: call.body, timeoutMs: limit }),
        limit,
      )
    } catch (error) {
      throw isApiError(error) ? error : new ApiError('network')
    }
    return read<T>(res.status, res.data, res.headers ?? {}, token, call.accept)
  }

  async function send<T>(call: Call): Promise<T> {
    const repeatable = call.retry ?? isRepeatable(call.method, call.idempotencyKey)
    const tries = repeatable ? 1 + Math.max(0, retries) : 1
    for (let attempt = 1; ; attempt++) {
      try {
        return await once<T>(call)
      } catch (thrown) {
        const error = isApiError(thrown) ? thrown : new ApiError('server')
        if (attempt >= tries || !isTransient(error) || offline()) throw error
        const delay = backoffDelay(attempt, error, backoff)
        if (delay === null) throw error
        await wait(delay)
      }
    }
  }

  const signedIn = (session: SessionBody): SessionBody => {
    vault.remember(session)
    return session
  }

  const move =
    (name: HandlerMoveBody) =>
    (id: string, input: Partial<MoveBody> = {}): Promise<ReportDetailBody> => {
      const body: MoveBody = {
        note: input.note,
        reason: input.reason,
        photoIds: input.photoIds,
        assignee: input.assignee && { kind: input.assignee.kind, id: input.assignee.id },
        target: input.target && { kind: input.target.kind, id: input.target.id },
        intoReportId: input.intoReportId,
      }
      return send<ReportDetailBody>({ method: 'POST', path: API.move(id, name), body: compact(body), accept: SHAPES.detail })
    }

  const handling: HandlingApi = {
    listInbox: (query: InboxQuery = {}) => {
      const q: InboxQueryBody = {
        ...pageQuery(query),
        status: query.status?.length ? query.status.join(',') : undefined,
        categoryId: query.categoryId,
        gridId: query.gridId,
        overdueOnly: query.overdueOnly,
        escalatedOnly: query.escalatedOnly,
      }
      return send<ReportPageBody>({ method: 'GET', path: API.inbox, query: q, accept: SHAPES.page })
    },
    accept: move('accept'),
    reject: move('reject'),
    assign: move('assign'),
    transfer: move('transfer'),
    progress: move('progress'),
    resolve: move('resolve'),
    merge: move('merge'),
    escalate: move('escalate'),
    close: move('close'),
    // 代报: a submission like any other (idempotency key, repeated on a transient failure).
    submitOnBehalf: (input: NewReportInput, { idempotencyKey }) => {
      if (!input.onBehalfOf) {
        return Promise.reject(new ApiError('validation', '请选择为哪一户代报', { fields: { onBehalfOf: '请选择为哪一户代报' } }))
      }
      const body: OnBehalfReportBody = {
        ...newReportBody(input),
        onBehalfOf: compact({
          buildingId: input.onBehalfOf.buildingId,
          room: input.onBehalfOf.room,
          name: input.onBehalfOf.name,
          phone: input.onBehalfOf.phone,
        }),
      }
      return send<ReportBody>({ method: 'POST', path: API.onBehalf, body, idempotencyKey, accept: SHAPES.report })
    },
    listReplyTemplates: () => send<ReplyTemplateBody[]>({ method: 'GET', path: API.replyTemplates, accept: SHAPES.list }),
  }

  // Posting a message or publishing a notice is not repeated after a lost answer (it may have
  // happened): the user sees the error and decides. Marking read is harmless to repeat.
  const messages: MessagesApi = {
    listThreads: () => send<MessageThreadBody[]>({ method: 'GET', path: API.threads, accept: SHAPES.list }),
    listMessages: (threadId, query) =>
      send<MessagePageBody>({ method: 'GET', path: API.threadMessages(threadId), query: pageQuery(query), accept: SHAPES.page }),
    send: (to, text) => {
      const body: MessageInputBody = { body: text }
      const path = to === 'general' ? API.generalMessages : 'reportId' in to ? API.reportMessages(to.reportId) : API.threadMessages(to.threadId)
      return send<MessageBody>({ method: 'POST', path, body, accept: SHAPES.message })
    },
    markRead: async (threadId) => {
      await send({ method: 'POST', path: API.threadRead(threadId), accept: SHAPES.anything, retry: true })
    },
    unreadCount: async () => (await send<UnreadCountBody>({ method: 'GET', path: API.messagesUnreadCount, accept: SHAPES.count })).count,
  }

  const notices: NoticesApi = {
    list: (query) => send<NoticePageBody>({ method: 'GET', path: API.notices, query: pageQuery(query), accept: SHAPES.page }),
    get: (id) => send<NoticeBody>({ method: 'GET', path: API.notice(id), accept: SHAPES.notice }),
    publish: (input: NoticeInput) => {
      const body: NoticeInputBody = compact({
        title: input.title,
        body: input.body,
        scope: input.scope.kind === 'community' ? { kind: 'community' as const } : { kind: 'buildings' as const, buildingIds: input.scope.buildingIds },
        urgent: input.urgent,
        pinned: input.pinned,
        expiresAt: input.expiresAt,
      })
      return send<NoticeBody>({ method: 'POST', path: API.notices, body, accept: SHAPES.notice })
    },
    markRead: async (id) => {
      await send({ method: 'POST', path: API.noticeRead(id), accept: SHAPES.anything, retry: true })
    },
    receipts: (id) => send<NoticeReceiptsBody>({ method: 'GET', path: API.noticeReceipts(id), accept: SHAPES.receipts }),
    unreadCount: async () => (await send<UnreadCountBody>({ method: 'GET', path: API.noticesUnreadCount, accept: SHAPES.count })).count,
  }

  const dashboard: DashboardApi = {
    get: (range: TimeRange) => {
      const query: DashboardQueryBody = { from: range.from, to: range.to }
      return send<DashboardStatsBody>({ method: 'GET', path: API.dashboard, query, accept: SHAPES.dashboard })
    },
  }

  return {
    mode: 'http',
    capabilities: {
      demoSignIn: true,
      wechatSignIn: true,
      reports: true,
      photoUpload: true,
      meToo: true,
      handling: true,
      messages: true,
      notices: true,
      conventions: false,
      services: false,
      dashboard: true,
    },

    session: {
      // A server outside demo mode has no demo accounts and answers 404.
      listDemoAccounts: () =>
        send<DemoAccountBody[]>({ method: 'GET', path: API.demoAccounts, accept: SHAPES.list }).catch((error: unknown) => {
          if (isApiError(error) && error.kind === 'not_found') return []
          throw error
        }),
      signInDemo: (userId) =>
        send<SessionBody>({ method: 'POST', path: API.demoSignIn, body: { userId }, accept: SHAPES.session }).then(signedIn),
      signInWithWeChat: (code) =>
        send<SessionBody>({ method: 'POST', path: API.weChatSignIn, body: { code }, accept: SHAPES.session }).then(signedIn),

      /**
       * The server's word on the stored token; when the server cannot be reached, the session it last
       * confirmed (until that expires), so the app opens signed in offline and the outbox can wait.
       */
      current: async () => {
        if (!vault.token()) return null
        const cached = vault.cached()
        if (offline()) return cached
        try {
          // One quick try when there is a cached session to fall back on: do not hold up app start.
          const session = await send<SessionBody>({
            method: 'GET',
            path: API.session,
            accept: SHAPES.session,
            retry: cached ? false : undefined,
            timeoutMs: cached ? Math.min(timeoutMs, 5_000) : undefined,
          })
          return signedIn(session)
        } catch (error) {
          if (isApiError(error) && error.kind === 'unauthorized') return null
          if (isApiError(error) && isTransient(error) && cached) return cached
          throw error
        }
      },

      /** Signing out always works on the device; telling the server is best effort. */
      signOut: async () => {
        if (vault.token() && !offline()) {
          await send({ method: 'DELETE', path: API.session, accept: SHAPES.anything, retry: false }).catch(() => undefined)
        }
        vault.forget()
      },
    },

    directory: {
      getCommunity: () => send<DirectoryBody>({ method: 'GET', path: API.community, accept: SHAPES.directory }),
    },

    media: {
      uploadPhoto: async (photo: LocalPhoto) => {
        if (!photo || typeof photo.path !== 'string' || photo.path === '') {
          throw new ApiError('validation', '照片无效，请重新选择', { fields: { photo: '照片无效，请重新选择' } })
        }
        if (offline()) throw new ApiError('network')
        const token = vault.token()
        let res
        try {
          res = await withTimeout(
            transport.upload({
              url: root + API.photos,
              filePath: photo.path,
              name: 'file',
              headers: { accept: 'application/json', ...authHeader(token) },
              timeoutMs: uploadTimeoutMs,
            }),
            uploadTimeoutMs,
          )
        } catch (error) {
          throw isApiError(error) ? error : new ApiError('network')
        }
        // Not repeated: a second upload after a lost answer would only leave an orphan photo, but
        // the outbox already retries the whole item later, remembering what was uploaded.
        return read<PhotoBody>(res.status, res.data, {}, token, SHAPES.photo)
      },
    },

    reports: {
      submit: (input: NewReportInput, { idempotencyKey }) => {
        // 代报 has its own entry (handling.submitOnBehalf), as on every adapter.
        if (input.onBehalfOf !== undefined) {
          return Promise.reject(new ApiError('validation', '代报请使用代报入口', { fields: { onBehalfOf: '代报请使用代报入口' } }))
        }
        const body = newReportBody(input)
        // Repeated on a transient failure under the same key: the server answers a repeat with the original.
        return send<ReportBody>({ method: 'POST', path: API.reports, body, idempotencyKey, accept: SHAPES.report })
      },
      listMine: (query) => send<ReportPageBody>({ method: 'GET', path: API.myReports, query: pageQuery(query), accept: SHAPES.page }),
      get: (id) => send<ReportDetailBody>({ method: 'GET', path: API.report(id), accept: SHAPES.detail }),
      rate: (id, input) => {
        const body: RatingBody = { level: input.level, comment: input.comment }
        return send<ReportDetailBody>({ method: 'POST', path: API.rating(id), body, accept: SHAPES.detail })
      },
      meToo: (id) => send<ReportSummaryBody>({ method: 'POST', path: API.meToo(id), accept: SHAPES.summary }),
      listPublic: (query = {}) => {
        const q: PublicQueryBody = { ...pageQuery(query), categoryId: query.categoryId }
        return send<ReportPageBody>({ method: 'GET', path: API.publicReports, query: q, accept: SHAPES.page })
      },
    },

    handling,
    messages,
    notices,
    conventions: unsupported('公约与议事'),
    services: unsupported('服务预约'),
    dashboard,
  }
}

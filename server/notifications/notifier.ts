import type { Notifier, StatusChange } from '../../src/core/context'
import { STATUS_LABEL } from '../../src/domain/labels'

/**
 * Telling residents that a report they follow moved (受理, 派单, 办结, 不予受理, 重办 …). The report
 * service calls the notifier after the move has committed, once per person to tell; a notifier that
 * fails or hangs never fails or delays the move (its error is logged).
 */
export type { Notifier, StatusChange } from '../../src/core/context'

/** The part of a pino/Fastify logger the notifiers use. */
export interface NotifierLog {
  info(object: object, message: string): void
  warn(object: object, message: string): void
}

/** Demo mode and development: the notification is a log line. */
export class LogNotifier implements Notifier {
  constructor(private readonly log: NotifierLog) {}

  async notify(change: StatusChange): Promise<void> {
    this.log.info(
      { notify: { userId: change.recipient.userId, reportId: change.report.id, number: change.report.number, move: change.move, from: change.from, to: change.to } },
      `notify ${change.recipient.userId}: ${change.report.number} ${STATUS_LABEL[change.to]}`,
    )
  }
}

/** Nobody is told (tests, or a deployment that wants silence). */
export { silentNotifier } from '../../src/core/context'

// ── WeChat subscribe messages ───────────────────────────────────────────────────────────────────

const STABLE_TOKEN = 'https://api.weixin.qq.com/cgi-bin/stable_token'
const SUBSCRIBE_SEND = 'https://api.weixin.qq.com/cgi-bin/message/subscribe/send'
/** errcodes meaning the access_token is no longer valid: fetch a new one and try once more. */
const TOKEN_EXPIRED = new Set([40001, 40014, 42001])

export interface WeChatSubscribeConfig {
  appId: string
  secret: string
  /** The subscribe message template (订阅消息模板 ID) chosen in the mini-program console. */
  templateId: string
  /**
   * Which template keyword carries what. Defaults fit a typical "工单进度通知" template:
   * thing1 问题类型, character_string2 诉求编号, phrase3 当前状态, time4 更新时间, thing5 备注.
   */
  fields?: Partial<Record<'category' | 'number' | 'status' | 'time' | 'note', string>>
  /** The page a tap on the message opens; `{id}` is replaced by the report's id. */
  page?: string
  /** developer | trial | formal (default formal). */
  miniprogramState?: 'developer' | 'trial' | 'formal'
  fetch?: typeof fetch
  timeoutMs?: number
  now?: () => number
}

export class WeChatNotifyError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'WeChatNotifyError'
  }
}

const DEFAULT_FIELDS = { category: 'thing1', number: 'character_string2', status: 'phrase3', time: 'time4', note: 'thing5' }

/** WeChat caps: thing ≤ 20 characters, phrase ≤ 5, character_string ≤ 32. */
function fit(value: string, max: number): string {
  const chars = Array.from(value.replace(/\s+/g, ' ').trim())
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`
}

/** `2026-11-21 16:05` in China time, the format of a template's time field. */
function chinaTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')
}

/**
 * 订阅消息 through WeChat's server API: an access_token from the stable token API (cached until
 * shortly before it expires, refreshed once when WeChat says it is no longer valid), then
 * `subscribeMessage.send` to the recipient's openid. People without an openid (demo accounts) are
 * skipped. Every failure throws WeChatNotifyError, which the report service logs — the resident
 * may simply not have subscribed (errcode 43101), which is normal.
 */
export class WeChatSubscribeNotifier implements Notifier {
  private token: { value: string; expiresAt: number } | null = null
  private pending: Promise<string> | null = null
  private readonly doFetch: typeof fetch
  private readonly fields: typeof DEFAULT_FIELDS
  private readonly now: () => number

  constructor(private readonly config: WeChatSubscribeConfig) {
    this.doFetch = config.fetch ?? fetch
    this.fields = { ...DEFAULT_FIELDS, ...config.fields }
    this.now = config.now ?? Date.now
  }

  async notify(change: StatusChange): Promise<void> {
    const openid = change.recipient.openid
    if (!openid) return
    let errcode = await this.send(openid, change, await this.accessToken(false))
    if (errcode !== 0 && TOKEN_EXPIRED.has(errcode)) errcode = await this.send(openid, change, await this.accessToken(true))
    if (errcode !== 0) throw new WeChatNotifyError(`subscribeMessage.send errcode ${errcode}`)
  }

  private async send(openid: string, change: StatusChange, token: string): Promise<number> {
    const f = this.fields
    const data: Record<string, { value: string }> = {
      [f.category]: { value: fit(change.report.categoryName, 20) },
      [f.number]: { value: fit(change.report.number, 32) },
      [f.status]: { value: fit(STATUS_LABEL[change.to], 5) },
      [f.time]: { value: chinaTime(change.at) },
      [f.note]: { value: fit(change.note || STATUS_LABEL[change.to], 20) },
    }
    const body = {
      touser: openid,
      template_id: this.config.templateId,
      page: (this.config.page ?? 'reports/detail/index?id={id}').replace('{id}', encodeURIComponent(change.report.id)),
      data,
      miniprogram_state: this.config.miniprogramState ?? 'formal',
      lang: 'zh_CN',
    }
    const answer = await this.post<{ errcode?: number }>(`${SUBSCRIBE_SEND}?access_token=${encodeURIComponent(token)}`, body, 'subscribeMessage.send')
    return answer.errcode ?? 0
  }

  /** A valid access_token; `force` asks WeChat for a new one (the cached one was refused). */
  private async accessToken(force: boolean): Promise<string> {
    if (!force && this.token && this.token.expiresAt > this.now()) return this.token.value
    // One request at a time: concurrent moves share it.
    this.pending ??= this.fetchToken(force).finally(() => {
      this.pending = null
    })
    return this.pending
  }

  private async fetchToken(force: boolean): Promise<string> {
    const answer = await this.post<{ access_token?: string; expires_in?: number; errcode?: number }>(
      STABLE_TOKEN,
      { grant_type: 'client_credential', appid: this.config.appId, secret: this.config.secret, force_refresh: force },
      'stable_token',
    )
    if (!answer.access_token) throw new WeChatNotifyError(`stable_token errcode ${answer.errcode ?? 'none'}`)
    // Renew five minutes early (tokens live 7200 s).
    const seconds = Math.max(60, (answer.expires_in ?? 7200) - 300)
    this.token = { value: answer.access_token, expiresAt: this.now() + seconds * 1000 }
    return answer.access_token
  }

  private async post<T>(url: string, body: unknown, what: string): Promise<T> {
    try {
      const response = await this.doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.config.timeoutMs ?? 5000),
      })
      if (!response.ok) throw new Error(`HTTP ${response.status}`)
      return (await response.json()) as T
    } catch (error) {
      // Never include the URL or the body: they carry the token and the secret.
      throw new WeChatNotifyError(`${what} failed: ${(error as Error).name === 'Error' ? (error as Error).message : (error as Error).name}`)
    }
  }
}

import { createHash, timingSafeEqual } from 'node:crypto'
import type { ContentVerdict, ImageCheck, ImageSubject, Log } from '../../src/core/context'
import { silentLog } from '../../src/core/context'
import { weChatFetch, weChatJson, weChatUrl, type WeChatHttpOptions } from '../auth/wechat-http'
import type { WeChatAccessToken } from '../auth/wechat-token'
import { OPENID_UNUSABLE, unavailable, verdictOf } from './wechat-text-check'

/**
 * The core's ImageCheck over WeChat's mediaCheckAsync v2 (`POST /wxa/media_check_async`):
 *
 *   { media_url, media_type: 2, version: 2, scene, openid } → { errcode: 0, trace_id }
 *
 * answered as `{ pending: trace_id }`; WeChat fetches the photo from `media_url` (the server's
 * public URL) and pushes its verdict within 30 minutes to the message push URL (消息推送) set in
 * the mini-program's admin console: the event `wxa_media_check` with that trace_id, verified and
 * read by `verifyPush` and `mediaCheckEvent` below (routes/wechat-callback.ts).
 *
 * Photos are attached to reports, proposals and notices that the community reads: scene 3 (论坛)
 * unless configured. As with text, an uploader without a usable openid is checked by `fallback`,
 * or held for review; a call WeChat does not answer is held for review (and asked again by the
 * core's retry job), never passed.
 */
export interface WeChatImageCheckConfig extends WeChatHttpOptions {
  tokens: WeChatAccessToken
  /** msgSecCheck's scenes: 1 资料, 2 评论, 3 论坛 (default), 4 社交日志. */
  scene?: 1 | 2 | 3 | 4
  fallback?: ImageCheck
  log?: Log
}

interface MediaCheckAnswer {
  errcode?: number
  errmsg?: string
  trace_id?: string
}

export function createWeChatImageCheck(config: WeChatImageCheckConfig): ImageCheck {
  const log = config.log ?? silentLog
  const api = 'mediaCheckAsync'
  const offline = (subject: ImageSubject): Promise<ContentVerdict | { pending: string }> =>
    config.fallback ? config.fallback.submit(subject) : Promise.resolve({ verdict: 'review', reason: 'no_openid' })

  return {
    async submit(subject) {
      const openid = subject.author.openid
      if (!openid) return offline(subject)
      const body = { media_url: subject.url, media_type: 2, version: 2, scene: config.scene ?? 3, openid }
      let answer: MediaCheckAnswer
      try {
        answer = await config.tokens.use(async (token) => {
          const url = weChatUrl(config.baseUrl, '/wxa/media_check_async', { access_token: token })
          return weChatJson<MediaCheckAnswer>(api, await weChatFetch(config, api, url, body))
        })
      } catch (error) {
        log.warn({ api, photoId: subject.photoId, error: (error as Error)?.message }, 'photo check: WeChat did not answer; the photo is held')
        return unavailable(undefined)
      }
      const errcode = answer.errcode ?? 0
      if (errcode === 0 && typeof answer.trace_id === 'string' && answer.trace_id !== '') return { pending: answer.trace_id }
      if (OPENID_UNUSABLE.has(errcode)) return offline(subject)
      log.warn({ api, photoId: subject.photoId, errcode }, 'photo check: WeChat refused the call; the photo is held')
      return unavailable(errcode === 0 ? undefined : errcode)
    },
  }
}

// ── the message push (消息推送) ──────────────────────────────────────────────────────────────────

/** WeChat's signature of a push: sha1 of the token, timestamp and nonce, sorted and joined. */
export function pushSignature(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex')
}

/** Why a push is refused (nothing is read from it). */
export type PushRefusal = 'unsigned' | 'bad_signature' | 'stale'

/**
 * Is this push WeChat's? Its query's signature matches the token, and its timestamp (seconds) is
 * within `maxSkewMs` of now (an old push captured and sent again is refused). Null when it is.
 */
export function verifyPush(token: string, query: { signature?: unknown; timestamp?: unknown; nonce?: unknown }, nowMs: number, maxSkewMs: number): PushRefusal | null {
  const { signature, timestamp, nonce } = query
  if (typeof signature !== 'string' || typeof timestamp !== 'string' || typeof nonce !== 'string') return 'unsigned'
  if (!/^[0-9a-f]{40}$/i.test(signature) || !/^\d{1,12}$/.test(timestamp) || nonce.length === 0 || nonce.length > 64) return 'bad_signature'
  const expected = Buffer.from(pushSignature(token, timestamp, nonce), 'hex')
  if (!timingSafeEqual(expected, Buffer.from(signature.toLowerCase(), 'hex'))) return 'bad_signature'
  if (Math.abs(nowMs - Number(timestamp) * 1000) > maxSkewMs) return 'stale'
  return null
}

/** A media check's verdict as pushed: the trace id, the app it is for, and the port's verdict. */
export interface MediaCheckEvent {
  traceId: string
  appId?: string
  verdict: ContentVerdict
}

/**
 * The `wxa_media_check` event in a push (JSON, or XML as WeChat sends when the console says so),
 * or null for any other push (other events, messages). An event whose own errcode is not 0 (WeChat
 * could not fetch or read the photo) is a review: the photo stays held for staff.
 */
export function mediaCheckEvent(body: unknown): MediaCheckEvent | null {
  const push = typeof body === 'string' ? fromXml(body) : body
  if (!push || typeof push !== 'object' || Array.isArray(push)) return null
  const p = push as Record<string, unknown>
  if (p.MsgType !== 'event' || p.Event !== 'wxa_media_check') return null
  const traceId = typeof p.trace_id === 'string' ? p.trace_id : ''
  if (traceId === '' || traceId.length > 200) return null
  const errcode = Number(p.errcode ?? 0)
  const result = (p.result && typeof p.result === 'object' ? p.result : {}) as Record<string, unknown>
  const verdict = errcode !== 0 ? unavailable(Number.isFinite(errcode) ? errcode : undefined) : verdictOf(result.suggest, result.label)
  return { traceId, ...(typeof p.appid === 'string' ? { appId: p.appid } : {}), verdict }
}

/**
 * Whether a push is in security mode (安全模式: only `Encrypt`, no plaintext fields): this server
 * reads plaintext pushes (明文模式, and the plaintext half of 兼容模式) only.
 */
export function isEncryptedOnly(body: unknown): boolean {
  const push = typeof body === 'string' ? fromXml(body) : body
  if (!push || typeof push !== 'object' || Array.isArray(push)) return false
  return 'Encrypt' in push && !('MsgType' in push)
}

/**
 * The fields of a push in XML (`<xml><MsgType><![CDATA[event]]></MsgType>…<result><suggest>…`):
 * the top level's elements and those of `<result>` (the repeated `<detail>` is not read). A
 * reader of these few flat elements, not an XML parser: no entities, no DTD, nothing fetched.
 */
function fromXml(text: string): Record<string, unknown> | null {
  const root = /^\s*(?:<\?xml[^>]*\?>\s*)?<xml>([\s\S]*)<\/xml>\s*$/.exec(text)
  if (!root) return null
  const fields = (inner: string) => {
    const out: Record<string, string> = {}
    const element = /<([A-Za-z_][\w]*)>(?:<!\[CDATA\[([\s\S]*?)\]\]>|([^<]*))<\/\1>/g
    for (let m = element.exec(inner); m; m = element.exec(inner)) if (!(m[1] in out)) out[m[1]] = m[2] ?? m[3] ?? ''
    return out
  }
  const withoutDetail = root[1].replace(/<detail>[\s\S]*?<\/detail>/g, '')
  const resultXml = /<result>([\s\S]*?)<\/result>/.exec(withoutDetail)
  const top = fields(withoutDetail.replace(/<result>[\s\S]*?<\/result>/, ''))
  return { ...top, ...(resultXml ? { result: fields(resultXml[1]) } : {}) }
}

import type { ContentCheck, ContentKind, ContentSubject, ContentVerdict, Log } from '../../src/core/context'
import { silentLog } from '../../src/core/context'
import { weChatFetch, weChatJson, weChatUrl, type WeChatHttpOptions } from '../auth/wechat-http'
import type { WeChatAccessToken } from '../auth/wechat-token'

/**
 * The core's ContentCheck over WeChat's msgSecCheck v2 (内容安全 `POST /wxa/msg_sec_check`), at
 * the configured base URL (a stand-in on loopback in tests):
 *
 *   { content, version: 2, scene, openid } → { errcode: 0, result: { suggest, label }, detail, trace_id }
 *
 * `suggest` pass → pass, review → review, risky → reject, with WeChat's `label` (100 normal,
 * 10001 ads, 20001 politics, 20002 porn, 20003 abuse, 20006 crime, 20008 fraud, 20012 vulgar,
 * 20013 copyright, 21000 other) as the reason. WeChat reads at most 2,500 characters at a time: a
 * longer text is checked in overlapping pieces, and the worst piece decides.
 *
 * WeChat checks text as written by a user who opened the mini-program in the last two hours, named
 * by their openid. An author without one (a demo account, an H5 account signed in through a 公众号,
 * whose openid is another app's) or whom WeChat does not know as recent (40003, 61010) is checked
 * by the `fallback` checker (the offline word list), or held for `review` when there is none.
 *
 * The port's rule holds everywhere: when WeChat cannot answer (an HTTP error, a timeout, -1 busy,
 * 45009 over quota, any other errcode), the text is held for `review`, never passed. An expired
 * access token (40001, 40014, 42001) is renewed once through the shared cache. Nothing here logs or
 * keeps the text, the openid or the token.
 */
export interface WeChatTextCheckConfig extends WeChatHttpOptions {
  /** The mini-program's access_token cache (shared with the other WeChat clients). */
  tokens: WeChatAccessToken
  /** Checks what WeChat cannot (authors without a usable openid); absent: those are held for review. */
  fallback?: ContentCheck
  log?: Log
}

/** WeChat's limit per call, in characters. */
export const MSG_SEC_CHECK_MAX_CHARS = 2500
/** How much consecutive pieces of a long text share, so a phrase across a cut is read whole in one. */
export const MSG_SEC_CHECK_OVERLAP = 100

/**
 * msgSecCheck's scene (1 资料 a profile, 2 评论 a comment, 3 论坛 a forum post, 4 社交日志 a social
 * log) for each kind of text: what residents post for the whole community to read (a report's
 * public description, a notice, a proposal) is a forum post; replies in a thread (a message to the
 * community office, a contribution to a discussion, a question on a disclosure) are comments.
 */
export const MSG_SEC_SCENE: Record<ContentKind, 1 | 2 | 3 | 4> = {
  report: 3,
  notice: 3,
  proposal: 3,
  message: 2,
  contribution: 2,
  question: 2,
}

/** errcodes meaning WeChat does not take this openid now: 40003 invalid openid, 61010 not seen in the last 2 hours. */
export const OPENID_UNUSABLE = new Set([40003, 61010])

interface MsgSecAnswer {
  errcode?: number
  errmsg?: string
  result?: { suggest?: string; label?: number | string }
}

type Piece = ContentVerdict | { unusableOpenid: true }

/** The text in pieces of at most `max` characters (code points), each sharing `overlap` with the one before. */
export function piecesOf(text: string, max = MSG_SEC_CHECK_MAX_CHARS, overlap = MSG_SEC_CHECK_OVERLAP): string[] {
  const chars = Array.from(text)
  if (chars.length <= max) return [text]
  const pieces: string[] = []
  for (let start = 0; ; start += max - overlap) {
    pieces.push(chars.slice(start, start + max).join(''))
    if (start + max >= chars.length) return pieces
  }
}

/** WeChat's `suggest` and `label` as the port's verdict. */
export function verdictOf(suggest: unknown, label: unknown): ContentVerdict {
  const reason = label === undefined || label === null || label === '' ? 'wechat' : String(label)
  if (suggest === 'pass') return { verdict: 'pass' }
  if (suggest === 'risky') return { verdict: 'reject', reason }
  if (suggest === 'review') return { verdict: 'review', reason }
  return { verdict: 'review', reason: 'wechat_unknown_suggest' }
}

/** Why WeChat could not answer, as a review's reason. */
export function unavailable(errcode: number | undefined): ContentVerdict {
  if (errcode === 45009) return { verdict: 'review', reason: 'wechat_rate_limited' }
  if (errcode === -1) return { verdict: 'review', reason: 'wechat_busy' }
  return { verdict: 'review', reason: errcode === undefined ? 'wechat_unavailable' : `wechat_errcode_${errcode}` }
}

const RANK: Record<ContentVerdict['verdict'], number> = { pass: 0, review: 1, reject: 2 }

export function createWeChatTextCheck(config: WeChatTextCheckConfig): ContentCheck {
  const log = config.log ?? silentLog
  const api = 'msgSecCheck'

  const checkPiece = async (content: string, scene: number, openid: string, kind: ContentKind): Promise<Piece> => {
    let answer: MsgSecAnswer
    try {
      answer = await config.tokens.use(async (token) => {
        const url = weChatUrl(config.baseUrl, '/wxa/msg_sec_check', { access_token: token })
        return weChatJson<MsgSecAnswer>(api, await weChatFetch(config, api, url, { content, version: 2, scene, openid }))
      })
    } catch (error) {
      // Only the error's message: it names the API and the failure, never the URL or the token.
      log.warn({ api, kind, error: (error as Error)?.message }, 'content check: WeChat did not answer; the text is held for review')
      return unavailable(undefined)
    }
    const errcode = answer.errcode ?? 0
    if (errcode === 0) return verdictOf(answer.result?.suggest, answer.result?.label)
    if (OPENID_UNUSABLE.has(errcode)) return { unusableOpenid: true }
    // v1's answer for risky content, should WeChat give it.
    if (errcode === 87014) return { verdict: 'reject', reason: 'wechat_87014' }
    log.warn({ api, kind, errcode }, 'content check: WeChat refused the call; the text is held for review')
    return unavailable(errcode)
  }

  const offline = async (subject: ContentSubject): Promise<ContentVerdict> => {
    if (config.fallback) return config.fallback.text(subject)
    return { verdict: 'review', reason: 'no_openid' }
  }

  return {
    needsOpenid: true,
    async text(subject) {
      if (subject.text.trim() === '') return { verdict: 'pass' }
      const openid = subject.author.openid
      if (!openid) return offline(subject)
      const scene = MSG_SEC_SCENE[subject.kind] ?? 3
      let worst: ContentVerdict = { verdict: 'pass' }
      // One piece at a time: a rejected piece ends the check (and spares WeChat's quota).
      for (const piece of piecesOf(subject.text)) {
        const answer = await checkPiece(piece, scene, openid, subject.kind)
        if ('unusableOpenid' in answer) return offline(subject)
        if (RANK[answer.verdict] > RANK[worst.verdict]) worst = answer
        if (worst.verdict === 'reject') break
      }
      return worst
    },
  }
}

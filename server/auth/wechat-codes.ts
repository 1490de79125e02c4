import type { WeChatCodes } from '../../src/core/context'
import { toLoginError, WeChatAuthError } from './wechat'
import { weChatFetch, weChatJson, weChatUrl, type WeChatHttpOptions } from './wechat-http'
import { WeChatAccessToken } from './wechat-token'

/**
 * Mini-program codes (小程序码) through `wxacode.getUnlimited` (`POST /wxa/getwxacodeunlimit`):
 * an image that opens `page` with `scene` in its query, for any number of scenes. WeChat answers
 * the image bytes with an image content type, or JSON `{errcode, errmsg}` (45009 daily quota,
 * 40169 invalid scene, 41030 page not published …). Failures reject with the core's
 * WeChatLoginError: `rate_limited` for 45009, `unavailable` otherwise; messages name the API and
 * the errcode only, never the secret or the access token.
 */
export interface WeChatCodesConfig extends WeChatHttpOptions {
  appId: string
  secret: string
  /** Which version of the mini-program the code opens (default release). */
  envVersion?: 'release' | 'trial' | 'develop'
  /** The access_token cache to share (server.ts shares one with the notifier); else its own. */
  tokens?: WeChatAccessToken
  now?: () => number
}

/** WeChat's default width, and its bounds (px). */
const DEFAULT_WIDTH = 430
const MIN_WIDTH = 280
const MAX_WIDTH = 1280

type CodeAnswer = { errcode?: number; errmsg?: string; contentType?: string; bytes?: Uint8Array }

export function createWeChatCodes(config: WeChatCodesConfig): WeChatCodes {
  const tokens = config.tokens ?? new WeChatAccessToken(config)
  const api = 'getwxacodeunlimit'
  const request = async (token: string, body: object): Promise<CodeAnswer> => {
    const url = weChatUrl(config.baseUrl, '/wxa/getwxacodeunlimit', { access_token: token })
    const response = await weChatFetch(config, api, url, body)
    const contentType = (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase()
    if (contentType.startsWith('image/')) return { contentType, bytes: new Uint8Array(await response.arrayBuffer()) }
    return weChatJson<CodeAnswer>(api, response)
  }
  return {
    async unlimitedCode({ scene, page, width }) {
      const body = {
        scene,
        page,
        width: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.round(width ?? DEFAULT_WIDTH))),
        check_path: false,
        env_version: config.envVersion ?? 'release',
      }
      let answer: CodeAnswer
      try {
        answer = await tokens.use((token) => request(token, body))
      } catch (error) {
        throw toLoginError(error)
      }
      if (answer.bytes && answer.contentType) return { contentType: answer.contentType, bytes: answer.bytes }
      if (answer.errcode === 45009) throw new WeChatAuthError('rate_limited', `${api} rate limited (errcode 45009)`)
      throw new WeChatAuthError('unavailable', `${api} errcode ${answer.errcode ?? 'none'}`)
    },
  }
}

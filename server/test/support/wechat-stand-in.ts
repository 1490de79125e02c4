/**
 * A stand-in for WeChat's server API and its web authorization page, on 127.0.0.1: a real HTTP
 * server (node:http, a free port) that answers as api.weixin.qq.com and open.weixin.qq.com do, so
 * the server's real WeChat clients (pointed at it with WECHAT_API_BASE_URL) and a browser (sent to
 * its authorize page with TARO_APP_WECHAT_OAUTH_URL) are tested without the internet.
 *
 *   const wx = await startWeChatStandIn()
 *   const code = wx.issueCode('openid-a')             // what wx.login would give the mini-program
 *   … createWeChatAuth({ appId: wx.appId, secret: wx.secret, baseUrl: wx.url }) …
 *   wx.requests                                         // every call, secrets and tokens redacted
 *   await wx.close()
 *
 * What it answers (errcodes as WeChat's):
 * - `GET /sns/jscode2session` (appid, secret, js_code, grant_type): a code issued with
 *   `issueCode(openid)` works once (again: 40163), an expired or unknown one is 40029, a wrong
 *   appid/secret 40013/40125.
 * - `GET /sns/oauth2/access_token` (appid, secret, code, grant_type): the same for web codes
 *   (`issueCode(openid, { app: 'web' })`, or the authorize page's).
 * - `GET /connect/oauth2/authorize` (appid, redirect_uri, response_type=code, scope, state): a
 *   consent page in Chinese whose 允许 redirects to `redirect_uri?code=…&state=…` (with
 *   `autoApprove(openid)`, the redirect comes at once).
 * - `POST /cgi-bin/stable_token` and `GET /cgi-bin/token`: access tokens; `expireTokens()` makes the
 *   ones issued so far answer 40001.
 * - `POST /wxa/getwxacodeunlimit?access_token=…`: a real PNG (image/png), each call's scene and page
 *   in `unlimitedCodes`; a scene over 32 characters is 40169, a page with a leading slash 41030.
 * - `POST /cgi-bin/message/subscribe/send?access_token=…`: recorded in `subscribeMessages`.
 * - `POST /wxa/msg_sec_check?access_token=…` (msgSecCheck v2: content, version 2, scene, openid):
 *   `result.suggest` by keyword (`textRules`: a content holding a rule's word answers its suggest
 *   and label, the worst rule wins; else pass, label 100), each call in `textChecks`; no openid is
 *   40003, an openid in `staleOpenids` 61010 (not seen in 2 hours), more than 2,500 characters 47001.
 * - `POST /wxa/media_check_async?access_token=…` (mediaCheckAsync v2: media_url, media_type 2,
 *   version 2, scene, openid): a fresh trace_id, each call in `mediaChecks`; no openid 40003, an
 *   openid in `staleOpenids` 61010. The verdict comes when the test says: `pushMediaResult(traceId,
 *   suggest)` POSTs the `wxa_media_check` event, signed with the push token, to the URL given to
 *   `pushTo(url, token)` (the server under test, listening) — `{ signature: 'bad' }` or
 *   `pushForged(…)` signs it wrongly; `verifyPushUrl(echostr)` is the console's GET handshake.
 * Controls: `rateLimitNext()` (45011; 45009 for codes and content checks), `failNext('errcode' |
 * 'http500' | 'hang')` (-1 system busy, HTTP 500, or never answering), `reset()`.
 */
import { createHash, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { deflateSync } from 'node:zlib'

export interface WeChatStandInOptions {
  appId?: string
  secret?: string
  /** The 公众号 of web authorization. */
  webAppId?: string
  webSecret?: string
  /** How long an issued code lives (WeChat: 5 minutes). */
  codeTtlMs?: number
  /** expires_in of the access tokens (WeChat: 7200). */
  tokenTtlSeconds?: number
  /** Default 0 (a free port); a fixed one when a build must know the URL beforehand (TARO_APP_WECHAT_OAUTH_URL). */
  port?: number
}

export interface StandInRequest {
  method: string
  path: string
  /** Query and JSON body fields (objects as JSON); the values of `secret` and `access_token` are `[redacted]`. */
  params: Record<string, string>
}

export type FailMode = 'errcode' | 'http500' | 'hang'

export type Suggest = 'pass' | 'review' | 'risky'

/** How a push is sent: its format, its signature, its timestamp, WeChat's own errcode and label in it. */
export interface PushOptions {
  format?: 'json' | 'xml'
  /** `bad`: signed with another token; `none`: no signature at all. */
  signature?: 'good' | 'bad' | 'none'
  /** Seconds since the epoch (default now). */
  timestamp?: number
  label?: number
  errcode?: number
  appid?: string
}

export interface PushAnswer {
  status: number
  body: string
}

export interface WeChatStandIn {
  /** http://127.0.0.1:<port>: WECHAT_API_BASE_URL for the server. */
  readonly url: string
  /** The authorize page: TARO_APP_WECHAT_OAUTH_URL for the app. */
  readonly authorizeUrl: string
  readonly appId: string
  readonly secret: string
  readonly webAppId: string
  readonly webSecret: string
  /** A fresh code for `openid` (for the mini-program unless `app: 'web'`); `expired` is already too old. */
  issueCode(openid: string, options?: { expired?: boolean; app?: 'miniprogram' | 'web' }): string
  /** The next code, token or mini-program code request is refused as over quota. */
  rateLimitNext(): void
  /** The next API request (any path but the authorize page) fails this way. */
  failNext(mode: FailMode): void
  /** Skip the consent page: the authorize page redirects at once, for `openid` (null: show the page again). */
  autoApprove(openid: string | null): void
  /** Every access token issued so far answers 40001 from now on. */
  expireTokens(): void
  /** Every request, in order, secrets redacted. */
  readonly requests: StandInRequest[]
  /** The requests to `path`. */
  requestsTo(path: string): StandInRequest[]
  /** Each getwxacodeunlimit call that got an image. */
  readonly unlimitedCodes: Array<{ scene: string; page: string; width?: number; check_path?: boolean; env_version?: string }>
  /** Each subscribe message accepted. */
  readonly subscribeMessages: Array<{ touser: string; template_id: string; page?: string; data: unknown }>
  /** Keyword rules of msgSecCheck (defaults: 赌博 risky 20006, 代开发票 risky 10001, 加微信 review 10001); change them freely. */
  readonly textRules: Array<{ word: string; suggest: Suggest; label: number }>
  /** Each msgSecCheck call answered (errcode 0). */
  readonly textChecks: Array<{ content: string; scene: number; openid: string; version: number; suggest: Suggest; label: number }>
  /** Each mediaCheckAsync call answered with a trace id. */
  readonly mediaChecks: Array<{ media_url: string; media_type: number; version: number; scene: number; openid: string; trace_id: string }>
  /** Openids WeChat has not seen in the last 2 hours (61010). */
  readonly staleOpenids: Set<string>
  /** Where pushes go (the server's /wechat/callback) and the push token they are signed with. */
  pushTo(url: string, token: string): void
  /** Push mediaCheckAsync's verdict for `traceId`, as WeChat does; the server's answer. */
  pushMediaResult(traceId: string, suggest: Suggest, options?: PushOptions): Promise<PushAnswer>
  /** The same push signed with a wrong token. */
  pushForged(traceId: string, suggest: Suggest): Promise<PushAnswer>
  /** The admin console's check of the push URL (GET with echostr); `signature: 'bad'` signs it wrongly. */
  verifyPushUrl(echostr: string, options?: Pick<PushOptions, 'signature' | 'timestamp'>): Promise<PushAnswer>
  /** The image getwxacodeunlimit answers. */
  readonly png: Buffer
  /** Forget requests, codes, tokens and pending controls. */
  reset(): void
  close(): Promise<void>
}

const SECRET_PARAMS = new Set(['secret', 'access_token'])

/** A small valid PNG (32×32, a dark square on white, like a tiny mini-program code). */
export function tinyPng(): Buffer {
  const size = 32
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc32 = (buf: Buffer) => {
    let c = 0xffffffff
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([len, body, crc])
  }
  const rows: Buffer[] = []
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size)
    for (let x = 0; x < size; x++) row[1 + x] = x >= 8 && x < 24 && y >= 8 && y < 24 && (x + y) % 4 < 2 ? 0 : 255
    rows.push(row)
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 0 // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string)

function consentPage(query: URLSearchParams, suggestedOpenid: string): string {
  const hidden = ['appid', 'redirect_uri', 'state', 'scope']
    .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(query.get(name) ?? '')}">`)
    .join('')
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>微信授权</title>
<style>
body { font-family: sans-serif; margin: 0; padding: 32px 24px; font-size: 18px; line-height: 1.5; color: #111; background: #f5f5f5; }
h1 { font-size: 22px; margin: 0 0 16px; }
label { display: block; margin: 24px 0 8px; }
input[type=text] { box-sizing: border-box; width: 100%; min-height: 60px; font-size: 18px; padding: 8px 12px; }
button { width: 100%; min-height: 60px; margin-top: 24px; font-size: 20px; color: #fff; background: #07803a; border: 0; border-radius: 8px; }
</style></head>
<body>
<h1>邻里 申请获取你的微信身份</h1>
<p>（测试用的微信授权页，不会联系真实的微信。）</p>
<form method="get" action="/connect/oauth2/authorize/approve">
${hidden}
<label for="openid">测试身份（openid）</label>
<input type="text" id="openid" name="openid" value="${escapeHtml(suggestedOpenid)}" autocomplete="off">
<button type="submit" id="allow">允许</button>
</form>
</body></html>`
}

export async function startWeChatStandIn(options: WeChatStandInOptions = {}): Promise<WeChatStandIn> {
  const appId = options.appId ?? 'wx-stand-in-app'
  const secret = options.secret ?? 'stand-in-secret'
  const webAppId = options.webAppId ?? 'wx-stand-in-web'
  const webSecret = options.webSecret ?? 'stand-in-web-secret'
  const codeTtlMs = options.codeTtlMs ?? 5 * 60_000
  const tokenTtlSeconds = options.tokenTtlSeconds ?? 7200
  const png = tinyPng()

  let codes = new Map<string, { openid: string; app: 'miniprogram' | 'web'; issuedAt: number; used: boolean }>()
  let tokens = new Map<string, { expiresAt: number; valid: boolean }>()
  let current: string | null = null
  let rateLimited = false
  let failing: FailMode | null = null
  let approveAs: string | null = null
  let issued = 0
  const requests: StandInRequest[] = []
  const unlimitedCodes: WeChatStandIn['unlimitedCodes'] = []
  const subscribeMessages: WeChatStandIn['subscribeMessages'] = []
  const defaultRules = (): WeChatStandIn['textRules'] => [
    { word: '赌博', suggest: 'risky', label: 20006 },
    { word: '代开发票', suggest: 'risky', label: 10001 },
    { word: '加微信', suggest: 'review', label: 10001 },
  ]
  const textRules: WeChatStandIn['textRules'] = defaultRules()
  const textChecks: WeChatStandIn['textChecks'] = []
  const mediaChecks: WeChatStandIn['mediaChecks'] = []
  const staleOpenids = new Set<string>()
  let push: { url: string; token: string } | null = null
  const hanging = new Set<ServerResponse>()

  const newCode = (openid: string, app: 'miniprogram' | 'web', issuedAt = Date.now()) => {
    const code = `${app === 'web' ? 'wc' : 'mc'}-${(++issued).toString(36)}-${randomBytes(6).toString('hex')}`
    codes.set(code, { openid, app, issuedAt, used: false })
    return code
  }
  const newToken = () => {
    const token = `at-${(++issued).toString(36)}-${randomBytes(8).toString('hex')}`
    tokens.set(token, { expiresAt: Date.now() + tokenTtlSeconds * 1000, valid: true })
    current = token
    return token
  }
  const tokenError = (token: string | null): { errcode: number; errmsg: string } | null => {
    const known = token ? tokens.get(token) : undefined
    if (!known) return { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' }
    if (!known.valid) return { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' }
    if (known.expiresAt <= Date.now()) return { errcode: 42001, errmsg: 'access_token expired' }
    return null
  }
  const credentialsError = (id: string | undefined, key: string | undefined, expected: { appId: string; secret: string }) => {
    if (id !== expected.appId) return { errcode: 40013, errmsg: 'invalid appid' }
    if (key !== expected.secret) return { errcode: 40125, errmsg: 'invalid appsecret' }
    return null
  }
  const redeem = (code: string | undefined, app: 'miniprogram' | 'web') => {
    const known = code ? codes.get(code) : undefined
    if (!known || known.app !== app || known.issuedAt + codeTtlMs <= Date.now()) return { errcode: 40029, errmsg: 'invalid code' }
    if (known.used) return { errcode: 40163, errmsg: 'code been used' }
    known.used = true
    return { openid: known.openid }
  }

  const json = (response: ServerResponse, body: object, status = 200) => {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
    response.end(JSON.stringify(body))
  }
  const readBody = (request: IncomingMessage) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const chunks: Buffer[] = []
      request.on('data', (c: Buffer) => chunks.push(c))
      request.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        try {
          const parsed: unknown = text ? JSON.parse(text) : {}
          resolve(parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {})
        } catch {
          resolve({ __unparsable: text })
        }
      })
    })

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const body = request.method === 'POST' ? await readBody(request) : {}
    const params: Record<string, string> = {}
    for (const [name, value] of [...url.searchParams, ...Object.entries(body)]) {
      params[name] = SECRET_PARAMS.has(name) ? '[redacted]' : typeof value === 'string' ? value : JSON.stringify(value)
    }
    requests.push({ method: request.method ?? 'GET', path: url.pathname, params })
    const q = (name: string) => url.searchParams.get(name) ?? undefined
    const b = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : undefined)

    // The browser's pages: never failed by the controls.
    if (url.pathname === '/connect/oauth2/authorize' || url.pathname === '/connect/oauth2/authorize/approve') {
      const redirect = q('redirect_uri')
      let target: URL | null = null
      try {
        target = redirect ? new URL(redirect) : null
      } catch {
        target = null
      }
      if (q('appid') !== webAppId || !target || !/^https?:$/.test(target.protocol) || (url.pathname.endsWith('authorize') && q('response_type') !== 'code')) {
        response.writeHead(400, { 'content-type': 'text/html; charset=utf-8' })
        response.end('<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>授权失败</title><p>参数错误：appid、redirect_uri 或 response_type 无效</p></html>')
        return
      }
      const openid = url.pathname.endsWith('approve') ? q('openid')?.trim() : approveAs
      if (!openid) {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        response.end(consentPage(url.searchParams, `o-web-${randomBytes(4).toString('hex')}`))
        return
      }
      // As WeChat: code and state go into the redirect's query, before any #fragment.
      target.searchParams.set('code', newCode(openid, 'web'))
      target.searchParams.set('state', q('state') ?? '')
      response.writeHead(302, { location: target.toString() })
      response.end()
      return
    }

    if (failing) {
      const mode = failing
      failing = null
      if (mode === 'hang') {
        hanging.add(response)
        return
      }
      if (mode === 'http500') {
        response.writeHead(500, { 'content-type': 'text/html' })
        response.end('<html>500 Internal Server Error</html>')
        return
      }
      return json(response, { errcode: -1, errmsg: 'system error' })
    }
    const limited = () => {
      if (!rateLimited) return false
      rateLimited = false
      return true
    }

    switch (url.pathname) {
      case '/sns/jscode2session': {
        if (limited()) return json(response, { errcode: 45011, errmsg: 'api minute-quota reach limit' })
        const refused = credentialsError(q('appid'), q('secret'), { appId, secret })
        if (refused) return json(response, refused)
        if (q('grant_type') !== 'authorization_code') return json(response, { errcode: 40002, errmsg: 'invalid grant_type' })
        const answer = redeem(q('js_code'), 'miniprogram')
        return json(response, 'openid' in answer ? { openid: answer.openid, session_key: randomBytes(16).toString('base64') } : answer)
      }
      case '/sns/oauth2/access_token': {
        if (limited()) return json(response, { errcode: 45011, errmsg: 'api minute-quota reach limit' })
        const refused = credentialsError(q('appid'), q('secret'), { appId: webAppId, secret: webSecret })
        if (refused) return json(response, refused)
        if (q('grant_type') !== 'authorization_code') return json(response, { errcode: 40002, errmsg: 'invalid grant_type' })
        const answer = redeem(q('code'), 'web')
        if (!('openid' in answer)) return json(response, answer)
        return json(response, { access_token: `web-${randomBytes(8).toString('hex')}`, expires_in: 7200, refresh_token: randomBytes(8).toString('hex'), openid: answer.openid, scope: 'snsapi_base' })
      }
      case '/cgi-bin/stable_token':
      case '/cgi-bin/token': {
        if (limited()) return json(response, { errcode: 45009, errmsg: 'reach max api daily quota limit' })
        const stable = url.pathname === '/cgi-bin/stable_token'
        if (stable && request.method !== 'POST') return json(response, { errcode: 43002, errmsg: 'require POST method' })
        const refused = stable ? credentialsError(b('appid'), b('secret'), { appId, secret }) : credentialsError(q('appid'), q('secret'), { appId, secret })
        if (refused) return json(response, refused)
        const grant = stable ? b('grant_type') : q('grant_type')
        if (grant !== 'client_credential') return json(response, { errcode: 40002, errmsg: 'invalid grant_type' })
        // The stable token API keeps answering the same token until it expires, unless forced.
        const reuse = stable && body.force_refresh !== true && current !== null && tokenError(current) === null
        const token = reuse ? (current as string) : newToken()
        const left = Math.max(1, Math.round(((tokens.get(token)?.expiresAt ?? 0) - Date.now()) / 1000))
        return json(response, { access_token: token, expires_in: left })
      }
      case '/wxa/getwxacodeunlimit': {
        if (request.method !== 'POST') return json(response, { errcode: 43002, errmsg: 'require POST method' })
        const refused = tokenError(q('access_token') ?? null)
        if (refused) return json(response, refused)
        if (limited()) return json(response, { errcode: 45009, errmsg: 'reach max api daily quota limit' })
        const scene = b('scene') ?? ''
        const page = b('page') ?? ''
        if (!scene || scene.length > 32 || !/^[\x21-\x7e]+$/.test(scene)) return json(response, { errcode: 40169, errmsg: 'invalid length for scene, or the data is not json string' })
        if (page.startsWith('/')) return json(response, { errcode: 41030, errmsg: 'invalid page rid' })
        unlimitedCodes.push({
          scene,
          page,
          ...(typeof body.width === 'number' ? { width: body.width } : {}),
          ...(typeof body.check_path === 'boolean' ? { check_path: body.check_path } : {}),
          ...(typeof body.env_version === 'string' ? { env_version: body.env_version } : {}),
        })
        response.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length })
        response.end(png)
        return
      }
      case '/cgi-bin/message/subscribe/send': {
        const refused = tokenError(q('access_token') ?? null)
        if (refused) return json(response, refused)
        if (limited()) return json(response, { errcode: 45009, errmsg: 'reach max api daily quota limit' })
        if (!b('touser') || !b('template_id')) return json(response, { errcode: 47003, errmsg: 'argument invalid!' })
        subscribeMessages.push({ touser: b('touser') as string, template_id: b('template_id') as string, page: b('page'), data: body.data })
        return json(response, { errcode: 0, errmsg: 'ok' })
      }
      case '/wxa/msg_sec_check': {
        if (request.method !== 'POST') return json(response, { errcode: 43002, errmsg: 'require POST method' })
        const refused = tokenError(q('access_token') ?? null)
        if (refused) return json(response, refused)
        if (limited()) return json(response, { errcode: 45009, errmsg: 'reach max api daily quota limit' })
        const openid = b('openid')
        if (!openid) return json(response, { errcode: 40003, errmsg: 'invalid openid' })
        if (staleOpenids.has(openid)) return json(response, { errcode: 61010, errmsg: 'user access record expired' })
        const content = b('content') ?? ''
        if (body.version !== 2 || ![1, 2, 3, 4].includes(body.scene as number)) return json(response, { errcode: 47001, errmsg: 'data format error' })
        if (Array.from(content).length > 2500) return json(response, { errcode: 47001, errmsg: 'data format error: content too long' })
        const rank = { pass: 0, review: 1, risky: 2 }
        const hit = textRules.filter((r) => content.includes(r.word)).sort((x, y) => rank[y.suggest] - rank[x.suggest])[0]
        const suggest: Suggest = hit?.suggest ?? 'pass'
        const label = hit?.label ?? 100
        textChecks.push({ content, scene: body.scene as number, openid, version: 2, suggest, label })
        return json(response, {
          errcode: 0,
          errmsg: 'ok',
          result: { suggest, label },
          detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: hit ? 90 : 0 }],
          trace_id: `tt-${(++issued).toString(36)}-${randomBytes(6).toString('hex')}`,
        })
      }
      case '/wxa/media_check_async': {
        if (request.method !== 'POST') return json(response, { errcode: 43002, errmsg: 'require POST method' })
        const refused = tokenError(q('access_token') ?? null)
        if (refused) return json(response, refused)
        if (limited()) return json(response, { errcode: 45009, errmsg: 'reach max api daily quota limit' })
        const openid = b('openid')
        if (!openid) return json(response, { errcode: 40003, errmsg: 'invalid openid' })
        if (staleOpenids.has(openid)) return json(response, { errcode: 61010, errmsg: 'user access record expired' })
        const mediaUrl = b('media_url')
        if (!mediaUrl || ![1, 2].includes(body.media_type as number) || body.version !== 2 || ![1, 2, 3, 4].includes(body.scene as number)) {
          return json(response, { errcode: 47001, errmsg: 'data format error' })
        }
        const traceId = `mt-${(++issued).toString(36)}-${randomBytes(6).toString('hex')}`
        mediaChecks.push({ media_url: mediaUrl, media_type: body.media_type as number, version: 2, scene: body.scene as number, openid, trace_id: traceId })
        return json(response, { errcode: 0, errmsg: 'ok', trace_id: traceId })
      }
      default:
        return json(response, { errcode: 40066, errmsg: 'invalid url' }, 404)
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) json(response, { errcode: -1, errmsg: `stand-in error: ${(error as Error).message}` }, 500)
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const base = `http://127.0.0.1:${port}`

  /** The query WeChat signs a push with: signature = sha1 of the sorted token, timestamp and nonce. */
  const signedQuery = (token: string, options: Pick<PushOptions, 'signature' | 'timestamp'>) => {
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000))
    const nonce = randomBytes(5).toString('hex')
    const query = new URLSearchParams()
    if (options.signature === 'none') return query
    const key = options.signature === 'bad' ? `${token}-forged` : token
    query.set('signature', createHash('sha1').update([key, timestamp, nonce].sort().join('')).digest('hex'))
    query.set('timestamp', timestamp)
    query.set('nonce', nonce)
    return query
  }
  const target = () => {
    if (!push) throw new Error('wechat stand-in: pushTo(url, token) first')
    return push
  }
  const answerOf = async (response: Response): Promise<PushAnswer> => ({ status: response.status, body: await response.text() })
  const pushMediaResult = async (traceId: string, suggest: Suggest, options: PushOptions = {}): Promise<PushAnswer> => {
    const { url, token } = target()
    const errcode = options.errcode ?? 0
    const label = options.label ?? (suggest === 'pass' ? 100 : 20002)
    const event = {
      ToUserName: `gh_${appId}`,
      FromUserName: mediaChecks.find((m) => m.trace_id === traceId)?.openid ?? 'o-unknown',
      CreateTime: Math.floor(Date.now() / 1000),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: options.appid ?? appId,
      trace_id: traceId,
      version: 2,
      detail: [{ strategy: 'content_model', errcode, suggest, label, prob: 90 }],
      errcode,
      errmsg: errcode === 0 ? 'ok' : 'media download failed',
      result: { suggest, label },
    }
    const xml = () =>
      `<xml><ToUserName><![CDATA[${event.ToUserName}]]></ToUserName><FromUserName><![CDATA[${event.FromUserName}]]></FromUserName>` +
      `<CreateTime>${event.CreateTime}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[wxa_media_check]]></Event>` +
      `<appid><![CDATA[${event.appid}]]></appid><trace_id><![CDATA[${traceId}]]></trace_id><version>2</version>` +
      `<detail><strategy><![CDATA[content_model]]></strategy><errcode>${errcode}</errcode><suggest><![CDATA[${suggest}]]></suggest><label>${label}</label><prob>90</prob></detail>` +
      `<errcode>${errcode}</errcode><errmsg><![CDATA[${event.errmsg}]]></errmsg><result><suggest><![CDATA[${suggest}]]></suggest><label>${label}</label></result></xml>`
    const response = await fetch(`${url}?${signedQuery(token, options)}`, {
      method: 'POST',
      headers: { 'content-type': options.format === 'xml' ? 'text/xml' : 'application/json' },
      body: options.format === 'xml' ? xml() : JSON.stringify(event),
    })
    return answerOf(response)
  }

  return {
    url: base,
    authorizeUrl: `${base}/connect/oauth2/authorize`,
    appId,
    secret,
    webAppId,
    webSecret,
    issueCode(openid, { expired = false, app = 'miniprogram' } = {}) {
      return newCode(openid, app, expired ? Date.now() - codeTtlMs - 1000 : Date.now())
    },
    rateLimitNext: () => void (rateLimited = true),
    failNext: (mode) => void (failing = mode),
    autoApprove: (openid) => void (approveAs = openid),
    expireTokens() {
      for (const token of tokens.values()) token.valid = false
    },
    requests,
    requestsTo: (path) => requests.filter((r) => r.path === path),
    unlimitedCodes,
    subscribeMessages,
    textRules,
    textChecks,
    mediaChecks,
    staleOpenids,
    pushTo: (url, token) => void (push = { url, token }),
    pushMediaResult,
    pushForged: (traceId, suggest) => pushMediaResult(traceId, suggest, { signature: 'bad' }),
    async verifyPushUrl(echostr, options = {}) {
      const { url, token } = target()
      const query = signedQuery(token, options)
      query.set('echostr', echostr)
      return answerOf(await fetch(`${url}?${query}`))
    },
    png,
    reset() {
      codes = new Map()
      tokens = new Map()
      current = null
      rateLimited = false
      failing = null
      approveAs = null
      requests.length = 0
      unlimitedCodes.length = 0
      subscribeMessages.length = 0
      textRules.splice(0, textRules.length, ...defaultRules())
      textChecks.length = 0
      mediaChecks.length = 0
      staleOpenids.clear()
    },
    async close() {
      for (const response of hanging) response.destroy()
      hanging.clear()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }
}

/** `start()` as the tests name it. */
export const start = startWeChatStandIn

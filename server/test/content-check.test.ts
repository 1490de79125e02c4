import { WeChatAccessToken } from '../auth'
import { ConfigError, loadConfig } from '../config'
import type { ContentCheck, ContentSubject } from '../../src/core/context'
import { createWeChatTextCheck, MSG_SEC_CHECK_MAX_CHARS, piecesOf } from '../moderation/wechat-text-check'
import { startWeChatStandIn, type WeChatStandIn } from './support/wechat-stand-in'

/**
 * The msgSecCheck v2 adapter (issue 13) against the WeChat stand-in on loopback: WeChat's suggest
 * as the port's verdict, the scene of each kind of text, a renewed token, every failure held for
 * review (never passed), long texts in pieces, and authors WeChat cannot check.
 */

let wx: WeChatStandIn
beforeAll(async () => {
  wx = await startWeChatStandIn()
})
afterAll(() => wx.close())
beforeEach(() => wx.reset())

const TIMEOUT_MS = 300

function checker(options: { fallback?: ContentCheck } = {}) {
  const tokens = new WeChatAccessToken({ appId: wx.appId, secret: wx.secret, baseUrl: wx.url, timeoutMs: TIMEOUT_MS })
  return createWeChatTextCheck({ tokens, baseUrl: wx.url, timeoutMs: TIMEOUT_MS, ...options })
}

const subject = (text: string, over: Partial<ContentSubject> = {}): ContentSubject => ({
  kind: 'report',
  text,
  communityId: 'c-yingyue',
  author: { userId: 'u-wang', openid: 'o-wang' },
  ...over,
})
const checks = () => wx.requestsTo('/wxa/msg_sec_check')

describe('WeChat’s answer as the verdict', () => {
  it('passes, holds for review and rejects as WeChat suggests, with its label as the reason', async () => {
    const check = checker()
    expect(await check.text(subject('3号楼楼道的灯坏了，晚上很黑'))).toEqual({ verdict: 'pass' })
    expect(await check.text(subject('出售二手家具，有意请加微信详谈'))).toEqual({ verdict: 'review', reason: '10001' })
    expect(await check.text(subject('地下车库有人聚众赌博'))).toEqual({ verdict: 'reject', reason: '20006' })
    expect(wx.textChecks.map((c) => [c.suggest, c.label])).toEqual([
      ['pass', 100],
      ['review', 10001],
      ['risky', 20006],
    ])
    // v2, the author's openid, the access token (redacted in the record) in the query.
    expect(checks()[0]).toMatchObject({ method: 'POST', params: { access_token: '[redacted]', version: '2', openid: 'o-wang', scene: '3', content: '3号楼楼道的灯坏了，晚上很黑' } })
  })

  it('sends each kind of text with its scene: posts for everyone as 论坛 (3), replies as 评论 (2)', async () => {
    const check = checker()
    const kinds = ['report', 'notice', 'proposal', 'message', 'contribution', 'question'] as const
    for (const kind of kinds) await check.text(subject('谢谢社区的帮助', { kind }))
    expect(wx.textChecks.map((c) => c.scene)).toEqual([3, 3, 3, 2, 2, 2])
  })

  it('renews an access token WeChat says is no longer valid (40001) once, and checks again', async () => {
    const check = checker()
    await check.text(subject('今天小区停水吗'))
    wx.expireTokens()
    expect(await check.text(subject('地下车库有人聚众赌博'))).toEqual({ verdict: 'reject', reason: '20006' })
    expect(checks()).toHaveLength(3)
    const tokens = wx.requestsTo('/cgi-bin/stable_token')
    expect(tokens.map((t) => t.params.force_refresh)).toEqual(['false', 'true'])
  })
})

describe('when WeChat cannot answer, the text is held for review, never passed', () => {
  it.each([
    ['-1 system busy', () => wx.failNext('errcode'), 'wechat_busy'],
    ['HTTP 500', () => wx.failNext('http500'), 'wechat_unavailable'],
    ['no answer within the timeout', () => wx.failNext('hang'), 'wechat_unavailable'],
    ['45009 over the daily quota', () => wx.rateLimitNext(), 'wechat_rate_limited'],
  ])('%s → review', async (_name, fail, reason) => {
    const check = checker()
    await check.text(subject('先取一个令牌'))
    fail()
    const started = Date.now()
    expect(await check.text(subject('3号楼楼道的灯坏了'))).toEqual({ verdict: 'review', reason })
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 1500)
    // And the next text is checked as usual.
    expect(await check.text(subject('3号楼楼道的灯坏了'))).toEqual({ verdict: 'pass' })
  })

  it('holds the text when the access token itself cannot be had', async () => {
    const check = checker()
    wx.failNext('http500')
    expect(await check.text(subject('有人聚众赌博'))).toEqual({ verdict: 'review', reason: 'wechat_unavailable' })
    expect(checks()).toHaveLength(0)
  })
})

describe('a text longer than WeChat reads at once', () => {
  it('is checked in overlapping pieces of at most 2,500 characters, and a word across a cut is caught', async () => {
    const check = checker()
    // 赌博 straddles character 2,500: the first piece ends inside it, the second holds it whole.
    const text = `${'好'.repeat(2499)}赌博${'好'.repeat(3499)}`
    expect(await check.text(subject(text))).toEqual({ verdict: 'reject', reason: '20006' })
    expect(wx.textChecks.map((c) => [c.suggest, Array.from(c.content).length])).toEqual([
      ['pass', 2500],
      ['risky', 2500],
    ])
    // Rejected at the second piece: the third is not sent.
    expect(checks().length).toBe(2)
  })

  it('passes a long text only when every piece passes, and reports the worst piece', async () => {
    const check = checker()
    expect(await check.text(subject('邻'.repeat(6000)))).toEqual({ verdict: 'pass' })
    expect(wx.textChecks.map((c) => Array.from(c.content).length)).toEqual([2500, 2500, 1200])
    wx.reset()
    expect(await checker().text(subject(`${'邻'.repeat(3000)}请加微信`))).toEqual({ verdict: 'review', reason: '10001' })
    expect(wx.textChecks.map((c) => c.suggest)).toEqual(['pass', 'review'])
  })

  it('never cuts a character in two (code points, not UTF-16 units)', () => {
    const text = '😀'.repeat(MSG_SEC_CHECK_MAX_CHARS + 1)
    const pieces = piecesOf(text)
    expect(pieces.map((p) => Array.from(p).length)).toEqual([2500, 101])
    expect(pieces.every((p) => /^(😀)+$/u.test(p))).toBe(true)
    expect(piecesOf('短')).toEqual(['短'])
  })
})

describe('an author WeChat cannot check', () => {
  const words: ContentCheck = { text: async (s) => (s.text.includes('垃圾') ? { verdict: 'reject', reason: '垃圾' } : { verdict: 'pass' }) }

  it('without an openid (a demo or H5 account): held for review, or checked by the fallback, without calling WeChat', async () => {
    const noOpenid = { author: { userId: 'u-h5' } }
    expect(await checker().text(subject('楼下有人赌博', noOpenid))).toEqual({ verdict: 'review', reason: 'no_openid' })
    expect(await checker({ fallback: words }).text(subject('小区垃圾没人收', noOpenid))).toEqual({ verdict: 'reject', reason: '垃圾' })
    expect(await checker({ fallback: words }).text(subject('谢谢物业', noOpenid))).toEqual({ verdict: 'pass' })
    expect(checks()).toHaveLength(0)
  })

  it('whom WeChat has not seen in the last two hours (61010) or does not know (40003): the fallback decides', async () => {
    wx.staleOpenids.add('o-stale')
    const stale = { author: { userId: 'u-wang', openid: 'o-stale' } }
    expect(await checker({ fallback: words }).text(subject('小区垃圾没人收', stale))).toEqual({ verdict: 'reject', reason: '垃圾' })
    expect(await checker().text(subject('谢谢物业', stale))).toEqual({ verdict: 'review', reason: 'no_openid' })
    expect(wx.textChecks).toHaveLength(0)
  })

  it('passes an empty text without asking anyone', async () => {
    expect(await checker().text(subject('   '))).toEqual({ verdict: 'pass' })
    expect(checks()).toHaveLength(0)
  })
})

describe('configuration', () => {
  const weChat = { WECHAT_APPID: 'wx1', WECHAT_SECRET: 's1' }

  it('is off unless LINLI_CONTENT_CHECK=wechat, which needs WeChat, the push token and the public URL', () => {
    expect(loadConfig({}).contentCheck).toBe('off')
    expect(loadConfig({}).weChatCallbackToken).toBeUndefined()
    const on = loadConfig({ ...weChat, LINLI_CONTENT_CHECK: 'wechat', WECHAT_CALLBACK_TOKEN: 'linliPush2026', LINLI_PUBLIC_URL: 'https://linli.example.com' })
    expect(on).toMatchObject({ contentCheck: 'wechat', weChatCallbackToken: 'linliPush2026' })
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env)
        return ''
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError)
        return (error as Error).message
      }
    }
    expect(problems({ LINLI_CONTENT_CHECK: 'wechat' })).toMatch(/needs WECHAT_APPID[\s\S]*needs WECHAT_CALLBACK_TOKEN[\s\S]*needs LINLI_PUBLIC_URL/)
    expect(problems({ LINLI_CONTENT_CHECK: 'words' })).toContain('LINLI_CONTENT_CHECK must be off or wechat')
    expect(problems({ ...weChat, WECHAT_CALLBACK_TOKEN: 'a b' })).toContain('WECHAT_CALLBACK_TOKEN must be 3 to 32 letters and digits')
    expect(problems({ WECHAT_CALLBACK_TOKEN: 'linliPush2026' })).toContain('WECHAT_CALLBACK_TOKEN needs WECHAT_APPID and WECHAT_SECRET')
  })
})

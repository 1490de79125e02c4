import { Writable } from 'node:stream'
import { ConfigError, loadConfig } from '../config'
import { LogNotifier, WeChatNotifyError, WeChatSubscribeNotifier, type BookingNotice, type ConsultationEvent, type Notifier, type StatusChange } from '../notifications/notifier'
import type { ModerationNotice } from '../../src/core/context'
import { DEMO, newKey, startWorld, validReport, type Headers, type World } from './support/world'

/**
 * Telling residents that their report moved: a fake notifier records what the report service
 * asks it to send after each move; a failing notifier never fails the move; the WeChat subscribe
 * notifier against a fake WeChat API.
 */

class FakeNotifier implements Notifier {
  sent: StatusChange[] = []
  events: ConsultationEvent[] = []
  consult(event: ConsultationEvent): Promise<void> {
    this.events.push(event)
    return Promise.resolve()
  }
  fail: 'no' | 'throw' | 'reject' | 'hang' = 'no'
  notify(change: StatusChange): Promise<void> {
    this.sent.push(change)
    if (this.fail === 'throw') throw new Error('notifier exploded')
    if (this.fail === 'reject') return Promise.reject(new Error('WeChat is down'))
    if (this.fail === 'hang') return new Promise<void>(() => undefined)
    return Promise.resolve()
  }
}

const notifier = new FakeNotifier()
const logLines: Array<Record<string, unknown>> = []
let world: World
let wang: Headers
let li: Headers
let sun: Headers
let zhang: Headers
let zhou: Headers
beforeAll(async () => {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line))
      done()
    },
  })
  world = await startWorld({ notifier, logger: { level: 'warn', stream }, rateLimits: { submit: { max: 10_000, timeWindowMs: 60_000 } } })
  await world.db.query(`UPDATE users SET wechat_openid = 'openid-wang' WHERE id = 'u-wang'`)
  ;[wang, li, sun, zhang, zhou] = await Promise.all([DEMO.owner, DEMO.neighbour, DEMO.gridWorker2, DEMO.staff, DEMO.leader].map((u) => world.as(u)))
})
afterAll(() => world.close())
beforeEach(() => {
  notifier.sent = []
  notifier.events = []
  notifier.fail = 'no'
  logLines.length = 0
})

const move = (h: Headers, id: string, name: string, payload: object = {}) =>
  world.inject({ method: 'POST', url: name === 'rate' ? `/api/v1/reports/${id}/rating` : `/api/v1/reports/${id}/actions/${name}`, headers: h, payload })
const told = () => notifier.sent.map((c) => `${c.recipient.userId} ${c.move} ${c.from}→${c.to}`)

describe('status changes reach the people who follow the report', () => {
  it('tells the reporter after each move that changes the status, not after internal or status-keeping steps', async () => {
    const id = await world.file(wang)
    const steps: Array<[Headers, string, object, string[]]> = [
      [sun, 'accept', { note: '收到' }, ['u-wang accept submitted→accepted']],
      [zhang, 'escalate', { note: '请加快' }, []],
      [sun, 'assign', { assignee: { kind: 'user', id: 'u-sun' } }, ['u-wang assign accepted→in_progress']],
      [sun, 'progress', { note: '已联系物业' }, []],
      [sun, 'resolve', { note: '已修好' }, ['u-wang resolve in_progress→resolved']],
      // The reporter's own move (不满意 reopens) tells nobody: they did it.
      [wang, 'rate', { level: 'unsatisfied', comment: '还是不亮' }, []],
      [sun, 'accept', {}, ['u-wang accept reopened→accepted']],
      [sun, 'transfer', { target: { kind: 'grid', id: 'g-1' }, note: '属于第一网格' }, ['u-wang transfer accepted→transferred']],
    ]
    for (const [h, name, payload, expected] of steps) {
      notifier.sent = []
      const response = await move(h, id, name, payload)
      expect(`${name} ${response.statusCode}`).toBe(`${name} 200`)
      expect(told()).toEqual(expected)
    }
  })

  it('carries what a subscribe message needs: the openid, the report, the status and the public note', async () => {
    const id = await world.file(wang, validReport({ categoryId: 'cat-light' }))
    await move(zhang, id, 'reject', { reason: '该路灯属于市政，已转告市政养护所' })
    expect(notifier.sent).toHaveLength(1)
    const [change] = notifier.sent
    expect(change).toMatchObject({
      recipient: { userId: 'u-wang', openid: 'openid-wang' },
      report: { id, categoryName: '路灯故障', number: expect.stringMatching(/^YY-\d{8}-\d{4}$/) },
      move: 'reject',
      from: 'submitted',
      to: 'rejected',
      note: '该路灯属于市政，已转告市政养护所',
    })
    expect(Date.parse(change.at)).not.toBeNaN()
  })

  it('tells a resident without WeChat too (no openid: the notifier decides), and merges', async () => {
    const into = await world.file(li)
    const duplicate = await world.file(li)
    await move(zhang, duplicate, 'merge', { intoReportId: into })
    expect(notifier.sent.map((c) => [c.recipient, c.to])).toEqual([[{ userId: 'u-li' }, 'merged']])
  })

  it('tells the household a 代报 report was filed for and its filer', async () => {
    const filed = await world.inject({
      method: 'POST',
      url: '/api/v1/reports/on-behalf',
      headers: { ...zhou, 'idempotency-key': newKey() },
      payload: { ...validReport(), onBehalfOf: { buildingId: 'b-3', room: '302' } },
    })
    expect(filed.statusCode).toBe(201)
    await move(sun, filed.json().id, 'accept')
    expect(notifier.sent.map((c) => c.recipient.userId).sort()).toEqual(['u-li', 'u-zhou'])
    // Nobody is told about a filing itself.
    notifier.sent = []
    await world.file(wang)
    expect(notifier.sent).toEqual([])
  })

  it.each(['throw', 'reject', 'hang'] as const)('does not fail or hold up the move when the notifier fails (%s); the failure is logged', async (fail) => {
    const id = await world.file(wang)
    notifier.fail = fail
    const response = await move(sun, id, 'accept', { note: '收到' })
    expect(response.statusCode).toBe(200)
    expect(response.json().report.status).toBe('accepted')
    expect(notifier.sent).toHaveLength(1)
    await new Promise((resolve) => setImmediate(resolve))
    const warnings = logLines.filter((l) => String(l.msg).startsWith('notify:'))
    expect(warnings).toHaveLength(fail === 'hang' ? 0 : 1)
    if (fail !== 'hang') expect(warnings[0]).toMatchObject({ level: 40, userId: 'u-wang', reportId: id, move: 'accept' })
    // The move stands.
    expect((await world.inject({ url: `/api/v1/reports/${id}`, headers: wang })).json().report.status).toBe('accepted')
  })
})

// ── WeChat subscribe messages against a fake WeChat ─────────────────────────────────────────────

const change = (over: Partial<StatusChange> = {}): StatusChange => ({
  recipient: { userId: 'u-wang', openid: 'openid-wang' },
  report: { id: 'r_abc', number: 'YY-20261121-0007', categoryName: '路灯故障', description: '路灯不亮' },
  move: 'resolve',
  from: 'in_progress',
  to: 'resolved',
  at: '2026-11-21T08:05:00.000Z',
  note: '已更换灯泡，请您查看并评价，如仍有问题可以选择不满意',
  ...over,
})

function fakeWeChat(script: { tokens?: Array<Record<string, unknown>>; sends?: Array<Record<string, unknown> | 'down'> } = {}) {
  const calls: Array<{ url: string; body: Record<string, unknown> }> = []
  let clock = 1_000_000
  const tokens = [...(script.tokens ?? [])]
  const sends = [...(script.sends ?? [])]
  const fetch = (async (input: string | URL, init?: RequestInit) => {
    const url = String(input)
    calls.push({ url, body: JSON.parse(String(init?.body)) })
    const answer = url.includes('/stable_token') ? (tokens.shift() ?? { access_token: `token-${calls.length}`, expires_in: 7200 }) : (sends.shift() ?? { errcode: 0, errmsg: 'ok' })
    if (answer === 'down') throw new TypeError('fetch failed')
    return new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } })
  }) as typeof globalThis.fetch
  const make = (over: Partial<ConstructorParameters<typeof WeChatSubscribeNotifier>[0]> = {}) =>
    new WeChatSubscribeNotifier({ appId: 'wx-app', secret: 'wx-secret', templateId: 'tpl-1', fetch, now: () => clock, ...over })
  return { calls, make, advance: (ms: number) => void (clock += ms) }
}

describe('WeChatSubscribeNotifier', () => {
  it('gets a stable access_token once, then sends the subscribe message with the template’s fields', async () => {
    const wx = fakeWeChat({ tokens: [{ access_token: 'token-A', expires_in: 7200 }] })
    const notifier = wx.make()
    await notifier.notify(change())
    await notifier.notify(change({ to: 'closed', move: 'rate', note: undefined }))
    expect(wx.calls.map((c) => c.url.replace(/access_token=[^&]+/, 'access_token=…'))).toEqual([
      'https://api.weixin.qq.com/cgi-bin/stable_token',
      'https://api.weixin.qq.com/cgi-bin/message/subscribe/send?access_token=…',
      'https://api.weixin.qq.com/cgi-bin/message/subscribe/send?access_token=…',
    ])
    expect(wx.calls[0].body).toEqual({ grant_type: 'client_credential', appid: 'wx-app', secret: 'wx-secret', force_refresh: false })
    expect(wx.calls[1].url).toContain('access_token=token-A')
    expect(wx.calls[1].body).toEqual({
      touser: 'openid-wang',
      template_id: 'tpl-1',
      page: 'reports/detail/index?id=r_abc',
      miniprogram_state: 'formal',
      lang: 'zh_CN',
      data: {
        thing1: { value: '路灯故障' },
        character_string2: { value: 'YY-20261121-0007' },
        phrase3: { value: '已办结' },
        // China time.
        time4: { value: '2026-11-21 16:05' },
        // WeChat's thing fields hold 20 characters.
        thing5: { value: '已更换灯泡，请您查看并评价，如仍有问题…' },
      },
    })
    expect(Array.from((wx.calls[1].body.data as Record<string, { value: string }>).thing5.value)).toHaveLength(20)
    expect((wx.calls[2].body.data as Record<string, { value: string }>).thing5.value).toBe('已评价')
  })

  it('renews the token before it expires, and once more when WeChat says it is no longer valid', async () => {
    const wx = fakeWeChat({
      tokens: [
        { access_token: 'token-A', expires_in: 7200 },
        { access_token: 'token-B', expires_in: 7200 },
        { access_token: 'token-C', expires_in: 7200 },
      ],
      sends: [{ errcode: 0 }, { errcode: 0 }, { errcode: 42001, errmsg: 'access_token expired' }, { errcode: 0 }],
    })
    const notifier = wx.make()
    await notifier.notify(change())
    wx.advance(7200_000 - 299_000) // within five minutes of expiry
    await notifier.notify(change())
    await notifier.notify(change())
    const tokenCalls = wx.calls.filter((c) => c.url.includes('stable_token'))
    expect(tokenCalls.map((c) => c.body.force_refresh)).toEqual([false, false, true])
    expect(wx.calls.filter((c) => c.url.includes('/send')).map((c) => c.url.split('access_token=')[1])).toEqual(['token-A', 'token-B', 'token-B', 'token-C'])
  })

  it('asks for one token when several messages go out at once', async () => {
    const wx = fakeWeChat()
    const notifier = wx.make()
    await Promise.all([notifier.notify(change()), notifier.notify(change()), notifier.notify(change())])
    expect(wx.calls.filter((c) => c.url.includes('stable_token'))).toHaveLength(1)
  })

  it('skips people without an openid, and fails with WeChatNotifyError (never the secret) when WeChat refuses or is down', async () => {
    const wx = fakeWeChat({ sends: [{ errcode: 43101, errmsg: 'user refuse to accept the msg' }, 'down'] })
    const notifier = wx.make({ page: 'pages/tasks/index?report={id}', miniprogramState: 'trial', fields: { note: 'thing9' } })
    await notifier.notify(change({ recipient: { userId: 'u-li' } }))
    expect(wx.calls).toHaveLength(0)
    const refused = await notifier.notify(change()).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(WeChatNotifyError)
    expect((refused as Error).message).toBe('subscribeMessage.send errcode 43101')
    expect(wx.calls[1].body).toMatchObject({ page: 'pages/tasks/index?report=r_abc', miniprogram_state: 'trial', data: { thing9: expect.any(Object) } })
    const down = await notifier.notify(change()).catch((e: unknown) => e)
    expect(down).toBeInstanceOf(WeChatNotifyError)
    expect((down as Error).message).not.toMatch(/wx-secret|token-/)

    const noToken = fakeWeChat({ tokens: [{ errcode: 40013, errmsg: 'invalid appid' }] })
    const failed = await noToken.make().notify(change()).catch((e: unknown) => e)
    expect((failed as Error).message).toBe('stable_token errcode 40013')
  })
})

describe('configuration', () => {
  const wechat = { WECHAT_APPID: 'wx-app', WECHAT_SECRET: 'wx-secret' }
  it('turns subscribe messages on with a template id and WeChat credentials', () => {
    expect(loadConfig({}).subscribe).toBeUndefined()
    expect(loadConfig(wechat).subscribe).toBeUndefined()
    expect(loadConfig({ ...wechat, LINLI_SUBSCRIBE_TEMPLATE_ID: 'tpl-1' }).subscribe).toEqual({ templateId: 'tpl-1' })
    expect(
      loadConfig({ ...wechat, LINLI_SUBSCRIBE_TEMPLATE_ID: 'tpl-1', LINLI_SUBSCRIBE_PAGE: 'reports/detail/index?id={id}', LINLI_SUBSCRIBE_STATE: 'developer' }).subscribe,
    ).toEqual({ templateId: 'tpl-1', page: 'reports/detail/index?id={id}', miniprogramState: 'developer' })
  })

  it('refuses a template id without WeChat credentials, and an unknown mini-program state', () => {
    expect(() => loadConfig({ LINLI_SUBSCRIBE_TEMPLATE_ID: 'tpl-1' })).toThrow(ConfigError)
    expect(() => loadConfig({ ...wechat, LINLI_SUBSCRIBE_TEMPLATE_ID: 'tpl-1', LINLI_SUBSCRIBE_STATE: 'beta' })).toThrow(/LINLI_SUBSCRIBE_STATE/)
  })
})

// ── consultation events (issue 11) ──────────────────────────────────────────────────────────────

const event = (over: Partial<ConsultationEvent> = {}): ConsultationEvent => ({
  recipient: { userId: 'u-wang', openid: 'openid-wang' },
  kind: 'vote_opened',
  subject: { kind: 'vote', id: 'vt_abc', title: '3号楼楼道加装扶手' },
  at: '2026-12-01T12:30:00.000Z',
  note: '请于12月6日 20:30前投票',
  ...over,
})

describe('consultation events', () => {
  it('reach the notifier after the change: my proposal answered', async () => {
    const proposed = await world.inject({
      method: 'POST',
      url: '/api/v1/proposals',
      headers: { ...wang, 'idempotency-key': newKey() },
      payload: { title: '小区增设快递柜', body: '快递经常堆在门卫室，建议在南门增设一组快递柜', photoIds: [] },
    })
    expect(proposed.statusCode).toBe(201)
    const id = proposed.json().id
    const answered = await world.inject({ method: 'POST', url: `/api/v1/proposals/${id}/answer`, headers: zhang, payload: { kind: 'agenda', reason: '列入下月议事会' } })
    expect(answered.statusCode).toBe(200)
    for (let i = 0; i < 50 && notifier.events.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10))
    expect(notifier.events).toEqual([
      {
        recipient: { userId: 'u-wang', openid: 'openid-wang' },
        kind: 'proposal_answered',
        subject: { kind: 'proposal', id, title: '小区增设快递柜' },
        at: expect.any(String),
        note: '已列入议程',
      },
    ])
  })

  it('LogNotifier logs each one as a line', async () => {
    const lines: Array<[object, string]> = []
    const log = new LogNotifier({ info: (o, m) => lines.push([o, m]), warn: () => undefined })
    await log.consult(event())
    expect(lines).toEqual([
      [
        { consult: { userId: 'u-wang', kind: 'vote_opened', subject: 'vote', subjectId: 'vt_abc', at: '2026-12-01T12:30:00.000Z' } },
        'consult u-wang: 开始表决 3号楼楼道加装扶手',
      ],
    ])
  })

  it('WeChatSubscribeNotifier sends them with the second template, to the vote’s or the proposal’s page', async () => {
    const wx = fakeWeChat({ tokens: [{ access_token: 'token-A', expires_in: 7200 }] })
    const notifier = wx.make({ consultationTemplateId: 'tpl-consult' })
    await notifier.consult(event())
    await notifier.consult(event({ kind: 'proposal_threshold', subject: { kind: 'proposal', id: 'pp_1', title: '在小区东门增设电动自行车充电棚' }, note: '' }))
    const sends = wx.calls.filter((c) => c.url.includes('/send'))
    expect(sends.map((c) => c.body)).toEqual([
      {
        touser: 'openid-wang',
        template_id: 'tpl-consult',
        page: 'consult/vote/index?id=vt_abc',
        miniprogram_state: 'formal',
        lang: 'zh_CN',
        data: { thing1: { value: '3号楼楼道加装扶手' }, phrase2: { value: '开始表决' }, time3: { value: '2026-12-01 20:30' }, thing4: { value: '请于12月6日 20:30前投票' } },
      },
      {
        touser: 'openid-wang',
        template_id: 'tpl-consult',
        page: 'consult/proposal/index?id=pp_1',
        miniprogram_state: 'formal',
        lang: 'zh_CN',
        // 20 characters at most in a thing field; an empty note says what happened.
        data: { thing1: { value: '在小区东门增设电动自行车充电棚' }, phrase2: { value: '列入议程' }, time3: { value: '2026-12-01 20:30' }, thing4: { value: '列入议程' } },
      },
    ])
  })

  it('WeChatSubscribeNotifier sends nothing without the second template, or to someone without an openid', async () => {
    const wx = fakeWeChat()
    await wx.make().consult(event())
    await wx.make({ consultationTemplateId: 'tpl-consult' }).consult(event({ recipient: { userId: 'u-li' } }))
    expect(wx.calls).toEqual([])
  })

  it('is configured by LINLI_SUBSCRIBE_CONSULTATION_TEMPLATE_ID, next to the status template', () => {
    const wechat = { WECHAT_APPID: 'wx-app', WECHAT_SECRET: 'wx-secret', LINLI_SUBSCRIBE_TEMPLATE_ID: 'tpl-1' }
    expect(loadConfig(wechat).subscribe).toEqual({ templateId: 'tpl-1' })
    expect(loadConfig({ ...wechat, LINLI_SUBSCRIBE_CONSULTATION_TEMPLATE_ID: 'tpl-consult' }).subscribe).toEqual({ templateId: 'tpl-1', consultationTemplateId: 'tpl-consult' })
    expect(() => loadConfig({ WECHAT_APPID: 'wx-app', WECHAT_SECRET: 'wx-secret', LINLI_SUBSCRIBE_CONSULTATION_TEMPLATE_ID: 'tpl-consult' })).toThrow(/LINLI_SUBSCRIBE_CONSULTATION_TEMPLATE_ID/)
  })
})

// ── booking notices (issue 12) ──────────────────────────────────────────────────────────────────

const notice = (over: Partial<BookingNotice> = {}): BookingNotice => ({
  recipient: { userId: 'u-wang', openid: 'openid-wang' },
  kind: 'reminder_day',
  booking: { id: 'bk_abc', serviceName: '法律咨询', startsAt: '2026-11-26T02:00:00.000Z', where: '社区党群服务中心二楼法律服务室' },
  at: '2026-11-25T02:00:05.000Z',
  note: '明天10:00请准时到场',
  ...over,
})

describe('booking notices', () => {
  it('LogNotifier logs each one as a line, with the booking’s start in China time', async () => {
    const lines: Array<[object, string]> = []
    const log = new LogNotifier({ info: (o, m) => lines.push([o, m]), warn: () => undefined })
    await log.booking(notice())
    expect(lines).toEqual([
      [
        { booking: { userId: 'u-wang', kind: 'reminder_day', bookingId: 'bk_abc', startsAt: '2026-11-26T02:00:00.000Z', at: '2026-11-25T02:00:05.000Z' } },
        'booking u-wang: 明日预约 法律咨询 2026-11-26 10:00',
      ],
    ])
  })

  it('WeChatSubscribeNotifier sends them with the booking template: the service, its start, where, what happened, the note', async () => {
    const wx = fakeWeChat({ tokens: [{ access_token: 'token-A', expires_in: 7200 }] })
    const notifier = wx.make({ bookingTemplateId: 'tpl-booking' })
    await notifier.booking(notice())
    await notifier.booking(notice({ kind: 'promoted', booking: { ...notice().booking, id: 'bk/2', where: '上门服务' }, note: '' }))
    await notifier.booking(notice({ kind: 'expired', booking: { ...notice().booking, serviceName: '社区老年人助浴上门服务（含理发、修脚、剪指甲）' }, note: '候补未成功，欢迎预约其他时段' }))
    const sends = wx.calls.filter((c) => c.url.includes('/send'))
    expect(sends.map((c) => c.body)).toEqual([
      {
        touser: 'openid-wang',
        template_id: 'tpl-booking',
        page: 'booking/detail/index?id=bk_abc',
        miniprogram_state: 'formal',
        lang: 'zh_CN',
        // time2 is when the booking starts (China time), not when the message goes.
        data: { thing1: { value: '法律咨询' }, time2: { value: '2026-11-26 10:00' }, thing3: { value: '社区党群服务中心二楼法律服务室' }, phrase4: { value: '明日预约' }, thing5: { value: '明天10:00请准时到场' } },
      },
      {
        touser: 'openid-wang',
        template_id: 'tpl-booking',
        page: 'booking/detail/index?id=bk%2F2',
        miniprogram_state: 'formal',
        lang: 'zh_CN',
        // An empty note says what happened.
        data: { thing1: { value: '法律咨询' }, time2: { value: '2026-11-26 10:00' }, thing3: { value: '上门服务' }, phrase4: { value: '候补成功' }, thing5: { value: '候补成功' } },
      },
      {
        touser: 'openid-wang',
        template_id: 'tpl-booking',
        page: 'booking/detail/index?id=bk_abc',
        miniprogram_state: 'formal',
        lang: 'zh_CN',
        // 20 characters at most in a thing field, 5 in a phrase.
        data: {
          thing1: { value: '社区老年人助浴上门服务（含理发、修脚、…' },
          time2: { value: '2026-11-26 10:00' },
          thing3: { value: '社区党群服务中心二楼法律服务室' },
          phrase4: { value: '已失效' },
          thing5: { value: '候补未成功，欢迎预约其他时段' },
        },
      },
    ])
  })

  it('WeChatSubscribeNotifier takes other keywords and another page', async () => {
    const wx = fakeWeChat()
    await wx.make({ bookingTemplateId: 'tpl-b', bookingFields: { service: 'thing7', note: 'thing9' }, bookingPage: 'booking/mine/index?b={id}' }).booking(notice({ kind: 'reminder_hour', note: '1小时后开始，请准时到场' }))
    const [send] = wx.calls.filter((c) => c.url.includes('/send'))
    expect(send.body).toMatchObject({
      page: 'booking/mine/index?b=bk_abc',
      data: { thing7: { value: '法律咨询' }, time2: { value: '2026-11-26 10:00' }, phrase4: { value: '即将开始' }, thing9: { value: '1小时后开始，请准时到场' } },
    })
  })

  it('WeChatSubscribeNotifier sends nothing without the booking template or an openid, and fails with WeChatNotifyError when WeChat refuses', async () => {
    const wx = fakeWeChat({ sends: [{ errcode: 45009, errmsg: 'reach max api daily quota limit' }] })
    await wx.make().booking(notice())
    await wx.make({ bookingTemplateId: 'tpl-booking' }).booking(notice({ recipient: { userId: 'u-li' } }))
    expect(wx.calls).toEqual([])
    const refused = await wx.make({ bookingTemplateId: 'tpl-booking' }).booking(notice()).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(WeChatNotifyError)
    expect((refused as Error).message).toBe('subscribeMessage.send errcode 45009')
  })

  it('WeChatSubscribeNotifier takes a person who has not subscribed (43101) as answered: a reminder is not retried for nothing', async () => {
    const wx = fakeWeChat({ sends: [{ errcode: 43101, errmsg: 'user refuse to accept the msg' }] })
    await expect(wx.make({ bookingTemplateId: 'tpl-booking' }).booking(notice())).resolves.toBeUndefined()
    expect(wx.calls.filter((c) => c.url.includes('/send'))).toHaveLength(1)
  })

  it('is configured by LINLI_SUBSCRIBE_BOOKING_TEMPLATE_ID, next to the status template', () => {
    const wechat = { WECHAT_APPID: 'wx-app', WECHAT_SECRET: 'wx-secret', LINLI_SUBSCRIBE_TEMPLATE_ID: 'tpl-1' }
    expect(loadConfig({ ...wechat, LINLI_SUBSCRIBE_BOOKING_TEMPLATE_ID: 'tpl-booking' }).subscribe).toEqual({ templateId: 'tpl-1', bookingTemplateId: 'tpl-booking' })
    expect(() => loadConfig({ WECHAT_APPID: 'wx-app', WECHAT_SECRET: 'wx-secret', LINLI_SUBSCRIBE_BOOKING_TEMPLATE_ID: 'tpl-booking' })).toThrow(/LINLI_SUBSCRIBE_BOOKING_TEMPLATE_ID/)
  })
})

// ── moderation decisions (issue 13) ─────────────────────────────────────────────────────────────

const decision = (over: Partial<ModerationNotice> = {}): ModerationNotice => ({
  recipient: { userId: 'u-wang', openid: 'openid-wang' },
  decision: 'rejected',
  subject: { kind: 'proposal', id: 'pr_1' },
  at: '2026-11-25T02:00:05.000Z',
  note: '含有他人电话号码，请删除后重新提交',
  ...over,
})

describe('moderation decisions', () => {
  it('WeChatSubscribeNotifier sends them with the moderation template: what was held, the decision, when, the reason; a tap opens the text', async () => {
    const wx = fakeWeChat()
    const notifier = wx.make({ moderationTemplateId: 'tpl-mod' })
    await notifier.moderation(decision())
    await notifier.moderation(decision({ decision: 'approved', subject: { kind: 'message', id: 'm/1' }, note: '' }))
    expect(wx.calls.filter((c) => c.url.includes('/send')).map((c) => c.body)).toMatchObject([
      {
        touser: 'openid-wang',
        template_id: 'tpl-mod',
        page: 'consult/proposal/index?id=pr_1',
        data: { thing1: { value: '您提出的议题' }, phrase2: { value: '未通过' }, time3: { value: '2026-11-25 10:00' }, thing4: { value: '含有他人电话号码，请删除后重新提交' } },
      },
      // A message has no page of its own: the 消息 tab; no note: the decision says it.
      { template_id: 'tpl-mod', page: 'pages/messages/index', data: { thing1: { value: '您发送的留言' }, phrase2: { value: '审核通过' }, thing4: { value: '审核通过' } } },
    ])
  })

  it('WeChatSubscribeNotifier sends nothing without the template or an openid, and takes 43101 (not subscribed) as answered', async () => {
    const wx = fakeWeChat({ sends: [{ errcode: 43101, errmsg: 'user refuse to accept the msg' }] })
    await wx.make().moderation(decision())
    await wx.make({ moderationTemplateId: 'tpl-mod' }).moderation(decision({ recipient: { userId: 'u-li' } }))
    expect(wx.calls).toEqual([])
    await expect(wx.make({ moderationTemplateId: 'tpl-mod' }).moderation(decision())).resolves.toBeUndefined()
    expect(wx.calls.filter((c) => c.url.includes('/send'))).toHaveLength(1)
  })

  it('is configured by LINLI_SUBSCRIBE_MODERATION_TEMPLATE_ID, next to the status template', () => {
    const wechat = { WECHAT_APPID: 'wx-app', WECHAT_SECRET: 'wx-secret', LINLI_SUBSCRIBE_TEMPLATE_ID: 'tpl-1' }
    expect(loadConfig({ ...wechat, LINLI_SUBSCRIBE_MODERATION_TEMPLATE_ID: 'tpl-mod' }).subscribe).toEqual({ templateId: 'tpl-1', moderationTemplateId: 'tpl-mod' })
    expect(() => loadConfig({ WECHAT_APPID: 'wx-app', WECHAT_SECRET: 'wx-secret', LINLI_SUBSCRIBE_MODERATION_TEMPLATE_ID: 'tpl-mod' })).toThrow(/LINLI_SUBSCRIBE_MODERATION_TEMPLATE_ID/)
  })
})

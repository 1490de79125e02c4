import type { AddressInfo } from 'node:net'
import { buildApp } from '../app'
import { WeChatAccessToken } from '../auth'
import { createWeChatImageCheck, mediaCheckEvent, pushSignature } from '../moderation/wechat-image-check'
import { photoFile } from './support/images'
import { startWeChatStandIn, tinyPng, type WeChatStandIn } from './support/wechat-stand-in'
import { DEMO, expectError, newKey, startWorld, validReport, type World } from './support/world'

/**
 * Photos checked by WeChat's mediaCheckAsync (issue 13), end to end: the server under test listens
 * on loopback, its image checker calls the WeChat stand-in, and the stand-in pushes the verdicts
 * back to /wechat/callback, signed as WeChat signs them. Until a photo passes, a neighbour reading
 * the community's reports does not get its URL; its owner and the community's staff and grid
 * worker do.
 */

const PUSH_TOKEN = 'linliPushToken2026'
const PUBLIC_URL = 'https://linli.example.com'
/** The image checker's timeout: an upload never waits this long (it waits 50 ms at most). */
const TIMEOUT_MS = 1000

let wx: WeChatStandIn
let world: World
let callbackUrl: string
beforeAll(async () => {
  wx = await startWeChatStandIn()
  const tokens = new WeChatAccessToken({ appId: wx.appId, secret: wx.secret, baseUrl: wx.url, timeoutMs: TIMEOUT_MS })
  world = await startWorld({
    imageCheck: createWeChatImageCheck({ tokens, baseUrl: wx.url, timeoutMs: TIMEOUT_MS }),
    imageCheckWaitMs: 50,
    weChatCallback: { token: PUSH_TOKEN, appId: wx.appId, earlyVerdictWaitMs: 1_000 },
    publicUrl: PUBLIC_URL,
  })
  await world.app.listen({ port: 0, host: '127.0.0.1' })
  callbackUrl = `http://127.0.0.1:${(world.app.server.address() as AddressInfo).port}/wechat/callback`
  wx.pushTo(callbackUrl, PUSH_TOKEN)
  // 王秀兰 and 李明 opened the mini-program with WeChat (their openids); 陈 signed in otherwise.
  await world.db.query('UPDATE users SET wechat_openid = $1 WHERE id = $2', ['o-wang', DEMO.owner])
  await world.db.query('UPDATE users SET wechat_openid = $1 WHERE id = $2', ['o-li', DEMO.neighbour])
})
afterAll(async () => {
  await world.close()
  await wx.close()
})

const as = (userId: string) => world.as(userId)
const checkOf = async (photoId: string) =>
  (await world.db.query<{ check_state: string; check_trace_id: string | null; check_reason: string | null }>('SELECT check_state, check_trace_id, check_reason FROM photos WHERE id = $1', [photoId]))[0]

/** Upload a photo as `userId`: its id, and its check's row once WeChat's answer is recorded (the upload may answer first). */
async function upload(userId: string = DEMO.owner, headers: Record<string, string> = {}): Promise<{ id: string; trace?: string }> {
  const id = await uploadOnly(userId, headers)
  const answered = await eventually(async () => {
    const check = await checkOf(id)
    return check.check_trace_id !== null || check.check_reason !== null ? check : undefined
  })
  return { id, ...(answered?.check_trace_id ? { trace: answered.check_trace_id } : {}) }
}

/** Upload a photo as `userId`, as the app does: its id, as soon as the upload answers. */
async function uploadOnly(userId: string, headers: Record<string, string> = {}): Promise<string> {
  const file = photoFile(tinyPng())
  const response = await world.inject({ method: 'POST', url: '/api/v1/photos', headers: { ...(await as(userId)), ...file.headers, ...headers }, payload: file.payload })
  expect(response.statusCode).toBe(201)
  return response.json().id
}

async function fileWith(photoIds: string[]): Promise<string> {
  const response = await world.inject({ method: 'POST', url: '/api/v1/reports', headers: { ...(await as(DEMO.owner)), 'idempotency-key': newKey() }, payload: validReport({ photoIds }) })
  expect(response.statusCode).toBe(201)
  return response.json().id
}

const detailPhotoIds = async (userId: string, reportId: string) =>
  (await world.inject({ url: `/api/v1/reports/${reportId}`, headers: await as(userId) })).json().report.photos.map((p: { id: string }) => p.id)

/** The report as a neighbour finds it in the community's list, and the list's body. */
async function asNeighbour(reportId: string) {
  const response = await world.inject({ url: '/api/v1/reports/public?limit=50', headers: await as(DEMO.neighbour) })
  expect(response.statusCode).toBe(200)
  return { row: response.json().items.find((r: { id: string }) => r.id === reportId), body: response.body }
}

describe('a photo WeChat checks', () => {
  it('is submitted at upload, hidden from a neighbour while pending, shown to the owner and staff, and to all once it passes', async () => {
    // A forged Host header does not move what WeChat fetches: the public URL is used.
    const photo = await upload(DEMO.owner, { host: 'pictures.example.net' })
    expect(wx.mediaChecks.find((m) => m.trace_id === photo.trace)).toEqual({
      // A signed URL like any reader's (ADR 0019), at the public base.
      media_url: expect.stringMatching(new RegExp(`^${PUBLIC_URL.replace(/\./g, '\\.')}/files/photos/${photo.id}\\?exp=\\d+&sig=[\\w-]+$`)),
      media_type: 2,
      version: 2,
      scene: 3,
      openid: 'o-wang',
      trace_id: photo.trace,
    })
    expect(await checkOf(photo.id)).toEqual({ check_state: 'pending', check_trace_id: photo.trace, check_reason: null })
    const reportId = await fileWith([photo.id])

    const before = await asNeighbour(reportId)
    expect(before.row).toMatchObject({ photoCount: 0 })
    expect(before.row.thumbnailUrl).toBeUndefined()
    expect(before.body).not.toContain(photo.id)
    expect(await detailPhotoIds(DEMO.owner, reportId)).toEqual([photo.id])
    expect(await detailPhotoIds(DEMO.staff, reportId)).toEqual([photo.id])
    expect(await detailPhotoIds(DEMO.gridWorker2, reportId)).toEqual([photo.id])

    const pushed = await wx.pushMediaResult(photo.trace!, 'pass')
    expect(pushed).toEqual({ status: 200, body: 'success' })
    expect(await checkOf(photo.id)).toMatchObject({ check_state: 'pass' })
    expect((await asNeighbour(reportId)).row).toMatchObject({ photoCount: 1, thumbnailUrl: expect.stringContaining(`${PUBLIC_URL}/files/photos/${photo.id}?exp=`) })
  })

  it('stays hidden when WeChat finds it risky, from its owner too; staff and the grid worker still see it', async () => {
    const photo = await upload()
    const reportId = await fileWith([photo.id])
    expect(await wx.pushMediaResult(photo.trace!, 'risky', { label: 20002 })).toEqual({ status: 200, body: 'success' })
    expect(await checkOf(photo.id)).toMatchObject({ check_state: 'reject', check_reason: '20002' })
    expect((await asNeighbour(reportId)).body).not.toContain(photo.id)
    expect(await detailPhotoIds(DEMO.owner, reportId)).toEqual([])
    expect(await detailPhotoIds(DEMO.staff, reportId)).toEqual([photo.id])
    expect(await detailPhotoIds(DEMO.gridWorker2, reportId)).toEqual([photo.id])
  })

  it('reads the verdict pushed as XML as well', async () => {
    const photo = await upload()
    expect(await wx.pushMediaResult(photo.trace!, 'risky', { format: 'xml', label: 20006 })).toEqual({ status: 200, body: 'success' })
    expect(await checkOf(photo.id)).toMatchObject({ check_state: 'reject', check_reason: '20006' })
  })

  it('keeps a photo WeChat wants a person to review, or could not read, pending', async () => {
    const reviewed = await upload()
    await wx.pushMediaResult(reviewed.trace!, 'review', { label: 21000 })
    expect(await checkOf(reviewed.id)).toMatchObject({ check_state: 'pending', check_reason: '21000' })
    const unread = await upload()
    await wx.pushMediaResult(unread.trace!, 'pass', { errcode: 40001 })
    expect(await checkOf(unread.id)).toMatchObject({ check_state: 'pending', check_reason: 'wechat_errcode_40001' })
  })

  it('puts a photo WeChat wants a person to review in the moderation queue: staff see it (a signed URL), pass it, and the neighbour sees it', async () => {
    const photo = await upload()
    const reportId = await fileWith([photo.id])
    await wx.pushMediaResult(photo.trace!, 'review', { label: 21000 })
    const queue = await world.inject({ url: '/api/v1/moderation/items?limit=50', headers: await as(DEMO.staff) })
    expect(queue.statusCode).toBe(200)
    const item = queue.json().items.find((i: { kind: string; subject: { id: string } }) => i.kind === 'photo' && i.subject.id === photo.id)
    expect(item).toMatchObject({ kind: 'photo', text: '', authorId: DEMO.owner, photo: { id: photo.id, url: expect.stringMatching(new RegExp(`^${PUBLIC_URL.replace(/\./g, '\\.')}/files/photos/${photo.id}\\?exp=\\d+&sig=`)) } })
    // The URL staff get opens the photo.
    const served = await world.inject({ url: item.photo.url.slice(PUBLIC_URL.length) })
    expect(served.statusCode).toBe(200)
    expect((await asNeighbour(reportId)).body).not.toContain(photo.id)

    const approved = await world.inject({ method: 'POST', url: `/api/v1/moderation/items/${item.id}/approve`, headers: { ...(await as(DEMO.staff)), 'idempotency-key': newKey() } })
    expect(approved.statusCode).toBe(200)
    expect(await checkOf(photo.id)).toMatchObject({ check_state: 'pass' })
    expect((await asNeighbour(reportId)).row).toMatchObject({ photoCount: 1 })
    const audit = await world.inject({ url: `/api/v1/audit?subjectKind=photo&subjectId=${photo.id}`, headers: await as(DEMO.staff) })
    expect(audit.json().items).toMatchObject([{ action: 'moderation.approve', subject: { kind: 'photo', id: photo.id }, concerns: { id: DEMO.owner } }])
  })
})

describe('the push', () => {
  it('refuses a bad signature, no signature and an old push with 401, and changes nothing', async () => {
    const photo = await upload()
    const reportId = await fileWith([photo.id])
    const refused = async (answer: { status: number; body: string }, message: string) => {
      expect(answer.status).toBe(401)
      expect(JSON.parse(answer.body)).toEqual({ error: { kind: 'unauthorized', message } })
    }
    await refused(await wx.pushForged(photo.trace!, 'pass'), '消息推送签名无效')
    await refused(await wx.pushMediaResult(photo.trace!, 'pass', { signature: 'none' }), '缺少消息推送签名')
    await refused(await wx.pushMediaResult(photo.trace!, 'pass', { timestamp: Math.floor(Date.now() / 1000) - 3600 }), '消息推送已过期')
    expect(await checkOf(photo.id)).toEqual({ check_state: 'pending', check_trace_id: photo.trace, check_reason: null })
    expect((await asNeighbour(reportId)).body).not.toContain(photo.id)
  })

  it('takes a verdict once: the same push again, or another verdict after it, changes nothing', async () => {
    const photo = await upload()
    expect(await wx.pushMediaResult(photo.trace!, 'pass')).toEqual({ status: 200, body: 'success' })
    const [{ checked_at: first }] = await world.db.query<{ checked_at: unknown }>('SELECT checked_at FROM photos WHERE id = $1', [photo.id])
    expect(await wx.pushMediaResult(photo.trace!, 'pass')).toEqual({ status: 200, body: 'success' })
    expect(await wx.pushMediaResult(photo.trace!, 'risky')).toEqual({ status: 200, body: 'success' })
    expect(await checkOf(photo.id)).toMatchObject({ check_state: 'pass' })
    const [{ checked_at: after }] = await world.db.query<{ checked_at: unknown }>('SELECT checked_at FROM photos WHERE id = $1', [photo.id])
    expect(String(after)).toBe(String(first))
  })

  it('answers success to pushes that are not ours to read: an unknown trace id, another app’s verdict, other events', async () => {
    const photo = await upload()
    expect(await wx.pushMediaResult('mt-never-issued', 'risky')).toEqual({ status: 200, body: 'success' })
    expect(await wx.pushMediaResult(photo.trace!, 'risky', { appid: 'wx-another-app' })).toEqual({ status: 200, body: 'success' })
    expect(await checkOf(photo.id)).toMatchObject({ check_state: 'pending' })
    const other = await signedPost({ ToUserName: 'gh_x', FromUserName: 'o-li', CreateTime: 1, MsgType: 'event', Event: 'user_enter_tempsession' })
    expect(other).toEqual({ status: 200, body: 'success' })
  })

  it('waits a moment for a verdict pushed before the upload recorded its trace id, instead of losing it', async () => {
    const photo = await upload()
    // As if mediaCheckAsync's answer were still on its way to the database when WeChat pushed.
    await world.db.query('UPDATE photos SET check_trace_id = NULL WHERE id = $1', [photo.id])
    const pushed = wx.pushMediaResult(photo.trace!, 'pass')
    await new Promise((resolve) => setTimeout(resolve, 300))
    await world.db.query('UPDATE photos SET check_trace_id = $2 WHERE id = $1', [photo.id, photo.trace])
    expect(await pushed).toEqual({ status: 200, body: 'success' })
    expect(await checkOf(photo.id)).toMatchObject({ check_state: 'pass' })
  })

  it('refuses an encrypted push (安全模式) with 501: only plaintext pushes are read', async () => {
    const answer = await signedPost({ ToUserName: 'gh_x', Encrypt: 'c2VjcmV0' })
    expect(answer.status).toBe(501)
    expect(JSON.parse(answer.body).error.kind).toBe('not_supported')
  })

  it('is in the API document, outside /api/v1', async () => {
    const doc = (await world.inject({ url: '/openapi.json' })).json()
    expect(Object.keys(doc.paths['/wechat/callback']).sort()).toEqual(['get', 'post'])
  })

  it('answers the console’s verification with its echostr when signed, and 401 otherwise', async () => {
    expect(await wx.verifyPushUrl('echo-5738294')).toEqual({ status: 200, body: 'echo-5738294' })
    expect((await wx.verifyPushUrl('echo-5738294', { signature: 'bad' })).status).toBe(401)
    expectError(await world.inject({ url: '/wechat/callback?echostr=x' }), 401, 'unauthorized')
  })
})

describe('when WeChat cannot take the photo', () => {
  it('answers the upload anyway when WeChat hangs, and keeps the photo pending for a retry job', async () => {
    wx.failNext('hang')
    const started = Date.now()
    const id = await uploadOnly(DEMO.owner)
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS)
    expect(await checkOf(id)).toEqual({ check_state: 'pending', check_trace_id: null, check_reason: null })
    // The call times out after the answer; the photo stays pending and a job will ask again.
    const job = await eventually(async () => (await world.db.query<{ key: string }>('SELECT key FROM jobs WHERE key = $1', [`photo.check:${id}`]))[0])
    expect(job).toEqual({ key: `photo.check:${id}` })
    expect(await checkOf(id)).toEqual({ check_state: 'pending', check_trace_id: null, check_reason: 'wechat_unavailable' })
  })

  it('holds a photo of someone without an openid without asking WeChat', async () => {
    const asked = wx.mediaChecks.length
    const photo = await upload(DEMO.chen)
    expect(wx.mediaChecks.length).toBe(asked)
    expect(await checkOf(photo.id)).toMatchObject({ check_state: 'pending', check_reason: 'no_openid' })
  })

  it('holds a photo WeChat refuses to take (45009 over quota)', async () => {
    wx.rateLimitNext()
    const photo = await upload()
    expect(await checkOf(photo.id)).toMatchObject({ check_state: 'pending', check_reason: 'wechat_rate_limited' })
  })
})

describe('without a push token', () => {
  it('has no callback route', async () => {
    const plain = buildApp({ db: world.db, publicUrl: PUBLIC_URL, jobsEveryMs: 0, housekeepingEveryMs: 0 })
    try {
      expectError(await plain.inject({ method: 'POST', url: '/wechat/callback', payload: {} }), 404, 'not_found')
      expectError(await plain.inject({ url: '/wechat/callback?echostr=x' }), 404, 'not_found')
    } finally {
      await plain.close()
    }
  })
})

describe('reading a push', () => {
  it('maps WeChat’s suggest to the verdict and ignores everything else', () => {
    const event = (over: Record<string, unknown>) => ({ MsgType: 'event', Event: 'wxa_media_check', trace_id: 't1', errcode: 0, result: { suggest: 'pass', label: 100 }, ...over })
    expect(mediaCheckEvent(event({}))).toEqual({ traceId: 't1', verdict: { verdict: 'pass' } })
    expect(mediaCheckEvent(event({ result: { suggest: 'risky', label: 20001 }, appid: 'wx1' }))).toEqual({ traceId: 't1', appId: 'wx1', verdict: { verdict: 'reject', reason: '20001' } })
    expect(mediaCheckEvent(event({ result: { suggest: 'maybe' } }))).toEqual({ traceId: 't1', verdict: { verdict: 'review', reason: 'wechat_unknown_suggest' } })
    expect(mediaCheckEvent(event({ result: undefined }))).toEqual({ traceId: 't1', verdict: { verdict: 'review', reason: 'wechat_unknown_suggest' } })
    for (const other of [event({ Event: 'subscribe' }), event({ trace_id: '' }), event({ trace_id: 42 }), null, [], 'not xml', '<xml><MsgType>text</MsgType></xml>']) {
      expect(mediaCheckEvent(other)).toBeNull()
    }
  })
})

/** POST `body` to the callback as JSON, signed with the push token. */
async function signedPost(body: object): Promise<{ status: number; body: string }> {
  const timestamp = String(Math.floor(Date.now() / 1000))
  const nonce = 'n0nce42'
  const query = new URLSearchParams({ signature: pushSignature(PUSH_TOKEN, timestamp, nonce), timestamp, nonce })
  const response = await fetch(`${callbackUrl}?${query}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  return { status: response.status, body: await response.text() }
}

/** `probe`'s first answer that is not undefined, within five seconds. */
async function eventually<T>(probe: () => Promise<T | undefined>): Promise<T | undefined> {
  for (let waited = 0; waited < 5000; waited += 25) {
    const value = await probe()
    if (value !== undefined) return value
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  return undefined
}

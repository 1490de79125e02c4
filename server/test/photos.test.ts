import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { LightMyRequestResponse } from 'fastify'
import sharp from 'sharp'
import { buildApp, LocalPhotoStorage, type WeChatAuth } from '../app'
import { ConfigError, loadConfig } from '../config'
import { PhotoUrlSigner, storedPhotoSecret } from '../photos/signing'
import { sniffImage } from '../photos/sniff'
import { CAMERA, GPS, jpeg, jpegClaiming, multipart, photoFile, png, pngClaiming, rational, webp } from './support/images'
import { DEMO, expectError, newKey, startWorld, validReport, type World } from './support/world'

const MB = 1024 * 1024
const DAY = 86_400_000
const SIGNED = (id: string) => new RegExp(`/files/photos/${id}\\?exp=\\d+&sig=[A-Za-z0-9_-]{43}$`)
const dir = mkdtempSync(join(tmpdir(), 'linli-photos-'))
/** The server's clock: real time, unless a test moves it (and puts it back). */
let clock: Date | null = null
let world: World
beforeAll(async () => {
  // Many uploads from one person: the upload rate limit (30 a minute, issue 13) is tested in rate-limits.test.ts.
  world = await startWorld({ photoStorage: new LocalPhotoStorage(dir), now: () => clock ?? new Date(), rateLimits: { upload: { max: 10_000, timeWindowMs: 60_000 } } })
})
afterAll(async () => {
  await world.close()
  rmSync(dir, { recursive: true, force: true })
})

const upload = async (body: { headers: Record<string, string>; payload: Buffer }, userId: string = DEMO.owner, extra: Record<string, string> = {}) =>
  world.inject({ method: 'POST', url: '/api/v1/photos', headers: { ...(await world.as(userId)), ...body.headers, ...extra }, payload: body.payload })
/** GET a photo URL as the app does: its path and its query (the signature). */
const fetchUrl = (url: string, app: { inject: World['inject'] } = world) => {
  const { pathname, search } = new URL(url)
  return app.inject({ url: `${pathname}${search}` })
}
/** The first 8 bytes of each of `needles`, both byte orders: none may be in `bytes`. */
const containsAny = (bytes: Buffer, needles: Buffer[]) => needles.some((n) => bytes.includes(n))
const forbidden = (response: LightMyRequestResponse, message: string) => {
  expectError(response, 403, 'forbidden')
  expect(response.json().error.message).toBe(message)
}
/** A JPEG's SOI, APP0 and SOF0 only: it names its size but has no pixels. */
const jpegHeaderOnly = (width: number, height: number) =>
  Buffer.concat([
    Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'),
    Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]),
    Buffer.from([0xff, 0xd9]),
  ])

describe('uploading photos', () => {
  it('stores a PNG re-encoded and serves it at its signed URL, with the stored size', async () => {
    const sent = png(3, 2, 1000) // 1000 bytes, most of them a private chunk no decoder needs
    const response = await upload(photoFile(sent))
    expect(response.statusCode).toBe(201)
    const photo = response.json()
    const stored = readFileSync(join(dir, photo.id))
    expect(photo).toEqual({ id: expect.stringMatching(/^p_[A-Za-z0-9_-]{22}$/), url: expect.any(String), width: 3, height: 2, bytes: stored.length })
    expect(photo.url).toMatch(new RegExp(`^http://localhost:80/files/photos/${photo.id}\\?exp=\\d+&sig=[A-Za-z0-9_-]{43}$`))
    expect(stored.length).toBeLessThan(sent.length)
    expect(stored.includes('liNl')).toBe(false)
    const served = await fetchUrl(photo.url)
    expect(served.statusCode).toBe(200)
    expect(served.headers['content-type']).toBe('image/png')
    expect(served.headers['x-content-type-options']).toBe('nosniff')
    expect(served.rawPayload.equals(stored)).toBe(true)
    expect(await sharp(served.rawPayload).metadata()).toMatchObject({ format: 'png', width: 3, height: 2 })
    expect(readdirSync(dir)).toContain(photo.id)
  })

  it('recognises a JPEG by its bytes even when the client calls it octet-stream (as weapp uploads do)', async () => {
    const response = await upload(photoFile(await jpeg(32, 16), 'application/octet-stream', 'tmp_123'))
    expect(response.statusCode).toBe(201)
    expect(response.json()).toMatchObject({ width: 32, height: 16 })
    expect((await fetchUrl(response.json().url)).headers['content-type']).toBe('image/jpeg')
  })

  it('takes WebP, and stores WebP', async () => {
    const response = await upload(photoFile(await webp(640, 480), 'image/webp', 'a.webp'))
    expect(response.statusCode).toBe(201)
    expect(response.json()).toMatchObject({ width: 640, height: 480 })
    const served = await fetchUrl(response.json().url)
    expect(served.headers['content-type']).toBe('image/webp')
    expect((await sharp(served.rawPayload).metadata()).format).toBe('webp')
  })

  it.each([
    ['a text file calling itself a PNG', Buffer.from('hello, I am not an image at all'), 'image/png'],
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00', 'latin1'), 'image/gif'],
    ['an SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'image/svg+xml'],
    ['HTML', Buffer.from('<html><body>x</body></html>'), 'image/jpeg'],
  ])('refuses %s with 415 (checked by magic bytes)', async (_name, data, type) => {
    expectError(await upload(photoFile(data, type)), 415, 'validation', ['file'])
  })

  it.each([
    ['a PNG signature over garbage', Buffer.concat([png(4, 4).subarray(0, 33), Buffer.from('not a zlib stream at all, just text')])],
    ['a JPEG with a header and no pixels', jpegHeaderOnly(32, 16)],
    ['half a JPEG', Buffer.from('ffd8ffe000104a464946', 'hex')],
    ['a WebP header and nothing else', Buffer.concat([Buffer.from('RIFF\x16\x00\x00\x00WEBPVP8X', 'latin1'), Buffer.alloc(14)])],
  ])('refuses %s — it looks like an image but does not decode — with 415, not 500', async (_name, data) => {
    const fields = expectError(await upload(photoFile(data, 'image/jpeg', 'x.jpg')), 415, 'validation', ['file'])
    expect(fields.file).toBe('照片已损坏或无法识别，请换一张')
  })

  it('refuses more than 10 MB with 413 and accepts exactly 10 MB', async () => {
    expectError(await upload(photoFile(png(1, 1, 10 * MB + 1))), 413, 'validation', ['file'])
    const exactly = png(1, 1, 10 * MB)
    expect(exactly.length).toBe(10 * MB)
    const response = await upload(photoFile(exactly))
    expect(response.statusCode).toBe(201)
    expect(response.json()).toMatchObject({ width: 1, height: 1, bytes: expect.any(Number) })
    expect(response.json().bytes).toBeLessThan(1000)
  })

  it('needs a file in the field "file" (400), sent as multipart (415)', async () => {
    expectError(await upload(multipart([{ name: 'note', data: 'just text' }])), 400, 'validation', ['file'])
    expectError(await upload(multipart([{ name: 'image', filename: 'a.png', contentType: 'image/png', data: png() }])), 400, 'validation', ['file'])
    expectError(await upload(photoFile(Buffer.alloc(0))), 400, 'validation', ['file'])
    const json = await world.inject({ method: 'POST', url: '/api/v1/photos', headers: await world.as(DEMO.owner), payload: { file: 'data:image/png;base64,iVBORw0KGgo=' } })
    expectError(json, 415, 'validation', ['file'])
    const none = await world.inject({ method: 'POST', url: '/api/v1/photos', headers: await world.as(DEMO.owner) })
    expectError(none, 415, 'validation')
  })

  it('needs a session to upload', async () => {
    const anonymous = await world.inject({ method: 'POST', url: '/api/v1/photos', ...photoFile(png()) })
    expectError(anonymous, 401, 'unauthorized')
  })
})

describe('what a photo keeps of the file it came in (EXIF, GPS, orientation, size)', () => {
  it('drops EXIF with the GPS position, the camera and the ICC profile, and turns the photo upright by its EXIF orientation', async () => {
    // 40 × 20 pixels stored, EXIF orientation 6: shown turned 90° clockwise, 20 wide and 40 high.
    const sent = await jpeg(40, 20, { exif: true, orientation: 6 })
    const before = await sharp(sent).metadata()
    expect(before).toMatchObject({ format: 'jpeg', width: 40, height: 20, orientation: 6 })
    expect(before.exif?.length).toBeGreaterThan(100)
    expect(before.icc?.length).toBeGreaterThan(100)
    const gps = [...rational(2500, 100), ...rational(1234, 100)] // the seconds of GPS.latitude and GPS.longitude
    expect(GPS.latitude).toContain('2500/100')
    expect(sent.includes(CAMERA)).toBe(true)
    expect(containsAny(sent, gps)).toBe(true)

    const response = await upload(photoFile(sent, 'image/jpeg', 'IMG_0001.jpg'))
    expect(response.statusCode).toBe(201)
    const photo = response.json()
    expect(photo).toMatchObject({ width: 20, height: 40 })
    const stored = (await fetchUrl(photo.url)).rawPayload
    expect(stored.length).toBe(photo.bytes)
    const after = await sharp(stored).metadata()
    expect(after).toMatchObject({ format: 'jpeg', width: 20, height: 40 })
    expect(after.orientation).toBeUndefined()
    expect(after.exif).toBeUndefined()
    expect(after.icc).toBeUndefined()
    expect(after.xmp).toBeUndefined()
    expect(after.iptc).toBeUndefined()
    expect(stored.includes('Exif\0\0')).toBe(false)
    expect(stored.includes(CAMERA)).toBe(false)
    expect(stored.includes('2026:10:01')).toBe(false)
    expect(containsAny(stored, gps)).toBe(false)

    // The pixels turned: red grows left to right and green top to bottom in the file; a quarter turn
    // clockwise puts the file's bottom-left corner (green, no red) top left, its top-right (red, no
    // green) bottom right.
    const { data, info } = await sharp(stored).raw().toBuffer({ resolveWithObject: true })
    const at = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 2)]
    const [topLeftRed, topLeftGreen] = at(1, 1)
    const [bottomRightRed, bottomRightGreen] = at(info.width - 2, info.height - 2)
    expect(topLeftRed).toBeLessThan(40)
    expect(topLeftGreen).toBeGreaterThan(215)
    expect(bottomRightRed).toBeGreaterThan(215)
    expect(bottomRightGreen).toBeLessThan(40)
  })

  it('strips a PNG’s text and EXIF chunks too', async () => {
    const sent = await sharp(png(8, 8)).png().withMetadata().withExif({ IFD0: { Make: CAMERA } }).toBuffer()
    expect(sent.includes(CAMERA)).toBe(true)
    const photo = (await upload(photoFile(sent))).json()
    const stored = (await fetchUrl(photo.url)).rawPayload
    expect(stored.includes(CAMERA)).toBe(false)
    expect((await sharp(stored).metadata()).exif).toBeUndefined()
  })

  it('shrinks a 4000 × 3000 photo to 2560 × 1920 and records the stored size', async () => {
    const sent = await jpeg(4000, 3000, { exif: true })
    const response = await upload(photoFile(sent, 'image/jpeg'))
    expect(response.statusCode).toBe(201)
    const photo = response.json()
    const stored = readFileSync(join(dir, photo.id))
    expect(photo).toMatchObject({ width: 2560, height: 1920, bytes: stored.length })
    expect(await sharp(stored).metadata()).toMatchObject({ width: 2560, height: 1920 })
    // A small photo is never enlarged.
    expect((await upload(photoFile(await jpeg(300, 200)))).json()).toMatchObject({ width: 300, height: 200 })
  })

  it.each([
    ['a JPEG', () => jpegClaiming(60_000, 60_000)],
    ['a PNG', async () => pngClaiming(20_000, 20_000)],
  ])('refuses a decompression bomb (%s naming more than 64 megapixels) with 413 before decoding it', async (_name, make) => {
    const fields = expectError(await upload(photoFile(await make())), 413, 'validation', ['file'])
    expect(fields.file).toBe('照片像素太多，请缩小后再上传')
  })
})

describe('malformed multipart bodies', () => {
  it('answers a multipart/form-data body without a boundary with 400, not 500', async () => {
    const body = photoFile(png())
    const response = await upload({ headers: { 'content-type': 'multipart/form-data' }, payload: body.payload })
    const fields = expectError(response, 400, 'validation', ['file'])
    expect(fields.file).toBe('上传内容不完整或格式不正确，请重新上传')
  })

  it('answers a body cut off in the middle of the file part with 400, not 500', async () => {
    const body = photoFile(png(64, 64, 4000))
    const cut = body.payload.subarray(0, Math.floor(body.payload.length / 2))
    expectError(await upload({ headers: body.headers, payload: cut }), 400, 'validation', ['file'])
    // Cut off inside the part's headers, too.
    const inHeaders = body.payload.subarray(0, body.payload.indexOf('Content-Type') + 5)
    expectError(await upload({ headers: body.headers, payload: inHeaders }), 400, 'validation', ['file'])
  })
})

describe('photo URLs', () => {
  it('in demo mode without a public URL, names a loopback or LAN Host and never another one', async () => {
    const file = photoFile(png())
    const evil = (await upload(file, DEMO.owner, { host: 'evil.example' })).json()
    expect(evil.url).not.toContain('evil.example')
    expect(evil.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1(:\\d+)?/files/photos/${evil.id}\\?`))
    for (const host of ['192.168.1.20:3000', '10.0.0.7', '127.0.0.1:10086', '[::1]:3000']) {
      const photo = (await upload(file, DEMO.owner, { host })).json()
      expect(photo.url.startsWith(`http://${host}/files/photos/${photo.id}?`)).toBe(true)
    }
    for (const host of ['192.168.1.20.evil.example', 'localhost@evil.example', '8.8.8.8', 'localhost:80/evil']) {
      const photo = (await upload(file, DEMO.owner, { host })).json()
      expect(photo.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1(:\\d+)?/files/photos/${photo.id}\\?`))
    }
  })

  describe('outside demo mode', () => {
    const weChat: WeChatAuth = { code2Session: async (code) => ({ openid: `openid-${code}` }) }
    const SECRET = 'k'.repeat(40)
    let live: World
    beforeAll(async () => {
      live = await startWorld({ demo: false, weChatAuth: weChat, publicUrl: 'https://linli.example.com/', photoSecret: SECRET })
    })
    afterAll(() => live.close())

    it('builds photo URLs on LINLI_PUBLIC_URL whatever the Host header says', async () => {
      const { token } = (await live.inject({ method: 'POST', url: '/api/v1/session/wechat', payload: { code: 'a' } })).json()
      const file = photoFile(png())
      const response = await live.inject({ method: 'POST', url: '/api/v1/photos', headers: { authorization: `Bearer ${token}`, host: 'evil.example', ...file.headers }, payload: file.payload })
      expect(response.statusCode).toBe(201)
      const photo = response.json()
      expect(photo.url).toMatch(new RegExp(`^https://linli\\.example\\.com/files/photos/${photo.id}\\?exp=\\d+&sig=`))
      expect((await fetchUrl(photo.url, live)).statusCode).toBe(200)
    })

    it('signs with LINLI_PHOTO_SECRET when it is set, and with nothing else', async () => {
      const { token } = (await live.inject({ method: 'POST', url: '/api/v1/session/wechat', payload: { code: 'b' } })).json()
      const file = photoFile(png())
      const photo = (await live.inject({ method: 'POST', url: '/api/v1/photos', headers: { authorization: `Bearer ${token}`, ...file.headers }, payload: file.payload })).json()
      expect(new URL(photo.url).search).toBe(`?${new PhotoUrlSigner(SECRET, () => new Date()).query(photo.id)}`)
      // No key was made in the database; one made now (as a server without the variable would) is not this server's.
      expect(await live.db.query('SELECT name FROM server_secrets')).toEqual([])
      const [a, b] = await Promise.all([storedPhotoSecret(live.db), storedPhotoSecret(live.db)])
      expect(a).toBe(b) // two servers starting at once agree on one key
      expect(Buffer.from(a, 'base64url').length).toBe(32)
      expect(await live.db.query('SELECT name FROM server_secrets')).toEqual([{ name: 'photo-url-key' }])
      const other = new PhotoUrlSigner(a, () => new Date()).query(photo.id)
      forbidden(await live.inject({ url: `/files/photos/${photo.id}?${other}` }), '照片链接无效')
    })

    it('refuses to build an app without a public URL', async () => {
      expect(() => buildApp({ db: live.db, demo: false })).toThrow(/publicUrl \(LINLI_PUBLIC_URL\) is required unless demo mode is on/)
      expect(() => buildApp({ db: live.db })).toThrow(/publicUrl/)
    })
  })

  it('is required of the serving process by the configuration unless LINLI_DEMO=1', () => {
    expect(() => loadConfig({}, { serving: true })).toThrow(ConfigError)
    expect(() => loadConfig({ LINLI_DEMO: '0' }, { serving: true })).toThrow(/LINLI_PUBLIC_URL is required unless LINLI_DEMO=1/)
    expect(loadConfig({ LINLI_DEMO: '1' }, { serving: true }).publicUrl).toBeUndefined()
    expect(loadConfig({ LINLI_PUBLIC_URL: 'https://linli.example.com' }, { serving: true }).publicUrl).toBe('https://linli.example.com')
    // The admin and seed commands build no URLs.
    expect(loadConfig({}).publicUrl).toBeUndefined()
    expect(() => loadConfig({ LINLI_DEMO: '1', LINLI_PHOTO_SECRET: 'too short' })).toThrow(/LINLI_PHOTO_SECRET must be at least 32 characters/)
    expect(loadConfig({ LINLI_DEMO: '1', LINLI_PHOTO_SECRET: 's'.repeat(32) }).photoSecret).toBe('s'.repeat(32))
  })
})

describe('signed photo URLs', () => {
  let photo: { id: string; url: string }
  beforeAll(async () => {
    photo = (await upload(photoFile(png(5, 5)))).json()
  })
  afterEach(() => {
    clock = null
  })

  const withQuery = (query: string) => world.inject({ url: `/files/photos/${photo.id}${query}` })

  it('serves nothing without a signature this server made for that photo', async () => {
    const { searchParams } = new URL(photo.url)
    const exp = searchParams.get('exp')!
    const sig = searchParams.get('sig')!
    expect((await withQuery(`?exp=${exp}&sig=${sig}`)).statusCode).toBe(200)
    forbidden(await withQuery(''), '照片链接无效')
    forbidden(await withQuery(`?exp=${exp}`), '照片链接无效')
    forbidden(await withQuery(`?sig=${sig}`), '照片链接无效')
    forbidden(await withQuery(`?exp=${Number(exp) + 86_400}&sig=${sig}`), '照片链接无效')
    forbidden(await withQuery(`?exp=${exp}&sig=${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`), '照片链接无效')
    forbidden(await withQuery(`?exp=${exp}&sig=${sig}&sig=${sig}`), '照片链接无效')
    forbidden(await withQuery(`?exp=1e12&sig=${sig}`), '照片链接无效')
    // Another photo's signature is not this one's.
    const other = (await upload(photoFile(png(6, 6)))).json()
    const otherSig = new URL(other.url).searchParams.get('sig')!
    forbidden(await withQuery(`?exp=${new URL(other.url).searchParams.get('exp')}&sig=${otherSig}`), '照片链接无效')
    // An id that is no photo id, or no photo, is 404.
    expectError(await world.inject({ url: `/files/photos/..%2F..%2Fetc%2Fpasswd?exp=${exp}&sig=${sig}` }), 404, 'not_found')
    const signer = new PhotoUrlSigner(await storedPhotoSecret(world.db), () => new Date())
    expectError(await world.inject({ url: `/files/photos/p_AAAAAAAAAAAAAAAAAAAAAA?${signer.query('p_AAAAAAAAAAAAAAAAAAAAAA')}` }), 404, 'not_found')
  })

  it('lasts 7 to 8 days, stays the same all day, may be cached privately until it expires, and a fresh read gives a fresh one', async () => {
    const owner = await world.as(DEMO.owner)
    const reportId = await world.file(owner, { photoIds: [photo.id] })
    const read = async () => (await world.inject({ url: `/api/v1/reports/${reportId}`, headers: owner })).json().report.photos[0].url as string
    const t0 = new Date()
    clock = t0
    const url = await read()
    expect(url).toMatch(SIGNED(photo.id))
    expect(await read()).toBe(url) // the same all day: the app's image cache keeps it
    const served = await fetchUrl(url)
    expect(served.statusCode).toBe(200)
    const maxAge = Number(/^private, max-age=(\d+), immutable$/.exec(String(served.headers['cache-control']))?.[1])
    expect(maxAge).toBeGreaterThanOrEqual(7 * 86_400)
    expect(maxAge).toBeLessThanOrEqual(8 * 86_400)
    expect(served.headers['cross-origin-resource-policy']).toBe('cross-origin')

    clock = new Date(t0.getTime() + 7 * DAY)
    expect((await fetchUrl(url)).statusCode).toBe(200)
    clock = new Date(t0.getTime() + 8 * DAY + 1000)
    forbidden(await fetchUrl(url), '照片链接已过期，请刷新页面')
    // The app reads the report again (opening the page does): a new URL that works.
    const fresh = await read()
    expect(fresh).not.toBe(url)
    expect((await fetchUrl(fresh)).statusCode).toBe(200)
  })

  it('signs with the key kept in the database', async () => {
    const signer = new PhotoUrlSigner(await storedPhotoSecret(world.db), () => new Date())
    const url = (await upload(photoFile(png(4, 4)))).json()
    expect(new URL(url.url).search).toBe(`?${signer.query(url.id)}`)
  })
})

describe('photos on reports', () => {
  it('attaches the uploader’s photos in order, with URLs and sizes', async () => {
    const a = (await upload(photoFile(png(10, 20)))).json()
    const b = (await upload(photoFile(await jpeg(40, 30), 'image/jpeg'))).json()
    const response = await world.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: { ...(await world.as(DEMO.owner)), 'idempotency-key': newKey() },
      payload: validReport({ photoIds: [b.id, a.id] }),
    })
    expect(response.statusCode).toBe(201)
    expect(response.json().photos).toEqual([
      { id: b.id, url: b.url, width: 40, height: 30, bytes: b.bytes },
      { id: a.id, url: a.url, width: 10, height: 20, bytes: a.bytes },
    ])
    const list = (await world.inject({ url: '/api/v1/reports/mine?limit=1', headers: await world.as(DEMO.owner) })).json()
    expect(list.items[0]).toMatchObject({ photoCount: 2, thumbnailUrl: b.url })
  })

  it('refuses another user’s photo, or an unknown one (422 on photos)', async () => {
    const theirs = (await upload(photoFile(png()), DEMO.neighbour)).json()
    for (const photoIds of [[theirs.id], ['p_doesnotexist_1234567']]) {
      const response = await world.inject({
        method: 'POST',
        url: '/api/v1/reports',
        headers: { ...(await world.as(DEMO.owner)), 'idempotency-key': newKey() },
        payload: validReport({ photoIds }),
      })
      expectError(response, 422, 'validation', ['photos'])
    }
  })
})

describe('sniffing', () => {
  it('reads the size from PNG, JPEG and WebP headers and nothing else', async () => {
    expect(sniffImage(png(7, 9))).toEqual({ contentType: 'image/png', width: 7, height: 9 })
    expect(sniffImage(await jpeg(300, 200))).toEqual({ contentType: 'image/jpeg', width: 300, height: 200 })
    expect(sniffImage(await webp(2, 3))).toEqual({ contentType: 'image/webp', width: 2, height: 3 })
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff]))).toEqual({ contentType: 'image/jpeg' })
    expect(sniffImage(Buffer.from('RIFF0000WAVEfmt '))).toBeNull()
    expect(sniffImage(Buffer.alloc(0))).toBeNull()
  })
})

describe('local photo storage', () => {
  it('removes a photo’s file, takes a missing one calmly, and refuses a key that is no photo id', async () => {
    const local = new LocalPhotoStorage(dir)
    const key = 'p_deleteMe0123456789abcd'
    await local.put(key, png())
    expect(readdirSync(dir)).toContain(key)
    await local.delete(key)
    expect(readdirSync(dir)).not.toContain(key)
    expect(await local.get(key)).toBeNull()
    await expect(local.delete(key)).resolves.toBeUndefined()
    await expect(local.delete('../server.log')).rejects.toThrow('invalid photo key')
  })
})

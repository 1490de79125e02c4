import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LocalPhotoStorage } from '../app'
import { sniffImage } from '../photos/sniff'
import { jpeg, multipart, photoFile, png, webp } from './support/images'
import { DEMO, expectError, newKey, startWorld, validReport, type World } from './support/world'

const MB = 1024 * 1024
const dir = mkdtempSync(join(tmpdir(), 'linli-photos-'))
let world: World
beforeAll(async () => {
  world = await startWorld({ photoStorage: new LocalPhotoStorage(dir) })
})
afterAll(async () => {
  await world.close()
  rmSync(dir, { recursive: true, force: true })
})

const upload = async (body: { headers: Record<string, string>; payload: Buffer }, userId: string = DEMO.owner) =>
  world.inject({ method: 'POST', url: '/api/v1/photos', headers: { ...(await world.as(userId)), ...body.headers }, payload: body.payload })

describe('uploading photos', () => {
  it('stores a PNG and serves it back at its URL, with its size', async () => {
    const bytes = png(3, 2, 1000)
    const response = await upload(photoFile(bytes))
    expect(response.statusCode).toBe(201)
    const photo = response.json()
    expect(photo).toEqual({ id: expect.stringMatching(/^p_[A-Za-z0-9_-]{22}$/), url: expect.any(String), width: 3, height: 2, bytes: 1000 })
    expect(photo.url).toBe(`http://localhost:80/files/photos/${photo.id}`)
    const served = await world.inject({ url: new URL(photo.url).pathname })
    expect(served.statusCode).toBe(200)
    expect(served.headers['content-type']).toBe('image/png')
    expect(served.headers['x-content-type-options']).toBe('nosniff')
    expect(served.rawPayload.equals(bytes)).toBe(true)
    expect(readdirSync(dir)).toContain(photo.id)
  })

  it('recognises a JPEG by its bytes even when the client calls it octet-stream (as weapp uploads do)', async () => {
    const response = await upload(photoFile(jpeg(32, 16), 'application/octet-stream', 'tmp_123'))
    expect(response.statusCode).toBe(201)
    expect(response.json()).toMatchObject({ width: 32, height: 16 })
    expect((await world.inject({ url: new URL(response.json().url).pathname })).headers['content-type']).toBe('image/jpeg')
  })

  it('takes WebP', async () => {
    const response = await upload(photoFile(webp(640, 480), 'image/webp', 'a.webp'))
    expect(response.statusCode).toBe(201)
    expect(response.json()).toMatchObject({ width: 640, height: 480 })
  })

  it.each([
    ['a text file calling itself a PNG', Buffer.from('hello, I am not an image at all'), 'image/png'],
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00', 'latin1'), 'image/gif'],
    ['an SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'image/svg+xml'],
    ['HTML', Buffer.from('<html><body>x</body></html>'), 'image/jpeg'],
  ])('refuses %s with 415 (checked by magic bytes)', async (_name, data, type) => {
    expectError(await upload(photoFile(data, type)), 415, 'validation', ['file'])
  })

  it('refuses more than 10 MB with 413 and accepts exactly 10 MB', async () => {
    expectError(await upload(photoFile(png(1, 1, 10 * MB + 1))), 413, 'validation', ['file'])
    expect((await upload(photoFile(png(1, 1, 10 * MB)))).statusCode).toBe(201)
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

  it('needs a session to upload, but not to fetch (an <image> cannot send headers)', async () => {
    const anonymous = await world.inject({ method: 'POST', url: '/api/v1/photos', ...photoFile(png()) })
    expectError(anonymous, 401, 'unauthorized')
    expectError(await world.inject({ url: '/files/photos/p_AAAAAAAAAAAAAAAAAAAAAA' }), 404, 'not_found')
    expectError(await world.inject({ url: '/files/photos/..%2F..%2Fetc%2Fpasswd' }), 404, 'not_found')
  })
})

describe('photos on reports', () => {
  it('attaches the uploader’s photos in order, with URLs and sizes', async () => {
    const a = (await upload(photoFile(png(10, 20)))).json()
    const b = (await upload(photoFile(jpeg(40, 30), 'image/jpeg'))).json()
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
  it('reads the size from PNG, JPEG and WebP headers and nothing else', () => {
    expect(sniffImage(png(7, 9))).toEqual({ contentType: 'image/png', width: 7, height: 9 })
    expect(sniffImage(jpeg(300, 200))).toEqual({ contentType: 'image/jpeg', width: 300, height: 200 })
    expect(sniffImage(webp(2, 3))).toEqual({ contentType: 'image/webp', width: 2, height: 3 })
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

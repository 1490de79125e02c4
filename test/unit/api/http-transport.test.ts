import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fetchTransport } from '../../../src/api/http/fetch-transport'
import { taroTransport } from '../../../src/api/http/taro-transport'
import { decodeDataUrl } from '../../../src/api/http/transport'

const mockTaroCalls: { request: unknown[]; uploadFile: Array<Record<string, unknown>> } = { request: [], uploadFile: [] }
let mockUploadAnswer: () => Promise<unknown> = async () => ({ statusCode: 201, data: '{"id":"p-1","url":"u"}' })
let mockRequestAnswer: () => Promise<unknown> = async () => ({ statusCode: 200, header: { 'Content-Type': 'application/json' }, data: { ok: true } })

jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: {
    request: (options: unknown) => {
      mockTaroCalls.request.push(options)
      return mockRequestAnswer()
    },
    uploadFile: async (options: Record<string, unknown>) => {
      // What Taro's H5 uploadFile does with filePath: fetch it as a blob: URL.
      const path = String(options.filePath)
      const blob = path.startsWith('blob:') ? await (await fetch(path)).blob() : null
      mockTaroCalls.uploadFile.push({ ...options, blobType: blob?.type, blobSize: blob?.size })
      return mockUploadAnswer()
    },
  },
}))

// 1×1 transparent PNG.
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='
const PNG_DATA_URL = `data:image/png;base64,${PNG_BASE64}`

describe('data URLs', () => {
  it('decode to their bytes and type', () => {
    const { type, bytes } = decodeDataUrl(PNG_DATA_URL)
    expect(type).toBe('image/png')
    expect(Buffer.from(bytes).equals(Buffer.from(PNG_BASE64, 'base64'))).toBe(true)
    expect(new TextDecoder().decode(decodeDataUrl('data:text/plain,%E9%82%BB%E9%87%8C').bytes)).toBe('邻里')
  })
})

describe('taroTransport', () => {
  beforeEach(() => {
    mockTaroCalls.request = []
    mockTaroCalls.uploadFile = []
  })

  it('passes a request to Taro.request and lower-cases the answer headers', async () => {
    const res = await taroTransport().request({ method: 'POST', url: 'https://x.test/a', headers: { a: '1' }, data: { b: 2 }, timeoutMs: 1234 })
    expect(mockTaroCalls.request[0]).toMatchObject({ url: 'https://x.test/a', method: 'POST', header: { a: '1' }, data: { b: 2 }, timeout: 1234 })
    expect(res).toEqual({ status: 200, headers: { 'content-type': 'application/json' }, data: { ok: true } })
  })

  it('hands a non-JSON body through as text', async () => {
    mockRequestAnswer = async () => ({ statusCode: 502, header: {}, data: '<html>bad gateway</html>' })
    const res = await taroTransport().request({ method: 'GET', url: 'https://x.test/a', headers: {}, timeoutMs: 10 })
    expect(res.data).toBe('<html>bad gateway</html>')
  })

  it('parses the string body uploadFile answers with', async () => {
    const res = await taroTransport().upload({ url: 'https://x.test/p', filePath: 'wxfile://tmp_1.jpg', name: 'file', headers: {}, timeoutMs: 10 })
    expect(res).toEqual({ status: 201, data: { id: 'p-1', url: 'u' } })
    expect(mockTaroCalls.uploadFile[0]).toMatchObject({ filePath: 'wxfile://tmp_1.jpg', name: 'file' })
  })

  it('uploads an H5 data-URL photo as a named Blob behind an object URL, released afterwards', async () => {
    await taroTransport().upload({ url: 'https://x.test/p', filePath: PNG_DATA_URL, name: 'file', headers: {}, timeoutMs: 10 })
    const call = mockTaroCalls.uploadFile[0]
    expect(String(call.filePath)).toMatch(/^blob:/)
    expect(call).toMatchObject({ fileName: 'photo.png', blobType: 'image/png', blobSize: Buffer.from(PNG_BASE64, 'base64').length })
    // Released: fetching the object URL again fails.
    await expect(fetch(String(call.filePath))).rejects.toThrow()
  })

  it('releases the object URL when the upload fails too', async () => {
    mockUploadAnswer = async () => Promise.reject({ errMsg: 'uploadFile:fail timeout' })
    await expect(taroTransport().upload({ url: 'https://x.test/p', filePath: PNG_DATA_URL, name: 'file', headers: {}, timeoutMs: 10 })).rejects.toMatchObject({
      errMsg: 'uploadFile:fail timeout',
    })
    await expect(fetch(String(mockTaroCalls.uploadFile[0].filePath))).rejects.toThrow()
  })
})

describe('fetchTransport against a real HTTP server', () => {
  let server: Server
  let base: string
  const seen: Array<{ method?: string; url?: string; headers: IncomingMessage['headers']; body: Buffer }> = []

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks) })
        if (req.url === '/slow') return void setTimeout(() => res.end('late'), 500)
        if (req.url === '/html') {
          res.writeHead(502, { 'content-type': 'text/html', 'Retry-After': '2' })
          return void res.end('<html>bad gateway</html>')
        }
        res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ ok: true, method: req.method }))
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))
  beforeEach(() => void (seen.length = 0))

  it('sends JSON and reads JSON', async () => {
    const res = await fetchTransport().request({ method: 'POST', url: `${base}/json`, headers: { 'content-type': 'application/json', authorization: 'Bearer t' }, data: { a: '邻里' }, timeoutMs: 2000 })
    expect(res).toMatchObject({ status: 201, data: { ok: true, method: 'POST' } })
    expect(res.headers['content-type']).toBe('application/json')
    expect(seen[0].headers.authorization).toBe('Bearer t')
    expect(JSON.parse(seen[0].body.toString('utf8'))).toEqual({ a: '邻里' })
  })

  it('hands back a non-JSON body as text, with its headers', async () => {
    const res = await fetchTransport().request({ method: 'GET', url: `${base}/html`, headers: {}, timeoutMs: 2000 })
    expect(res).toMatchObject({ status: 502, data: '<html>bad gateway</html>', headers: { 'retry-after': '2' } })
  })

  it('rejects when its timeout passes', async () => {
    await expect(fetchTransport().request({ method: 'GET', url: `${base}/slow`, headers: {}, timeoutMs: 50 })).rejects.toThrow(/timeout/)
  })

  it('rejects when nobody answers', async () => {
    await expect(fetchTransport().request({ method: 'GET', url: 'http://127.0.0.1:1/', headers: {}, timeoutMs: 2000 })).rejects.toThrow(/fetch failed/)
  })

  it('uploads a data URL as a multipart file part', async () => {
    const res = await fetchTransport().upload({ url: `${base}/photos`, filePath: PNG_DATA_URL, name: 'file', headers: { authorization: 'Bearer t' }, timeoutMs: 2000 })
    expect(res.status).toBe(201)
    const { headers, body } = seen[0]
    expect(headers['content-type']).toMatch(/^multipart\/form-data; boundary=/)
    expect(headers.authorization).toBe('Bearer t')
    const text = body.toString('latin1')
    expect(text).toContain('Content-Disposition: form-data; name="file"; filename="photo.png"')
    expect(text).toContain('Content-Type: image/png')
    expect(body.includes(Buffer.from(PNG_BASE64, 'base64'))).toBe(true)
  })

  it('uploads a file from disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linli-upload-'))
    try {
      const path = join(dir, 'street.png')
      writeFileSync(path, Buffer.from(PNG_BASE64, 'base64'))
      await fetchTransport().upload({ url: `${base}/photos`, filePath: path, name: 'file', headers: {}, formData: { note: 'x' }, timeoutMs: 2000 })
      const text = seen[0].body.toString('latin1')
      expect(text).toContain('filename="street.png"')
      expect(text).toContain('name="note"')
      expect(seen[0].body.includes(readFileSync(path))).toBe(true)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

import { startWorld, type World } from './support/world'

let world: World
beforeAll(async () => {
  world = await startWorld({ seed: false })
})
afterAll(() => world.close())

describe('the service around the API', () => {
  it('answers /health with the database kind', async () => {
    const response = await world.inject({ url: '/health' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ ok: true, db: world.db.kind })
  })

  it('publishes an OpenAPI document whose shared schemas have their real names', async () => {
    const response = await world.inject({ url: '/openapi.json' })
    expect(response.statusCode).toBe(200)
    const doc = response.json()
    expect(doc.openapi).toMatch(/^3\./)
    const names = Object.keys(doc.components.schemas)
    expect(names).toEqual(expect.arrayContaining(['Report', 'ReportDetail', 'ReportSummary', 'Photo', 'Session', 'ErrorBody', 'NewReport', 'MoveBody']))
    expect(names.filter((n) => n.startsWith('def-'))).toEqual([])
    expect(doc.paths['/api/v1/reports'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/NewReport' })
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/reports/{id}/actions/{move}', '/api/v1/inbox', '/api/v1/photos', '/api/v1/session/wechat']),
    )
    expect(doc.components.securitySchemes.bearerAuth).toEqual({ type: 'http', scheme: 'bearer' })
    expect(doc.paths['/api/v1/photos'].post.requestBody.content['multipart/form-data'].schema.properties.file).toMatchObject({ format: 'binary' })
    expect(doc.paths['/api/v1/reports'].post.parameters).toEqual([expect.objectContaining({ in: 'header', name: 'idempotency-key', required: true })])
    expect(doc.paths['/api/v1/reports/{id}'].get.responses['4XX'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ErrorBody' })
    // Issue 4: messages, notices, the dashboard and 代报, under their own names.
    expect(names).toEqual(
      expect.arrayContaining(['MessageThread', 'Message', 'MessagePage', 'MessageInput', 'Notice', 'NoticePage', 'NoticeInput', 'NoticeReceipts', 'DashboardStats', 'OnBehalfReport', 'UnreadCount']),
    )
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/threads',
        '/api/v1/threads/{id}/messages',
        '/api/v1/threads/{id}/read',
        '/api/v1/threads/general/messages',
        '/api/v1/reports/{id}/messages',
        '/api/v1/messages/unread-count',
        '/api/v1/notices',
        '/api/v1/notices/{id}',
        '/api/v1/notices/{id}/read',
        '/api/v1/notices/{id}/receipts',
        '/api/v1/notices/unread-count',
        '/api/v1/dashboard',
        '/api/v1/reports/on-behalf',
      ]),
    )
    expect(doc.paths['/api/v1/reports/on-behalf'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/OnBehalfReport' })
    expect(doc.paths['/api/v1/reports/on-behalf'].post.parameters).toEqual([expect.objectContaining({ in: 'header', name: 'idempotency-key', required: true })])
    // Issue 13: the moderation queue and the audit log.
    expect(names).toEqual(expect.arrayContaining(['ModerationMark', 'ModerationItem', 'ModerationPage', 'ModerationRejectInput', 'AuditEvent', 'AuditPage']))
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/moderation/items', '/api/v1/moderation/items/{id}/approve', '/api/v1/moderation/items/{id}/reject', '/api/v1/audit']),
    )
    expect(doc.components.schemas.Report.properties.moderation).toEqual({ $ref: '#/components/schemas/ModerationMark' })
    // Nothing internal is published.
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/files') || p.startsWith('/docs') || p === '/openapi.json')).toEqual([])
  })

  it('serves the interactive docs from the package, without the internet', async () => {
    const page = await world.inject({ url: '/docs/' })
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toMatch(/text\/html/)
    const bundle = await world.inject({ url: '/docs/static/swagger-ui-bundle.js' })
    expect(bundle.statusCode).toBe(200)
  })

  it('answers an unknown route with a typed 404', async () => {
    const response = await world.inject({ url: '/api/v1/nothing-here' })
    expect(response.statusCode).toBe(404)
    expect(response.json().error.kind).toBe('not_found')
  })
})

describe('cross-origin calls from the H5 build', () => {
  let cors: World
  beforeAll(async () => {
    cors = await startWorld({ seed: false, corsOrigins: ['http://127.0.0.1:10086'] })
  })
  afterAll(() => cors.close())

  it('answers the preflight of an allowed origin and marks its answers', async () => {
    const preflight = await cors.inject({
      method: 'OPTIONS',
      url: '/api/v1/reports',
      headers: { origin: 'http://127.0.0.1:10086', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,idempotency-key' },
    })
    expect(preflight.statusCode).toBe(204)
    expect(preflight.headers['access-control-allow-origin']).toBe('http://127.0.0.1:10086')
    expect(preflight.headers['access-control-allow-headers']).toContain('idempotency-key')
    const answer = await cors.inject({ url: '/health', headers: { origin: 'http://127.0.0.1:10086' } })
    expect(answer.headers['access-control-allow-origin']).toBe('http://127.0.0.1:10086')
    // What the app reads of an answer from another origin: the rate limits, and a download's file name.
    const exposed = String(answer.headers['access-control-expose-headers']).split(/,\s*/)
    expect(exposed).toEqual(expect.arrayContaining(['retry-after', 'ratelimit-remaining', 'content-disposition']))
  })

  it('says nothing to other origins, and nothing at all when CORS is off', async () => {
    const other = await cors.inject({ url: '/health', headers: { origin: 'https://evil.example' } })
    expect(other.headers['access-control-allow-origin']).toBeUndefined()
    const off = await world.inject({ url: '/health', headers: { origin: 'http://127.0.0.1:10086' } })
    expect(off.headers['access-control-allow-origin']).toBeUndefined()
  })
})

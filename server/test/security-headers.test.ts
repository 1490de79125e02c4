import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { buildApp, type AppOptions } from '../app'
import { DOCS_CSP, HSTS } from '../plugins/security'
import { photoFile, png } from './support/images'
import { DEMO, startWorld, type World } from './support/world'

// Security headers, no-store and the docs switch (issue 13).
// Each app takes seconds to get ready on a busy machine; this file builds four.
jest.setTimeout(120_000)

let world: World
beforeAll(async () => {
  // Behind a trusted proxy: X-Forwarded-Proto says whether the client came over HTTPS.
  world = await startWorld({ trustProxy: true })
})
afterAll(() => world.close())

/** The CSP of a JSON answer: it may load, frame and submit nothing. */
function expectJsonApiHeaders(response: LightMyRequestResponse): void {
  const h = response.headers
  expect(h['x-content-type-options']).toBe('nosniff')
  expect(h['x-frame-options']).toBe('DENY')
  expect(h['referrer-policy']).toBe('no-referrer')
  expect(h['cross-origin-resource-policy']).toBe('same-origin')
  const csp = String(h['content-security-policy']).split(';').map((d) => d.trim())
  expect(csp).toEqual(expect.arrayContaining(["default-src 'none'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'"]))
  expect(h['strict-transport-security']).toBeUndefined()
}

describe('security headers on API answers', () => {
  it('sends nosniff, DENY framing, no referrer and a CSP that allows nothing, on answers and on errors', async () => {
    const me = await world.as(DEMO.owner)
    const answers = [
      await world.inject({ url: '/health' }),
      await world.inject({ url: '/api/v1/session/demo-accounts' }),
      await world.inject({ url: '/api/v1/reports/mine', headers: me }),
      await world.inject({ url: '/api/v1/session' }), // 401
      await world.inject({ url: '/api/v1/nothing-here' }), // 404
      await world.inject({ method: 'POST', url: '/api/v1/session/demo', payload: { userId: 42 } }), // 400
    ]
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200, 401, 404, 400])
    for (const answer of answers) expectJsonApiHeaders(answer)
  })

  it('sends HSTS only on answers to requests that came over HTTPS (through a trusted proxy)', async () => {
    const overHttps = await world.inject({ url: '/health', headers: { 'x-forwarded-proto': 'https' } })
    expect(overHttps.headers['strict-transport-security']).toBe(HSTS)
    expect(HSTS).toMatch(/max-age=\d{8}/)
    const overHttp = await world.inject({ url: '/health', headers: { 'x-forwarded-proto': 'http' } })
    expect(overHttp.headers['strict-transport-security']).toBeUndefined()
  })
})

describe('Cache-Control: no-store', () => {
  it('is on the sign-in answer with its token, the session, and every personal answer', async () => {
    const signIn = await world.inject({ method: 'POST', url: '/api/v1/session/demo', payload: { userId: DEMO.chen } })
    expect(signIn.statusCode).toBe(200)
    expect(signIn.json().token).toEqual(expect.any(String))
    expect(signIn.headers['cache-control']).toBe('no-store')
    const me = { authorization: `Bearer ${signIn.json().token}` }
    for (const url of ['/session', '/profile', '/profile/export', '/households/mine', '/reports/mine', '/bookings/mine', '/threads', '/notices', '/messages/unread-count']) {
      const response = await world.inject({ url: `/api/v1${url}`, headers: me })
      expect([url, response.statusCode]).toEqual([url, 200])
      expect([url, response.headers['cache-control']]).toEqual([url, 'no-store'])
    }
    // A reporter's phone number, to a handler.
    const report = await world.file(await world.as(DEMO.owner))
    const phone = await world.inject({ method: 'POST', url: `/api/v1/reports/${report}/reporter-phone`, headers: await world.as(DEMO.staff), payload: { reason: 'follow_up' } })
    expect(phone.statusCode).toBe(200)
    expect(phone.headers['cache-control']).toBe('no-store')
  })

  it('is on errors and on answers of no one in particular too (the safe default); a route that may be cached says so', async () => {
    for (const [url, status] of [
      ['/api/v1/session', 401],
      ['/api/v1/nothing-here', 404],
      ['/health', 200],
      ['/api/v1/session/demo-accounts', 200],
    ] as const) {
      const response = await world.inject({ url })
      expect([url, response.statusCode, response.headers['cache-control']]).toEqual([url, status, 'no-store'])
    }
  })

  it('leaves a photo file its own caching, and lets any origin embed it', async () => {
    const upload = photoFile(png(3, 2, 1000))
    const uploaded = await world.inject({ method: 'POST', url: '/api/v1/photos', headers: { ...(await world.as(DEMO.owner)), ...upload.headers }, payload: upload.payload })
    expect(uploaded.statusCode).toBe(201)
    const signed = new URL(uploaded.json().url) // a signed URL (ADR 0019)
    const file = await world.inject({ url: `${signed.pathname}${signed.search}` })
    expect(file.statusCode).toBe(200)
    expect(file.headers['cache-control']).toMatch(/^private, max-age=\d+/)
    expect(file.headers['cross-origin-resource-policy']).toBe('cross-origin')
    expect(file.headers['x-content-type-options']).toBe('nosniff')
    expect(uploaded.headers['cache-control']).toBe('no-store')
  })
})

describe('the interactive docs', () => {
  it('have a CSP under which the Swagger UI runs: every script and stylesheet of the page is its own, none inline, and all load', async () => {
    const page = await world.inject({ url: '/docs/' })
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-security-policy']).toBe(DOCS_CSP)
    expect(page.headers['x-frame-options']).toBe('DENY')
    const csp = new Map(DOCS_CSP.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]))
    expect(csp.get('script-src')).toEqual(["'self'"])
    expect(csp.get('frame-ancestors')).toEqual(["'none'"])
    expect(DOCS_CSP).not.toMatch(/unsafe-(inline|eval)/)

    // No inline script or style: with script-src/style-src 'self', the browser would refuse them.
    const html = page.body
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
    expect(scripts.length).toBeGreaterThanOrEqual(3)
    for (const [, attributes, content] of scripts) {
      expect(attributes).toMatch(/\bsrc="/)
      expect(content.trim()).toBe('')
    }
    expect(html).not.toMatch(/<style\b|\sstyle="|\son[a-z]+="/i)
    // Every asset is this server's (relative to /docs/) and loads with its type.
    const assets = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1])
    expect(assets.length).toBeGreaterThanOrEqual(5)
    for (const asset of assets) {
      expect(asset).not.toMatch(/^(https?:)?\/\//)
      const response = await world.inject({ url: new URL(asset, 'http://linli.test/docs/').pathname })
      expect([asset, response.statusCode]).toEqual([asset, 200])
      const type = String(response.headers['content-type'])
      if (asset.endsWith('.js')) expect(type).toMatch(/javascript/)
      if (asset.endsWith('.css')) expect(type).toMatch(/text\/css/)
      if (asset.endsWith('.png')) expect(type).toMatch(/image\/png/)
    }
    // The initializer fetches the document from this server (connect-src 'self') and no validator badge from elsewhere.
    const initializer = await world.inject({ url: '/docs/static/swagger-initializer.js' })
    expect(initializer.body).toMatch(/"validatorUrl":\s*null/)
    expect(initializer.body).not.toMatch(/['"`]https?:\/\//)
    const document = await world.inject({ url: '/docs/json' })
    expect(document.statusCode).toBe(200)
    expect(document.json().openapi).toMatch(/^3\./)
  })
})

describe('/docs and /openapi.json are served in demo mode, or when asked for', () => {
  const apps: FastifyInstance[] = []
  const build = async (options: Partial<AppOptions>) => {
    const app = buildApp({ db: world.db, publicUrl: 'https://linli.test', jobsEveryMs: 0, housekeepingEveryMs: 0, ...options })
    apps.push(app)
    await app.ready()
    return app
  }
  afterAll(() => Promise.all(apps.map((app) => app.close())))
  const served = async (app: FastifyInstance) => (await Promise.all(['/docs/', '/docs/static/swagger-ui-bundle.js', '/docs/json', '/openapi.json'].map((url) => app.inject({ url })))).map((r) => r.statusCode)

  it('are off outside demo mode (404, the contract error), while app.swagger() still answers the document', async () => {
    const app = await build({ demo: false })
    expect(await served(app)).toEqual([404, 404, 404, 404])
    const answer = await app.inject({ url: '/openapi.json' })
    expect(answer.json().error.kind).toBe('not_found')
    const document = app.swagger() as { openapi: string; paths: Record<string, unknown> }
    expect(document.openapi).toMatch(/^3\./)
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/reports', '/api/v1/session/wechat']))
    // Not behind a trusted proxy: a forwarded protocol is not believed.
    expect((await app.inject({ url: '/health', headers: { 'x-forwarded-proto': 'https' } })).headers['strict-transport-security']).toBeUndefined()
  })

  it('are on in demo mode unless turned off, and on outside it when turned on', async () => {
    expect(await served(world.app)).toEqual([200, 200, 200, 200])
    expect(await served(await build({ demo: true, docs: false }))).toEqual([404, 404, 404, 404])
    expect(await served(await build({ demo: false, docs: true }))).toEqual([200, 200, 200, 200])
  })
})

/**
 * The REAL weapp bundle built in open311 mode (dist-open311/, scripts/test-all.mjs: reporting to
 * http://127.0.0.1:10311/georeport/v2) under miniprogram-simulate, with `wx.request` carried over
 * loopback to the in-repo GeoReport v2 fake: the app needs no sign-in, the report form says where
 * reports go, and choosing a service with a definition draws its extra questions, each as its kind
 * of control; nothing the city system cannot do is offered.
 */
import http from 'node:http'
import path from 'node:path'
import { startOpen311Fake, type Open311Fake } from '../support/open311-fake'
import { launchWeapp, waitFor, type PageHandle, type WeappApp } from '../support/weapp-harness'

jest.setTimeout(60_000)

const OPEN311_DIST = path.join(__dirname, '..', '..', 'dist-open311')
const PORT = 10311

/** wx.request over Node's http: what WeChat's client does, for the one origin the build names. */
function wxRequest(options: any) {
  const url = new URL(options.url)
  const body: string | undefined = typeof options.data === 'string' ? options.data : options.data === undefined ? undefined : JSON.stringify(options.data)
  const req = http.request({ hostname: url.hostname, port: url.port, path: url.pathname + url.search, method: options.method ?? 'GET', headers: options.header ?? {} }, (res) => {
    const chunks: Buffer[] = []
    res.on('data', (chunk: Buffer) => chunks.push(chunk))
    res.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      let data: unknown = text
      if (options.dataType === 'json' || options.dataType === undefined) {
        try {
          data = JSON.parse(text)
        } catch {
          data = text
        }
      }
      const result = { statusCode: res.statusCode, header: res.headers, data, errMsg: 'request:ok' }
      options.success?.(result)
      options.complete?.(result)
    })
  })
  req.on('error', (error) => {
    const result = { errMsg: `request:fail ${error.message}` }
    options.fail?.(result)
    options.complete?.(result)
  })
  if (body !== undefined) req.write(body)
  req.end()
  return { abort: () => req.destroy(), onHeadersReceived: () => undefined, offHeadersReceived: () => undefined }
}

let fake: Open311Fake
let app: WeappApp | null = null

beforeAll(async () => {
  fake = await startOpen311Fake({ port: PORT, jurisdictionId: 'city.example' })
})
afterAll(() => fake.close())
afterEach(() => {
  app?.close()
  app = null
})

const text = (page: PageHandle, selector: string) => page.comp.querySelector(selector)?.dom.textContent ?? ''

test('the open311 bundle opens the report form without a sign-in and asks the service definition’s questions', async () => {
  app = await launchWeapp({ build: { dist: OPEN311_DIST, mode: 'open311' }, wx: { request: wxRequest } })
  const home = await app.openPage('pages/home/index')
  await waitFor(() => home.comp.querySelector('.home__report'), 'the report button')
  home.close()

  const form = await app.openPage('reports/new/index')
  await waitFor(() => form.comp.querySelector('.report-form__chip'), 'the city’s services as categories')
  expect(text(form, '.report-form__destination')).toContain('测试市城市服务平台')
  expect(form.comp.querySelector('.photo-grid__add')).toBeUndefined()
  expect(form.comp.querySelectorAll('.report-form__chip').map((chip) => chip.dom.textContent)).toEqual(expect.arrayContaining(['道路坑洼', '路灯故障', '乱涂乱画']))

  const streetlight = form.comp.querySelectorAll('.report-form__chip').find((chip) => chip.dom.textContent === '路灯故障')!
  streetlight.dispatchEvent('tap')
  await waitFor(() => form.comp.querySelector('.question--singlevaluelist'), 'the service definition’s questions')
  // Each attribute as its kind of control, with its label; the information-only one shown, not asked.
  expect(text(form, '.question--string')).toContain('灯杆编号')
  expect(text(form, '.question--string')).toContain('必填')
  expect(form.comp.querySelector('.question--string .question__input')).toBeDefined()
  expect(form.comp.querySelectorAll('.question--singlevaluelist .option').map((o) => o.dom.textContent)).toEqual(['○不亮', '○白天常亮', '○闪烁'])
  expect(form.comp.querySelector('.question--number')).toBeDefined()
  expect(form.comp.querySelector('.question--datetime .question__pick--date')).toBeDefined()
  expect(form.comp.querySelector('.question--text .question__textarea')).toBeDefined()
  expect(form.comp.querySelectorAll('.question--multivaluelist .option')).toHaveLength(2)
  expect(text(form, '.question--info')).toContain('夜间抢修电话 12345')
  expect(fake.received.some((call) => call.path === '/georeport/v2/services/streetlight.json')).toBe(true)

  // Choosing an answer draws it chosen (tap → Taro → React → the draft → setData).
  form.comp.querySelector('.question--singlevaluelist .option')!.dispatchEvent('tap')
  await waitFor(() => text(form, '.question--singlevaluelist .option--on').includes('不亮'), 'the chosen answer')
  expect(app.errors).toEqual([])
  expect(app.missingTemplates()).toEqual([])
})

import { readEnv } from '../../src/env'

/** The open311 build's settings (src/env.ts): read and checked once, with a message naming what is missing. */
const KEYS = ['TARO_APP_API_MODE', 'TARO_APP_OPEN311_BASE_URL', 'TARO_APP_OPEN311_API_KEY', 'TARO_APP_OPEN311_JURISDICTION_ID', 'TARO_APP_OPEN311_NAME', 'TARO_APP_OPEN311_POLL_SECONDS']
const saved = Object.fromEntries(KEYS.map((key) => [key, process.env[key]]))

function withEnv(values: Record<string, string>): void {
  for (const key of KEYS) delete process.env[key]
  Object.assign(process.env, values)
}

afterEach(() => {
  for (const key of KEYS) {
    if (saved[key] === undefined) delete process.env[key]
    else process.env[key] = saved[key]
  }
})

const CITY = { TARO_APP_API_MODE: 'open311', TARO_APP_OPEN311_BASE_URL: 'https://city.example.gov/open311/v2', TARO_APP_OPEN311_API_KEY: 'k-1' }

test('reads the endpoint, key, jurisdiction, name and polling interval', () => {
  withEnv({ ...CITY, TARO_APP_OPEN311_JURISDICTION_ID: 'city.example.gov', TARO_APP_OPEN311_NAME: '锡山区城市服务平台', TARO_APP_OPEN311_POLL_SECONDS: '120' })
  expect(readEnv()).toMatchObject({
    apiMode: 'open311',
    open311: { baseUrl: 'https://city.example.gov/open311/v2', apiKey: 'k-1', jurisdictionId: 'city.example.gov', name: '锡山区城市服务平台', pollIntervalMs: 120_000 },
  })
})

test('names the city system 城市服务平台 when no name is set, and leaves out what is not set', () => {
  withEnv(CITY)
  const { open311 } = readEnv()
  expect(open311).toEqual({ baseUrl: CITY.TARO_APP_OPEN311_BASE_URL, apiKey: 'k-1', name: '城市服务平台' })
})

test.each([
  ['no endpoint', { TARO_APP_OPEN311_BASE_URL: '' }, /TARO_APP_OPEN311_BASE_URL/],
  ['an endpoint that is not a URL', { TARO_APP_OPEN311_BASE_URL: 'city.example.gov' }, /TARO_APP_OPEN311_BASE_URL/],
  ['no key', { TARO_APP_OPEN311_API_KEY: '' }, /TARO_APP_OPEN311_API_KEY/],
  ['a polling interval that is not whole seconds', { TARO_APP_OPEN311_POLL_SECONDS: '1.5' }, /TARO_APP_OPEN311_POLL_SECONDS/],
])('refuses %s, naming the setting', (_name, over, message) => {
  withEnv({ ...CITY, ...over })
  expect(() => readEnv()).toThrow(message)
})

test('other modes carry no Open311 settings; an unknown mode is refused', () => {
  withEnv({ ...CITY, TARO_APP_API_MODE: 'memory' })
  expect(readEnv().open311).toBeUndefined()
  withEnv({ TARO_APP_API_MODE: 'georeport' })
  expect(() => readEnv()).toThrow(/"memory", "http" or "open311"/)
})

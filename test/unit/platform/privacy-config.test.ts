/**
 * WeChat's privacy rules, held to the code: `requiredPrivateInfos` in src/app.config.ts names exactly
 * the location APIs the app calls (WeChat refuses an undeclared one, and review asks why a declared
 * one is unused), `__usePrivacyCheck__` is on, and every file that calls a picker of location or
 * photos asks for the privacy guide first (src/platform/privacy.ts). The built app.json carrying both
 * is checked on the weapp bundle (test/weapp/privacy.test.ts).
 */
import fs from 'fs'
import path from 'path'

const SRC = path.join(__dirname, '..', '..', '..', 'src')

/** The location APIs `requiredPrivateInfos` may name (Taro's AppConfig type lists the same). */
const LOCATION_APIS = ['getFuzzyLocation', 'getLocation', 'onLocationChange', 'startLocationUpdate', 'startLocationUpdateBackground', 'chooseLocation', 'choosePoi', 'chooseAddress']
/** The privacy APIs the app's dialog must come before (location and photos). */
const GUARDED_APIS = [...LOCATION_APIS, 'chooseMedia', 'chooseImage', 'chooseVideo']

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return sourceFiles(full)
    return /\.(ts|tsx)$/.test(e.name) ? [full] : []
  })
}

/** Which of `apis` each file calls as `Taro.<api>(` (or wx.<api>). */
function callsIn(apis: string[]): Map<string, string[]> {
  const found = new Map<string, string[]>()
  for (const file of sourceFiles(SRC)) {
    const text = fs.readFileSync(file, 'utf8')
    const called = apis.filter((api) => new RegExp(`\\b(Taro|wx)\\.${api}\\s*\\(`).test(text))
    if (called.length) found.set(path.relative(SRC, file), called)
  }
  return found
}

function appConfig(env: 'weapp' | 'h5'): Record<string, unknown> {
  const g = globalThis as { defineAppConfig?: (c: unknown) => unknown }
  const saved = process.env.TARO_ENV
  g.defineAppConfig = (c) => c
  process.env.TARO_ENV = env
  try {
    let config: Record<string, unknown> = {}
    jest.isolateModules(() => {
      config = require('../../../src/app.config').default
    })
    return config
  } finally {
    if (saved === undefined) Reflect.deleteProperty(process.env, 'TARO_ENV')
    else process.env.TARO_ENV = saved
    delete g.defineAppConfig
  }
}

test('requiredPrivateInfos names exactly the location APIs the code calls', () => {
  const called = [...new Set([...callsIn(LOCATION_APIS).values()].flat())].sort()
  expect(called).toEqual(['chooseLocation'])
  expect([...(appConfig('weapp').requiredPrivateInfos as string[])].sort()).toEqual(called)
})

test('the privacy check is switched on for the mini-program', () => {
  expect(appConfig('weapp').__usePrivacyCheck__).toBe(true)
})

test('every file that opens a location or photo picker asks for the privacy guide first', () => {
  const callers = callsIn(GUARDED_APIS)
  expect([...callers.keys()].sort()).toEqual(['platform/location.ts', 'platform/media.ts'])
  for (const [file, apis] of callers) {
    const text = fs.readFileSync(path.join(SRC, file), 'utf8')
    expect({ file, apis, asks: /import \{[^}]*\baskPrivacy\b[^}]*\} from '\.\/privacy'/.test(text) }).toEqual({ file, apis, asks: true })
    // …and asks before the call: the first askPrivacy( comes before the first picker call.
    for (const api of apis) expect(text.indexOf('askPrivacy(')).toBeLessThan(text.search(new RegExp(`Taro\\.${api}\\s*\\(`)))
  }
})

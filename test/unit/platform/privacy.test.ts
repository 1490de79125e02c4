/**
 * WeChat's privacy authorization (src/platform/privacy.ts) and the two privacy APIs behind it
 * (chooseLocation in location.ts, chooseMedia in media.ts), with the store that opens the app's
 * dialog (src/stores/privacy-store.ts), over a stand-in of WeChat's behaviour
 * (test/support/wechat-privacy.ts). The bundle itself is exercised by test/weapp/privacy.test.ts.
 */
import Taro from '@tarojs/taro'
import { pickLocation } from '../../../src/platform/location'
import { choosePhotos } from '../../../src/platform/media'
import { askPrivacy, hasPrivacyAuthorization, onPrivacyRequest, openPrivacyContract, privacySetting, type PrivacyRequest } from '../../../src/platform/privacy'
import { PrivacyStore } from '../../../src/stores/privacy-store'
import { fakePrivacy, type FakePrivacy } from '../../support/wechat-privacy'

const taro = Taro as unknown as Record<string, unknown>
const env = process.env.TARO_ENV
const added = new Set<string>()

/** Taro on weapp: wx's functions passed through (the pickers answer promises when given no callbacks, as WeChat's do). */
function weapp(fake: FakePrivacy, only: Partial<Record<keyof FakePrivacy['api'], boolean>> = {}): void {
  process.env.TARO_ENV = 'weapp'
  const apis: Record<string, unknown> = {
    chooseLocation: fake.guard('chooseLocation', () => ({ latitude: 30.27, longitude: 120.15, name: '3号楼', address: '映月路 8 号' })),
    chooseMedia: fake.guard('chooseMedia', () => ({ tempFiles: [{ tempFilePath: 'wxfile://tmp/a.jpg', size: 2000, width: 4, height: 3, fileType: 'image' }] })),
    getFileSystemManager: () => ({ saveFileSync: (p: string) => p.replace('tmp', 'store') }),
  }
  for (const [name, fn] of Object.entries(fake.api)) if (only[name as keyof FakePrivacy['api']] !== false) apis[name] = fn
  for (const name of Object.keys(apis)) added.add(name)
  Object.assign(taro, apis)
}

afterEach(() => {
  if (env === undefined) Reflect.deleteProperty(process.env, 'TARO_ENV')
  else process.env.TARO_ENV = env
  for (const name of added) delete taro[name]
  added.clear()
})

/** The app's side as it is wired at launch: requests go to a store, which the test answers for the dialog. */
function appWith(fake: FakePrivacy): PrivacyStore {
  const store = new PrivacyStore()
  expect(store.listen()).toBe(true)
  expect(fake.log).toContain('onNeedPrivacyAuthorization')
  return store
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 1))
  expect(check()).toBe(true)
}

describe('where there is no privacy authorization', () => {
  test('H5: nothing to ask, the flow answers yes and registers nothing', async () => {
    process.env.TARO_ENV = 'h5'
    const fake = fakePrivacy()
    Object.assign(taro, fake.api)
    Object.keys(fake.api).forEach((n) => added.add(n))
    expect(hasPrivacyAuthorization()).toBe(false)
    expect(onPrivacyRequest(() => undefined)).toBe(false)
    expect(await askPrivacy('location')).toBe(true)
    expect(await privacySetting()).toEqual({ needAuthorization: false, contractName: '' })
    expect(await openPrivacyContract()).toBe(false)
    expect(fake.log).toEqual([])
    expect(new PrivacyStore().listen()).toBe(false)
  })

  test('a WeChat too old for it (no getPrivacySetting): the picker opens straight away', async () => {
    const fake = fakePrivacy({ needAuthorization: false })
    weapp(fake, { getPrivacySetting: false, requirePrivacyAuthorize: false, onNeedPrivacyAuthorization: false })
    expect(hasPrivacyAuthorization()).toBe(false)
    const picked = await pickLocation()
    expect(picked).toEqual({ ok: true, point: { kind: 'point', latitude: 30.27, longitude: 120.15, name: '3号楼', address: '映月路 8 号' } })
    expect(fake.log).toEqual(['chooseLocation', 'chooseLocation:ran'])
  })
})

describe('WeChat asks before the first privacy API', () => {
  test('already agreed: the map opens without a dialog', async () => {
    const fake = fakePrivacy({ needAuthorization: false })
    weapp(fake)
    const store = appWith(fake)
    expect((await pickLocation()).ok).toBe(true)
    expect(store.open).toBe(false)
    expect(fake.log).toEqual(['onNeedPrivacyAuthorization', 'getPrivacySetting', 'chooseLocation', 'chooseLocation:ran'])
  })

  test('the dialog opens before chooseLocation, which runs only once the person agreed', async () => {
    const fake = fakePrivacy()
    weapp(fake)
    const store = appWith(fake)
    const picking = pickLocation()
    await until(() => store.open)
    expect(store.purpose).toBe('location')
    expect(fake.log).not.toContain('chooseLocation')
    // The exposure is reported, and the guide's name is read for the dialog's link.
    expect(fake.log).toContain('exposure')
    await until(() => store.contractName !== '')
    expect(store.contractName).toBe('《邻里小程序隐私保护指引》')

    fake.tap('linli-privacy-agree-1')
    store.agree('linli-privacy-agree-1')
    expect(store.open).toBe(false)
    expect((await picking).ok).toBe(true)
    const log = fake.log
    expect(log.indexOf('agree:linli-privacy-agree-1')).toBeGreaterThan(-1)
    expect(log.indexOf('chooseLocation')).toBeGreaterThan(log.indexOf('agree:linli-privacy-agree-1'))
    expect(log.filter((l) => l === 'chooseLocation:ran')).toHaveLength(1)

    // Agreed once: the next pick asks nothing.
    expect((await pickLocation()).ok).toBe(true)
    expect(store.open).toBe(false)
  })

  test('refused: chooseLocation is never called, and the form is told to take a typed address', async () => {
    const fake = fakePrivacy()
    weapp(fake)
    const store = appWith(fake)
    const picking = pickLocation()
    await until(() => store.open)
    store.refuse()
    expect(await picking).toEqual({ ok: false, reason: 'refused' })
    expect(fake.log).not.toContain('chooseLocation')
    expect(fake.agreed).toBe(false)
    // Asked again next time: the person may change their mind.
    const again = pickLocation()
    await until(() => store.open)
    store.refuse()
    expect(await again).toEqual({ ok: false, reason: 'refused' })
  })

  test('photos: refused leaves the picker closed; agreed opens it once', async () => {
    const fake = fakePrivacy()
    weapp(fake)
    const store = appWith(fake)
    const refusing = choosePhotos(9)
    await until(() => store.open)
    expect(store.purpose).toBe('photos')
    store.refuse()
    expect(await refusing).toEqual({ photos: [], overLimit: 0, notImages: 0, refused: true })
    expect(fake.log).not.toContain('chooseMedia')

    const agreeing = choosePhotos(9)
    await until(() => store.open)
    fake.tap('b-2')
    store.agree('b-2')
    expect(await agreeing).toEqual({ photos: [{ path: 'wxfile://store/a.jpg', bytes: 2000, width: 4, height: 3 }], overLimit: 0, notImages: 0 })
    expect(fake.log.filter((l) => l === 'chooseMedia')).toHaveLength(1)
    expect(fake.log.indexOf('chooseMedia')).toBeGreaterThan(fake.log.indexOf('agree:b-2'))
  })

  test("refused in WeChat's own check (the API asked by itself): the screens hear 'refused', not a failure", async () => {
    // getPrivacySetting says nothing is needed (an old answer), the API then asks and is refused.
    const fake = fakePrivacy()
    weapp(fake)
    taro.getPrivacySetting = (o: any) => setTimeout(() => o.success({ needAuthorization: false, privacyContractName: '' }), 0)
    const store = appWith(fake)
    const picking = pickLocation()
    await until(() => store.open)
    expect(store.purpose).toBeNull()
    store.refuse()
    expect(await picking).toEqual({ ok: false, reason: 'refused' })
    const photos = choosePhotos(3)
    await until(() => store.open)
    store.refuse()
    expect((await photos).refused).toBe(true)
  })

  test('one answer settles every API waiting on it', async () => {
    const fake = fakePrivacy()
    weapp(fake)
    const store = appWith(fake)
    const place = pickLocation()
    await until(() => store.open)
    const photos = choosePhotos(1)
    await until(() => fake.waiting() === 2)
    expect(store.purpose).toBe('location')
    fake.tap('b-1')
    store.agree('b-1')
    expect((await place).ok).toBe(true)
    expect((await photos).photos).toHaveLength(1)
    expect(fake.waiting()).toBe(0)
  })

  test("the full guide opens on WeChat's own page", async () => {
    const fake = fakePrivacy()
    weapp(fake)
    const store = appWith(fake)
    expect(await store.openContract()).toBe(true)
    expect(fake.log).toContain('openPrivacyContract')
  })
})

describe('the store', () => {
  const request = (purpose: PrivacyRequest['purpose']) => {
    const answers: unknown[] = []
    let shown = 0
    return {
      request: { purpose, shown: () => void shown++, answer: (a: unknown) => void answers.push(a) } as PrivacyRequest,
      answers,
      shown: () => shown,
    }
  }

  test('opens on a request, tells WeChat it is shown, and answers each waiting request once', async () => {
    const port = { onPrivacyRequest: jest.fn(() => true), privacySetting: jest.fn(async () => ({ needAuthorization: true, contractName: '邻里隐私保护指引' })), openPrivacyContract: jest.fn(async () => true) }
    const store = new PrivacyStore(port)
    expect(store.listen()).toBe(true)
    expect(store.listen()).toBe(true)
    expect(port.onPrivacyRequest).toHaveBeenCalledTimes(1)
    const a = request(null)
    const b = request('photos')
    store.ask(a.request)
    store.ask(b.request)
    expect(store.open).toBe(true)
    // The first request that says what it is for names the dialog's purpose.
    expect(store.purpose).toBe('photos')
    expect([a.shown(), b.shown()]).toEqual([1, 1])
    store.agree('btn')
    expect(a.answers).toEqual([{ agreed: true, buttonId: 'btn' }])
    expect(b.answers).toEqual([{ agreed: true, buttonId: 'btn' }])
    expect(store.open).toBe(false)
    expect(store.purpose).toBeNull()
    store.refuse()
    expect(a.answers).toHaveLength(1)
    await until(() => store.contractName !== '')
    expect(port.privacySetting).toHaveBeenCalledTimes(1)
  })

  test('refusing answers disagree', () => {
    const store = new PrivacyStore({ onPrivacyRequest: () => true, privacySetting: async () => ({ needAuthorization: true, contractName: '' }), openPrivacyContract: async () => false })
    const a = request('location')
    store.ask(a.request)
    store.refuse()
    expect(a.answers).toEqual([{ agreed: false }])
  })
})

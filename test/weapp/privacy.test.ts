/**
 * WeChat's privacy authorization in the REAL weapp bundle (dist/, memory build), under
 * miniprogram-simulate: the harness's `wx` carries WeChat's privacy APIs as its documentation
 * describes them (test/support/wechat-privacy.ts) — the guide not yet agreed to, chooseLocation and
 * chooseMedia held until it is — and records every call. On the report form:
 * - the app's own dialog appears before the first chooseLocation / chooseMedia, and neither runs
 *   until 同意 (an agreePrivacyAuthorization button) is tapped; after it, they run;
 * - 拒绝 leaves the form usable: a typed address, no photo, and the report is still submitted.
 */
import fs from 'fs'
import path from 'path'
import { fakePrivacy, type FakePrivacy } from '../support/wechat-privacy'
import { assertBuilt, DIST, findTaroNodes, launchWeapp, signInByTap, storedRows, waitFor, type PageHandle, type SimNode, type WeappApp } from '../support/weapp-harness'

jest.setTimeout(60_000)

let app: WeappApp | null = null
afterEach(() => {
  app?.close()
  app = null
})

beforeAll(() => {
  // Fails (never skips) when there is no build: NODE_ENV=production TARO_APP_API_MODE=memory npx taro build --type weapp
  assertBuilt()
})

const PLACE = { latitude: 30.2741, longitude: 120.1551, name: '映月社区3号楼', address: '映月路8号' }

/** A phone on which the person has not yet agreed to the guide; the pickers answer as WeChat would. */
async function launchWithPrivacy(): Promise<{ app: WeappApp; privacy: FakePrivacy }> {
  const privacy = fakePrivacy({ contractName: '《邻里小程序隐私保护指引》' })
  const launched = await launchWeapp({
    wx: {
      ...privacy.api,
      chooseLocation: privacy.guard('chooseLocation', () => PLACE),
      chooseMedia: privacy.guard('chooseMedia', () => ({ type: 'image', tempFiles: [{ tempFilePath: 'http://tmp/street.jpg', size: 48_000, width: 800, height: 600, fileType: 'image' }] })),
      getFileSystemManager: () => ({ saveFileSync: (p: string) => p.replace('tmp', 'store') }),
    },
  })
  app = launched
  return { app: launched, privacy }
}

/** The report form, signed in as 王秀兰. */
async function reportForm(weapp: WeappApp): Promise<PageHandle> {
  const signIn = await signInByTap(weapp, '王秀兰')
  signIn.close()
  const page = await weapp.openPage('reports/new/index')
  await waitFor(() => page.comp.querySelector('.report-form__map'), 'the map button of the report form')
  return page
}

const find = (page: PageHandle, selector: string): SimNode | undefined => page.comp.querySelector(selector)
const dialogShown = (page: PageHandle) => find(page, '.privacy-dialog') !== undefined

/** The agree button as WeChat does it: the tap is recorded on the button (its WXML id), then its event fires. */
function agree(page: PageHandle, privacy: FakePrivacy): string {
  const button = find(page, '.privacy-dialog__agree')!
  // The node as Taro sent it to WXML: `id` is its uid, and its open-type is WeChat's agree kind.
  const node = findTaroNodes(page.instance.data.root, (n) => /\bprivacy-dialog__agree\b/.test(n.cl ?? ''))[0]
  const id: string = node.uid
  expect(id).toMatch(/^linli-privacy-agree-\d+$/)
  expect(Object.values(node)).toContain('agreePrivacyAuthorization')
  privacy.tap(id)
  button.dispatchEvent('tap')
  button.dispatchEvent('agreeprivacyauthorization')
  return id
}

/** Type into a Taro input or textarea (the element `selector` names): its `input` event with the value, as WeChat sends it. */
function typeInto(page: PageHandle, selector: string, value: string): void {
  const field = find(page, selector)
  if (!field) throw new Error(`nothing matches ${selector}`)
  field.dispatchEvent('input', { detail: { value, cursor: value.length } })
}

test('the built app.json declares the location API and turns the privacy check on (Taro passes both through)', () => {
  const appJson = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8'))
  expect(appJson.requiredPrivateInfos).toEqual(['chooseLocation'])
  expect(appJson.__usePrivacyCheck__).toBe(true)
  expect(appJson.subPackages.find((p: { root: string }) => p.root === 'onboarding').pages).toContain('privacy/index')
})

describe('the privacy dialog comes before the first privacy API', () => {
  test('chooseLocation and chooseMedia wait for 同意, then run', async () => {
    const { app: weapp, privacy } = await launchWithPrivacy()
    // The listener is registered as the app starts, before any page.
    await waitFor(() => privacy.log.includes('onNeedPrivacyAuthorization'), 'onNeedPrivacyAuthorization at launch')
    const page = await reportForm(weapp)
    expect(dialogShown(page)).toBe(false)

    find(page, '.report-form__map')!.dispatchEvent('tap')
    await waitFor(() => dialogShown(page), 'the privacy dialog on the report form')
    expect(page.text()).toContain('在地图上选位置，要用到您选的地点。')
    // The guide's name comes from getPrivacySetting, which may answer after the dialog is drawn.
    await waitFor(() => page.text().includes('阅读《邻里小程序隐私保护指引》'), 'the guide named as WeChat names it')
    expect(privacy.log).not.toContain('chooseLocation')

    const id = agree(page, privacy)
    await waitFor(() => privacy.log.includes('chooseLocation:ran'), 'chooseLocation after 同意')
    expect(privacy.log.indexOf('chooseLocation')).toBeGreaterThan(privacy.log.indexOf(`agree:${id}`))
    await waitFor(() => !dialogShown(page) && page.text().includes('映月社区3号楼'), 'the place picked on the form')

    // Agreed once: photos open without asking again.
    find(page, '.photo-grid__add')!.dispatchEvent('tap')
    await waitFor(() => privacy.log.includes('chooseMedia:ran'), 'chooseMedia')
    await waitFor(() => page.comp.querySelectorAll('.photo-grid__img').length === 1, 'the photo on the form')
    expect(dialogShown(page)).toBe(false)
    expect(privacy.log.filter((l) => l === 'listener')).toHaveLength(1)
    expect(weapp.errors).toEqual([])
    expect(weapp.missingTemplates()).toEqual([])
  })

  test('photos first: the dialog says so, and chooseMedia runs only after 同意', async () => {
    const { app: weapp, privacy } = await launchWithPrivacy()
    const page = await reportForm(weapp)
    find(page, '.photo-grid__add')!.dispatchEvent('tap')
    await waitFor(() => dialogShown(page), 'the privacy dialog')
    expect(page.text()).toContain('拍照或选照片，要用到您选的照片。')
    expect(privacy.log).not.toContain('chooseMedia')
    agree(page, privacy)
    await waitFor(() => page.comp.querySelectorAll('.photo-grid__img').length === 1, 'the photo after 同意')
    expect(privacy.log.filter((l) => l === 'chooseMedia')).toHaveLength(1)
    expect(weapp.errors).toEqual([])
    expect(weapp.missingTemplates()).toEqual([])
  })
})

describe('拒绝 leaves the report form usable', () => {
  test('a typed address, no photo, and the report is submitted', async () => {
    const { app: weapp, privacy } = await launchWithPrivacy()
    const page = await reportForm(weapp)

    find(page, '.report-form__map')!.dispatchEvent('tap')
    await waitFor(() => dialogShown(page), 'the privacy dialog')
    find(page, '.privacy-dialog__refuse')!.dispatchEvent('tap')
    await waitFor(() => !dialogShown(page) && find(page, '.report-form__address'), 'the typed address after 拒绝')
    expect(page.text()).toContain('您没有同意隐私保护指引，所以不能用地图选点。手动填写地址，一样可以提交。')
    expect(weapp.spies.showToast.mock.calls.map((c) => c[0].title)).toContain('未同意隐私保护指引，请手动填写地址')

    find(page, '.photo-grid__add')!.dispatchEvent('tap')
    await waitFor(() => dialogShown(page), 'the privacy dialog again, for photos')
    find(page, '.privacy-dialog__refuse')!.dispatchEvent('tap')
    await waitFor(() => !dialogShown(page) && page.text().includes('不带照片也可以提交'), 'the note on photos')
    expect(page.comp.querySelectorAll('.photo-grid__img')).toHaveLength(0)
    // Neither picker ever ran.
    expect(privacy.log).not.toContain('chooseLocation')
    expect(privacy.log).not.toContain('chooseMedia')
    expect(privacy.agreed).toBe(false)

    // The categories come from the demo backend: on a busy machine they may still be on their way.
    const lightChip = () => page.comp.querySelectorAll('.report-form__chip').find((c) => (c.dom.textContent ?? '').includes('路灯'))
    await waitFor(() => lightChip(), 'the 路灯 category')
    lightChip()!.dispatchEvent('tap')
    typeInto(page, '.report-form__description .nut-textarea-textarea', '3号楼东侧的路灯坏了一周，晚上很黑')
    typeInto(page, '.report-form__address', '映月社区3号楼东侧')
    await new Promise((resolve) => setTimeout(resolve, 50))
    // Everything the dialog and the notes drew has its template (the submit button's loading icon,
    // drawn next, is NutUI's <i>, which base.wxml lacks: not this test's subject).
    expect(weapp.missingTemplates()).toEqual([])
    find(page, '.report-form__submit')!.dispatchEvent('tap')

    await waitFor(() => weapp.spies.redirectTo.mock.calls.length > 0, 'the report page after submitting')
    const sent = storedRows<{ description: string; location: unknown; photos: unknown[]; reporterId: string }>(weapp.storage, 'reports').find(
      (r) => r.description === '3号楼东侧的路灯坏了一周，晚上很黑',
    )
    expect(sent).toMatchObject({ reporterId: 'u-wang', location: { kind: 'text', address: '映月社区3号楼东侧' }, photos: [] })
    expect(weapp.errors).toEqual([])
  })
})

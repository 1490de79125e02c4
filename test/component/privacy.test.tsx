/**
 * WeChat's privacy authorization on the screens: the app's own dialog (src/components/privacy-dialog,
 * drawn by every Screen while WeChat waits: src/ui/privacy-prompt.tsx), what refusing leaves of the
 * report form (a typed address, no photo, and it still goes), and the 隐私政策 page drawn from
 * src/domain/privacy-policy.ts, reached from 我的 and from sign-in. The flow itself against WeChat's
 * behaviour: test/unit/platform/privacy.test.ts; in the real bundle: test/weapp/privacy.test.ts.
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import SignInPage from '../../src/auth/sign-in/index'
import { PrivacyDialog } from '../../src/components/privacy-dialog'
import { PRIVACY_POLICY } from '../../src/domain/privacy-policy'
import PrivacyPage from '../../src/onboarding/privacy/index'
import MePage from '../../src/pages/me/index'
import { canPickOnMap, pickLocation } from '../../src/platform/location'
import { choosePhotos } from '../../src/platform/media'
import type { PrivacyRequest } from '../../src/platform/privacy'
import NewReportPage from '../../src/reports/new/index'
import ProposalNewPage from '../../src/consult/proposal-new/index'
import DisclosurePublishPage from '../../src/consult/disclosure-publish/index'
import AssistedPage from '../../src/staff/assisted/index'
import { PHOTO_PICK } from '../../src/ui/photo-pick'
import { T } from '../../src/reports/texts'
import type { RootStore } from '../../src/stores/root-store'
import Taro from '../support/taro-jsdom'
import { all, one, renderPage, tap, typeInto, usePageTests, world } from './support/app'

// The mini-program's pickers (H5 has no map, and jsdom cannot re-encode photos): what WeChat answers
// once the person refused the privacy guide in the dialog.
jest.mock('../../src/platform/location', () => ({
  ...jest.requireActual('../../src/platform/location'),
  canPickOnMap: jest.fn(() => true),
  pickLocation: jest.fn(),
}))
jest.mock('../../src/platform/media', () => ({
  ...jest.requireActual('../../src/platform/media'),
  choosePhotos: jest.fn(),
}))
const pickLocationMock = pickLocation as jest.MockedFunction<typeof pickLocation>
const choosePhotosMock = choosePhotos as jest.MockedFunction<typeof choosePhotos>

usePageTests()

beforeEach(() => {
  ;(canPickOnMap as jest.Mock).mockReturnValue(true)
  pickLocationMock.mockReset()
  choosePhotosMock.mockReset()
})

/** A request as WeChat's listener hands it over (src/platform/privacy.ts), recording the answers. */
function weChatWaits(root: RootStore, purpose: PrivacyRequest['purpose']) {
  const answers: unknown[] = []
  let shown = 0
  act(() => root.privacy.ask({ purpose, shown: () => void shown++, answer: (a) => void answers.push(a) }))
  return { answers, shown: () => shown }
}

const dialogText = () => one('.privacy-dialog').textContent ?? ''

describe('the privacy dialog', () => {
  test('says in plain words what is used and why, with 同意 as WeChat’s agree button, 拒绝 and two links', async () => {
    const onAgree = jest.fn()
    const onRefuse = jest.fn()
    const onReadGuide = jest.fn()
    const onReadPolicy = jest.fn()
    render(<PrivacyDialog purpose='location' contractName='《邻里小程序隐私保护指引》' onAgree={onAgree} onRefuse={onRefuse} onReadGuide={onReadGuide} onReadPolicy={onReadPolicy} />)
    expect(dialogText()).toContain('在地图上选位置，要用到您选的地点。')
    expect(dialogText()).toContain('交给社区工作人员')
    expect(dialogText()).toContain('不同意也能继续：手动填写地址，一样可以提交。')
    expect(one('.privacy-dialog__link').textContent).toBe('阅读《邻里小程序隐私保护指引》')
    expect(one('.privacy-dialog').getAttribute('aria-modal')).toBe('true')

    // 同意 is a button of WeChat's agreePrivacyAuthorization kind: WeChat records the consent on the
    // tap and then fires the event, which hands the button's own id on.
    const agree = one('.privacy-dialog__agree')
    expect(agree.getAttribute('open-type') ?? agree.getAttribute('opentype') ?? (agree as unknown as { openType?: string }).openType).toBe('agreePrivacyAuthorization')
    const id = agree.getAttribute('id')
    expect(id).toMatch(/^linli-privacy-agree-\d+$/)
    fireEvent.click(agree)
    expect(onAgree).not.toHaveBeenCalled()
    fireEvent(agree, new CustomEvent('agreeprivacyauthorization', { bubbles: true }))
    expect(onAgree).toHaveBeenCalledWith(id)

    fireEvent.click(screen.getByText('拒绝'))
    expect(onRefuse).toHaveBeenCalledTimes(1)
    fireEvent.click(one('.privacy-dialog__link'))
    expect(onReadGuide).toHaveBeenCalledTimes(1)
    fireEvent.click(one('.privacy-dialog__policy'))
    expect(onReadPolicy).toHaveBeenCalledTimes(1)
  })

  test('photos, or a request WeChat made on its own, are explained in their own words; the guide has a name before WeChat gives one', () => {
    const props = { onAgree: jest.fn(), onRefuse: jest.fn(), onReadGuide: jest.fn(), onReadPolicy: jest.fn() }
    const { unmount } = render(<PrivacyDialog purpose='photos' {...props} />)
    expect(dialogText()).toContain('拍照或选照片，要用到您选的照片。')
    expect(dialogText()).toContain('不带照片，一样可以提交')
    expect(one('.privacy-dialog__link').textContent).toBe('阅读《邻里隐私保护指引》')
    unmount()
    render(<PrivacyDialog purpose={null} {...props} />)
    expect(dialogText()).toContain('这项功能要用到您的个人信息。')
  })

  test('every screen draws it while WeChat waits, in elder mode too; 拒绝 answers WeChat and closes it', async () => {
    const { root } = await world().app('u-wang')
    root.ui.setElderMode(true)
    renderPage(root, NewReportPage)
    await waitFor(() => one('.report-form__submit'))
    expect(document.querySelector('.privacy-dialog')).toBeNull()

    const waiting = weChatWaits(root, 'photos')
    await waitFor(() => one('.privacy-dialog'))
    // Inside the page, so elder mode's class sizes it.
    expect(one('.page').classList.contains('elder')).toBe(true)
    expect(one('.page.elder .privacy-dialog')).toBeTruthy()
    expect(waiting.shown()).toBe(1)

    await tap('.privacy-dialog__refuse')
    expect(waiting.answers).toEqual([{ agreed: false }])
    expect(document.querySelector('.privacy-dialog')).toBeNull()
  })

  test('同意 passes the tapped button on to WeChat; the links open the guide, or the app’s page where WeChat cannot', async () => {
    const { root } = await world().app('u-wang')
    renderPage(root, MePage)
    await waitFor(() => one('.me__elder'))
    const waiting = weChatWaits(root, 'location')
    await waitFor(() => one('.privacy-dialog'))

    // No WeChat page to open here (H5, jsdom): the app's own 隐私政策 instead.
    await tap('.privacy-dialog__link')
    await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/onboarding/privacy/index' }))
    Taro.navigateTo.mockClear()
    await tap('.privacy-dialog__policy')
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/onboarding/privacy/index' })
    expect(waiting.answers).toEqual([])

    const agree = one('.privacy-dialog__agree')
    await act(async () => {
      fireEvent(agree, new CustomEvent('agreeprivacyauthorization', { bubbles: true }))
    })
    expect(waiting.answers).toEqual([{ agreed: true, buttonId: agree.getAttribute('id') }])
    expect(document.querySelector('.privacy-dialog')).toBeNull()
  })
})

describe('refusing leaves the report form usable', () => {
  test('no map: the typed address takes over with a note that stays; no photo: a note; the report is still sent', async () => {
    pickLocationMock.mockResolvedValue({ ok: false, reason: 'refused' })
    choosePhotosMock.mockResolvedValue({ photos: [], overLimit: 0, notImages: 0, refused: true })
    const { root, api } = await world().app('u-wang')
    renderPage(root, NewReportPage)
    await waitFor(() => one('.report-form__submit'))

    await tap('[data-category="cat-light"]')
    await typeInto('.report-form__description', '3号楼东侧的路灯坏了一周，晚上很黑')

    // 在地图上选择位置 → refused: the address field, and why.
    await tap('.report-form__map')
    expect(pickLocationMock).toHaveBeenCalledTimes(1)
    await waitFor(() => one('.report-form__address'))
    expect(one('.report-form__refused').textContent).toBe(T.locationRefusedNote)
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: T.locationRefused }))

    // + 照片 → refused: no photo, and why.
    await tap('[aria-label^="添加照片"]')
    await waitFor(() => expect(all('.report-form__refused').map((n) => n.textContent)).toContain(T.photosRefusedNote))
    expect(all('.photo-grid__img')).toHaveLength(0)
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: T.photosRefused }))

    await typeInto('.report-form__address', '映月社区3号楼东侧')
    await tap('.report-form__submit')
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalled())
    const mine = await api.reports.listMine()
    const sent = mine.items.find((r) => r.description === '3号楼东侧的路灯坏了一周，晚上很黑')
    expect(sent).toBeTruthy()
    const detail = await api.reports.get(sent!.id)
    expect(detail.report.location).toEqual({ kind: 'text', address: '映月社区3号楼东侧' })
    expect(detail.report.photos).toEqual([])
  })
})

describe('the 隐私政策 page', () => {
  test('lists every item of the policy with what, why, who, how long and after deletion', async () => {
    const { root } = await world().app('u-wang')
    renderPage(root, PrivacyPage)
    await waitFor(() => one('.privacy__item'))
    const items = all('.privacy__item')
    expect(items.map((n) => n.getAttribute('data-item'))).toEqual(PRIVACY_POLICY.map((i) => i.key))
    for (const [i, item] of PRIVACY_POLICY.entries()) {
      const text = items[i].textContent ?? ''
      for (const part of [item.title, item.what, item.why, item.who, item.kept, item.afterDeletion]) expect(text).toContain(part)
      expect(Array.from(items[i].querySelectorAll('.privacy__row')).map((r) => r.getAttribute('data-field'))).toEqual(['what', 'why', 'who', 'kept', 'afterDeletion'])
    }
    // The session lifetime as the code sets it, and the demo's word that nothing leaves the phone.
    expect(one('[data-item="sessions"]').textContent).toContain('每次登录保存 30 天')
    expect(one('.privacy__demo').textContent).toContain('只保存在这台设备上')
    // It never draws the dialog that links to it.
    weChatWaits(root, 'location')
    expect(document.querySelector('.privacy-dialog')).toBeNull()
    // WeChat's guide needs WeChat: not offered on H5; 我的数据 is.
    expect(document.querySelector('.privacy__guide')).toBeNull()
    await tap('.privacy__my-data')
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/onboarding/my-data/index' })
  })

  test('opens for a guest too', async () => {
    const { root } = await world().app('u-wang')
    await act(async () => {
      await root.session.signOut()
    })
    renderPage(root, PrivacyPage)
    await waitFor(() => expect(all('.privacy__item')).toHaveLength(PRIVACY_POLICY.length))
  })

  test('is reached from 我的 and from the sign-in page', async () => {
    const { root } = await world().app('u-wang')
    const me = renderPage(root, MePage)
    await waitFor(() => one('.me__privacy'))
    await tap('.me__privacy')
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/onboarding/privacy/index' })
    me.unmount()
    Taro.navigateTo.mockClear()

    await act(async () => {
      await root.session.signOut()
    })
    renderPage(root, SignInPage)
    await waitFor(() => one('.sign-in__privacy'))
    await tap('.sign-in__privacy')
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/onboarding/privacy/index' })
  })
})

describe('refusing on the other screens that take photos', () => {
  test.each([
    ['a proposal (议题)', 'u-wang', ProposalNewPage, '.proposal-new__submit'],
    ['a disclosure (村务公开)', 'u-zhang', DisclosurePublishPage, '.dpub__submit'],
    ['a report filed for a neighbour (代报)', 'u-zhou', AssistedPage, '.assisted__submit'],
  ] as const)('%s: + 照片 says why no photo came, and the form stays as it was', async (_, who, Page, ready) => {
    choosePhotosMock.mockResolvedValue({ photos: [], overLimit: 0, notImages: 0, refused: true })
    const { root } = await world().app(who)
    renderPage(root, Page)
    await waitFor(() => one(ready))
    await tap('[aria-label^="添加照片"]')
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: PHOTO_PICK.refused })))
    expect(choosePhotosMock).toHaveBeenCalledTimes(1)
    expect(all('.photo-grid__img')).toHaveLength(0)
    expect(one(ready)).toBeTruthy()
  })

  test('what was left out is said: photos past the limit and files that are not pictures', async () => {
    choosePhotosMock.mockResolvedValue({ photos: [{ path: 'wxfile://a.jpg', bytes: 1000 }], overLimit: 2, notImages: 1 })
    const { root } = await world().app('u-wang')
    renderPage(root, ProposalNewPage)
    await waitFor(() => one('.proposal-new__submit'))
    await tap('[aria-label^="添加照片"]')
    await waitFor(() => expect(all('.photo-grid__img')).toHaveLength(1))
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: `${PHOTO_PICK.tooMany(9, 2)}；${PHOTO_PICK.notImages(1)}` }))
  })
})

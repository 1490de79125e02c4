import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { LocalPhoto } from '../../types/api'
import type { ApiClient } from '../../src/api/client'
import { MemoryBackend } from '../../src/api/memory/backend'
import { fakeNetwork } from '../../src/platform/network'
import { choosePhotos, type PickedPhotos } from '../../src/platform/media'
import { memoryStorage } from '../../src/platform/storage'
import { ReportForm } from '../../src/reports/new/report-form'
import { T } from '../../src/reports/texts'
import { StoreProvider } from '../../src/stores/context'
import type { SubmitOutcome } from '../../src/stores/draft-store'
import { RootStore } from '../../src/stores/root-store'
import Taro, { resetTaro } from '../support/taro-jsdom'
import { failOnChangesOutsideActions } from '../unit/stores/support/strict-actions'
import { allMine, recordingClient } from '../unit/support/memory-world'

// On H5 the real choosePhotos re-encodes each photo through <img> and <canvas>, which jsdom cannot
// do (it never loads images). The form only needs "some photos came back": answer LocalPhotos, and
// what the picker left out.
jest.mock('../../src/platform/media', () => ({
  choosePhotos: jest.fn(),
  pickPhotos: jest.fn(),
  previewPhotos: jest.fn(),
}))
const choosePhotosMock = choosePhotos as jest.MockedFunction<typeof choosePhotos>
const picked = (photos: LocalPhoto[], left: Partial<Omit<PickedPhotos, 'photos'>> = {}): PickedPhotos => ({
  photos,
  overLimit: 0,
  notImages: 0,
  ...left,
})

const TINY_JPEG = 'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQH/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q=='
let photoSeq = 0
const photo = (): LocalPhoto => ({ path: `${TINY_JPEG}#${++photoSeq}`, bytes: 160, width: 1, height: 1 })

// ---- the app around the form ------------------------------------------------------------------

type Storage = ReturnType<typeof memoryStorage>
type Network = ReturnType<typeof fakeNetwork>

const roots: RootStore[] = []
/** The requests each app made to the backend, by name ("reports.submit" …). */
const requests = new WeakMap<RootStore, string[]>()
/** Each app's own client, to read the backend as that user (the root keeps its client to itself). */
const clients = new WeakMap<RootStore, ApiClient>()

/** A real RootStore over the memory backend, as the app builds it, on the given device storage. */
function buildRoot(storage: Storage, network: Network): RootStore {
  const { api, ops } = recordingClient({ backend: new MemoryBackend({ storage }), storage, network })
  const root = new RootStore({ api, storage, network })
  requests.set(root, ops)
  clients.set(root, api)
  roots.push(root)
  return root
}

function apiOf(root: RootStore): ApiClient {
  return clients.get(root)!
}

function requestCount(root: RootStore, op: string): number {
  return (requests.get(root) ?? []).filter((o) => o === op).length
}

async function categoriesLoaded(root: RootStore): Promise<void> {
  await waitFor(() => expect(root.directory.categories.length).toBeGreaterThan(0))
}

/** A device where resident 王秀兰 (u-wang) is signed in and the community is loaded. */
async function signedInApp() {
  const storage = memoryStorage()
  const network = fakeNetwork(true)
  const root = buildRoot(storage, network)
  await act(async () => {
    await root.session.signInDemo('u-wang')
  })
  await categoriesLoaded(root)
  return { storage, network, root }
}

/** Render the form and wait for Taro's web components to draw their native fields. */
async function renderForm(root: RootStore) {
  const onDone = jest.fn<void, [SubmitOutcome]>()
  const notify = jest.fn<void, [string]>()
  const view = render(
    <StoreProvider store={root}>
      <ReportForm onDone={onDone} notify={notify} />
    </StoreProvider>,
  )
  await waitFor(() => descriptionBox())
  return { ...view, onDone, notify }
}

// ---- driving the form ---------------------------------------------------------------------------
//
// Assertions read text, classes and counts, never bare elements: Taro's custom elements are not
// recognised by pretty-format as DOM nodes, and printing one in a failure message walks into React
// fibers and the stores (and the ApiClient's "unsupported" proxies), which crashes the worker.
//
// Taro's H5 components are Stencil web components (<taro-textarea-core>, <taro-input-core>) that
// render a native <textarea>/<input> inside. They listen to the native `input`/`blur` on that inner
// element, stop it, and re-emit a CustomEvent with `detail.value` on the host, which is what the
// React props (onInput, onBlur; NutUI's onChange) receive. So a test types into the inner element.

function descriptionBox(): HTMLTextAreaElement {
  const box = document.querySelector<HTMLTextAreaElement>('.report-form__description textarea')
  if (!box) throw new Error('description textarea not rendered')
  return box
}

function addressBox(): HTMLInputElement {
  const box = document.querySelector<HTMLInputElement>('.report-form__address input')
  if (!box) throw new Error('address input not rendered')
  return box
}

function typeInto(field: HTMLInputElement | HTMLTextAreaElement, text: string): void {
  fireEvent.focus(field)
  fireEvent.input(field, { target: { value: text } })
}

function leave(field: HTMLInputElement | HTMLTextAreaElement): void {
  fireEvent.blur(field)
}

function chip(categoryId: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(`[data-category="${categoryId}"]`)
  if (!el) throw new Error(`no category chip ${categoryId}`)
  return el
}

/** The message shown under a field, or null when there is none. */
function fieldError(field: string): string | null {
  return document.querySelector<HTMLElement>(`.field-error[data-field="${field}"]`)?.textContent ?? null
}

function one(selector: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(selector)
  if (!el) throw new Error(`nothing matches ${selector}`)
  return el
}

function isShown(selector: string): boolean {
  return document.querySelector(selector) !== null
}

function submitButton(): HTMLElement {
  const el = document.querySelector<HTMLElement>('.report-form__submit')
  if (!el) throw new Error('no submit button')
  return el
}

function descriptionCounter(): HTMLElement {
  return document.querySelector<HTMLElement>('.report-form .description-field__count')!
}

/** On H5 the typed address is the form's first way in: there is nothing to switch. */
function switchToTypedAddress(): void {
  expect(screen.queryByText(T.typeAddress)).toBeNull()
}

function thumbnails(): HTMLElement[] {
  return Array.from(document.querySelectorAll<HTMLElement>('.photo-grid__img'))
}

const ADD_TILE = '[aria-label^="添加照片"]'

function addTile(): HTMLElement {
  const el = document.querySelector<HTMLElement>(ADD_TILE)
  if (!el) throw new Error('no + tile')
  return el
}

const VALID_DESCRIPTION = '3号楼东侧的路灯坏了一周，晚上很黑'
const VALID_ADDRESS = '映月社区3号楼东侧'

async function fillValidForm(): Promise<void> {
  fireEvent.click(chip('cat-light'))
  typeInto(descriptionBox(), VALID_DESCRIPTION)
  switchToTypedAddress()
  await waitFor(() => addressBox())
  typeInto(addressBox(), VALID_ADDRESS)
}

// ---- tests --------------------------------------------------------------------------------------

beforeEach(() => {
  resetTaro()
  choosePhotosMock.mockReset()
})

failOnChangesOutsideActions()

afterEach(() => {
  cleanup()
  roots.splice(0).forEach((r) => r.dispose())
})

test('submitting an empty form shows each message under its field and creates nothing', async () => {
  const { root } = await signedInApp()
  const before = (await allMine(apiOf(root))).length
  const { notify, onDone } = await renderForm(root)

  expect(fieldError('categoryId')).toBeNull()
  expect(fieldError('description')).toBeNull()
  expect(fieldError('location')).toBeNull()

  await act(async () => {
    fireEvent.click(submitButton())
  })

  await waitFor(() => expect(fieldError('categoryId')).toBe('请选择问题类型'))
  expect(fieldError('description')).toBe('请描述遇到的问题')
  expect(fieldError('location')).toBe('请选择位置，或手动填写地址')
  expect(notify).toHaveBeenCalledWith(T.fixErrors)
  expect(onDone).not.toHaveBeenCalled()
  expect(await allMine(apiOf(root))).toHaveLength(before)
  expect(requestCount(root, 'reports.submit')).toBe(0)
  expect(root.outbox.items).toHaveLength(0)
})

test('the description is checked as the user leaves it and as they type', async () => {
  const { root } = await signedInApp()
  await renderForm(root)

  typeInto(descriptionBox(), '路灯坏')
  // Not shown while typing the first time …
  expect(fieldError('description')).toBeNull()
  // … but once the user leaves the field.
  leave(descriptionBox())
  await waitFor(() => expect(fieldError('description')).toMatch(/至少需要5个字/))
  expect(descriptionCounter().textContent).toBe('3/500')

  typeInto(descriptionBox(), VALID_DESCRIPTION)
  await waitFor(() => expect(fieldError('description')).toBeNull())
  expect(descriptionCounter().className).not.toMatch(/description-field__count--over/)

  typeInto(descriptionBox(), '很'.repeat(501))
  await waitFor(() => expect(fieldError('description')).toBe('描述不能超过500个字（现在501个字）'))
  expect(descriptionCounter().textContent).toBe('501/500')
  expect(descriptionCounter().className).toMatch(/description-field__count--over/)
  // Nothing was cut off: the user decides what to remove.
  expect(root.draft.draft.description).toHaveLength(501)
})

test('an emergency category stops the form and offers the call instead', async () => {
  const { root } = await signedInApp()
  await renderForm(root)

  fireEvent.click(chip('cat-gas'))

  await waitFor(() => expect(isShown('.emergency-stop')).toBe(true))
  const stop = document.querySelector<HTMLElement>('.emergency-stop')!
  expect(stop.textContent).toContain('请立即拨打119')
  // On H5 the call opens in a new browsing context: Taro's makePhoneCall would point this page at
  // tel: (and a browser with no dialer then holds the tab, so 我知道了 could never be tapped).
  const open = jest.spyOn(window, 'open').mockImplementation(() => null)
  const call = within(stop).getByText('立即拨打 119')
  fireEvent.click(call)
  expect(open).toHaveBeenCalledTimes(1)
  expect(open).toHaveBeenCalledWith('tel:119', '_blank')
  expect(Taro.makePhoneCall).not.toHaveBeenCalled()
  open.mockRestore()

  // The emergency is not filed as a report category.
  expect(root.draft.draft.categoryId).toBeUndefined()
  expect(isShown('.report-form__chip--on')).toBe(false)
  expect(chip('cat-gas').className).not.toMatch(/report-form__chip--on/)

  fireEvent.click(within(stop).getByText('我知道了，返回'))
  await waitFor(() => expect(isShown('.emergency-stop')).toBe(false))
  expect(root.draft.draft.categoryId).toBeUndefined()
  // Nothing is left over the page: a tap reaches the form again.
  expect(isShown('.emergency-stop, .nut-overlay, .nut-dialog')).toBe(false)
  fireEvent.click(chip('cat-light'))
  await waitFor(() => expect(chip('cat-light').className).toMatch(/report-form__chip--on/))
})

test('the description grows with its text, the counter and the photos below it', async () => {
  const { root } = await signedInApp()
  await renderForm(root)

  // autoSize: Taro's text area draws one row per line (class auto-height) instead of a fixed box.
  await waitFor(() => expect(descriptionBox().className).toMatch(/auto-height/))
  typeInto(descriptionBox(), '很'.repeat(200))
  await waitFor(() => expect(descriptionCounter().textContent).toBe('200/500'))

  // The counter is the text area's next sibling, outside it, and the photos come after both (the
  // layout itself is measured in Chromium: test/e2e/resident-report.test.ts).
  const field = one('.report-form__description')
  expect(field.contains(descriptionCounter())).toBe(false)
  expect(field.nextElementSibling).toBe(descriptionCounter())
  const photos = one('.photo-grid')
  expect(descriptionCounter().compareDocumentPosition(photos) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
  expect(field.contains(photos)).toBe(false)
})

test('the draft outlives the app being killed', async () => {
  const { storage, network, root } = await signedInApp()
  const first = await renderForm(root)

  typeInto(descriptionBox(), VALID_DESCRIPTION)
  fireEvent.click(chip('cat-water'))
  switchToTypedAddress()
  await waitFor(() => addressBox())
  typeInto(addressBox(), VALID_ADDRESS)
  await waitFor(() => expect(isShown('.report-form__saved')).toBe(true))
  expect(document.querySelector('.report-form__saved')?.textContent).toBe(T.draftSaved)

  // The app is killed: nothing in memory survives, only the device storage.
  first.unmount()
  root.dispose()

  const again = buildRoot(storage, network)
  await act(async () => {
    await again.start()
  })
  expect(again.session.user?.id).toBe('u-wang')
  await categoriesLoaded(again)
  await renderForm(again)

  await waitFor(() => expect(descriptionBox().value).toBe(VALID_DESCRIPTION))
  expect(chip('cat-water').className).toMatch(/report-form__chip--on/)
  expect(chip('cat-water').getAttribute('aria-checked')).toBe('true')
  await waitFor(() => expect(addressBox().value).toBe(VALID_ADDRESS))
  expect(descriptionCounter().textContent).toBe(`${Array.from(VALID_DESCRIPTION).length}/500`)
})

test('tapping 提交 twice sends one report', async () => {
  const { root } = await signedInApp()
  const before = (await allMine(apiOf(root))).length
  const { onDone, notify } = await renderForm(root)
  await fillValidForm()

  // Two taps before React even re-renders (the store must hold them off), then a third on the
  // re-rendered, loading button.
  act(() => {
    fireEvent.click(submitButton())
    fireEvent.click(submitButton())
  })
  fireEvent.click(submitButton())

  await waitFor(() => expect(onDone).toHaveBeenCalled())
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 20))
  })
  for (const [outcome] of onDone.mock.calls) expect(outcome.status).toBe('sent')
  const ids = new Set(onDone.mock.calls.map(([outcome]) => (outcome.status === 'sent' ? outcome.reportId : null)))
  expect(ids.size).toBe(1)

  // One request went out: not two deduplicated by the idempotency key, but one.
  expect(requestCount(root, 'reports.submit')).toBe(1)
  const after = await allMine(apiOf(root))
  expect(after).toHaveLength(before + 1)
  const mine = after.filter((r) => r.description === VALID_DESCRIPTION)
  expect(mine).toHaveLength(1)
  expect(mine[0].id).toBe([...ids][0])
  expect(notify).not.toHaveBeenCalled()
  // The form starts afresh for the next report.
  await waitFor(() => expect(descriptionBox().value).toBe(''))
})

test('offline, the report is queued and goes out when the network is back', async () => {
  const { network, root } = await signedInApp()
  const before = (await allMine(apiOf(root))).length
  const { onDone } = await renderForm(root)
  await fillValidForm()

  network.set(false)
  await act(async () => {
    fireEvent.click(submitButton())
  })
  await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1))
  expect(onDone.mock.calls[0][0].status).toBe('queued')
  expect(root.outbox.items).toHaveLength(1)
  expect(root.outbox.items[0].payload.description).toBe(VALID_DESCRIPTION)
  // The outbox holds it now: the form starts afresh for the next report.
  await waitFor(() => expect(descriptionBox().value).toBe(''))
  expect(root.draft.hasContent).toBe(false)

  await act(async () => {
    network.set(true)
  })
  await waitFor(() => expect(root.outbox.items).toHaveLength(0))
  const after = await allMine(apiOf(root))
  expect(after).toHaveLength(before + 1)
  expect(after.filter((r) => r.description === VALID_DESCRIPTION)).toHaveLength(1)
})

test('photos: thumbnails appear, × removes one, and the + tile goes at nine', async () => {
  const { root } = await signedInApp()
  const { notify } = await renderForm(root)
  choosePhotosMock.mockImplementation(async () => picked([photo()]))

  expect(thumbnails()).toHaveLength(0)
  await act(async () => {
    fireEvent.click(addTile())
  })
  await waitFor(() => expect(thumbnails()).toHaveLength(1))
  expect(choosePhotosMock).toHaveBeenLastCalledWith(9)
  expect(addTile().textContent).toContain('1/9')

  // Seven more at once, then three when only one fits.
  choosePhotosMock.mockImplementationOnce(async () => picked(Array.from({ length: 7 }, photo)))
  await act(async () => {
    fireEvent.click(addTile())
  })
  await waitFor(() => expect(thumbnails()).toHaveLength(8))
  expect(choosePhotosMock).toHaveBeenLastCalledWith(8)

  choosePhotosMock.mockImplementationOnce(async () => picked([photo()], { overLimit: 2 }))
  await act(async () => {
    fireEvent.click(addTile())
  })
  await waitFor(() => expect(thumbnails()).toHaveLength(9))
  expect(choosePhotosMock).toHaveBeenLastCalledWith(1)
  expect(notify).toHaveBeenCalledWith(T.tooManyPhotos(2))
  expect(isShown(ADD_TILE)).toBe(false)

  const second = root.draft.draft.photos[1].path
  fireEvent.click(screen.getByLabelText('删除第2张照片'))
  await waitFor(() => expect(thumbnails()).toHaveLength(8))
  expect(root.draft.draft.photos.map((p) => p.path)).not.toContain(second)
  expect(addTile().textContent).toContain('8/9')
})

test('清空重填 asks first: 保留 keeps the text and photos, 清空 clears them', async () => {
  const { root } = await signedInApp()
  await renderForm(root)
  choosePhotosMock.mockImplementation(async () => picked([photo()]))
  await fillValidForm()
  await act(async () => {
    fireEvent.click(addTile())
  })
  await waitFor(() => expect(thumbnails()).toHaveLength(1))

  Taro.showModal.mockResolvedValueOnce({ errMsg: 'showModal:ok', confirm: false, cancel: true })
  await act(async () => {
    fireEvent.click(screen.getByText(T.discard))
  })
  expect(Taro.showModal).toHaveBeenCalledTimes(1)
  expect(Taro.showModal.mock.calls[0][0]).toMatchObject({ title: T.discardConfirm.title, confirmText: '清空', cancelText: '保留' })
  expect(descriptionBox().value).toBe(VALID_DESCRIPTION)
  expect(root.draft.draft.description).toBe(VALID_DESCRIPTION)
  expect(root.draft.draft.photos).toHaveLength(1)
  expect(thumbnails()).toHaveLength(1)

  // A closed dialog (the modal failing) counts as 保留 too.
  Taro.showModal.mockRejectedValueOnce({ errMsg: 'showModal:fail' })
  await act(async () => {
    fireEvent.click(screen.getByText(T.discard))
  })
  expect(root.draft.draft.photos).toHaveLength(1)

  Taro.showModal.mockResolvedValueOnce({ errMsg: 'showModal:ok', confirm: true, cancel: false })
  await act(async () => {
    fireEvent.click(screen.getByText(T.discard))
  })
  await waitFor(() => expect(descriptionBox().value).toBe(''))
  expect(root.draft.hasContent).toBe(false)
  expect(thumbnails()).toHaveLength(0)
})

test('on H5 the typed address comes first and the map picker is a link under it', async () => {
  const { root } = await signedInApp()
  const { notify } = await renderForm(root)

  // No map button that always fails: the address box is there from the start.
  await waitFor(() => addressBox())
  expect(screen.queryByText(T.typeAddress)).toBeNull()
  expect(document.querySelector('.report-form .nut-button')?.textContent).not.toBe(T.pickOnMap)
  const mapLink = screen.getByText(T.pickOnMap)
  expect(mapLink.className).toMatch(/report-form__link/)

  typeInto(addressBox(), VALID_ADDRESS)
  expect(root.draft.draft.locationMode).toBe('text')
  expect(root.draft.location).toEqual({ kind: 'text', address: VALID_ADDRESS })

  // The secondary map says why it cannot help here and keeps the typed address.
  await act(async () => {
    fireEvent.click(mapLink)
  })
  expect(notify).toHaveBeenCalledWith(T.locationUnavailable)
  expect(addressBox().value).toBe(VALID_ADDRESS)
  expect(Taro.chooseLocation).not.toHaveBeenCalled()
})

test('photos left out are named: past nine the first nine are kept, and files that are not pictures', async () => {
  const { root } = await signedInApp()
  const { notify } = await renderForm(root)

  // Ten picked on an empty form: nine come back, one is over.
  choosePhotosMock.mockImplementationOnce(async () => picked(Array.from({ length: 9 }, photo), { overLimit: 1 }))
  await act(async () => {
    fireEvent.click(addTile())
  })
  await waitFor(() => expect(thumbnails()).toHaveLength(9))
  expect(notify).toHaveBeenLastCalledWith('最多9张，已保留前9张（1张没有添加）')

  fireEvent.click(screen.getByLabelText('删除第9张照片'))
  await waitFor(() => expect(thumbnails()).toHaveLength(8))

  // A document among the pictures: the picture is added, the document named.
  choosePhotosMock.mockImplementationOnce(async () => picked([photo()], { notImages: 1 }))
  await act(async () => {
    fireEvent.click(addTile())
  })
  await waitFor(() => expect(thumbnails()).toHaveLength(9))
  expect(notify).toHaveBeenLastCalledWith('已忽略不是图片的文件')
  expect(notify).toHaveBeenCalledTimes(2)
})

// ---- where the problem is (issue 9: a report goes to the grid of its building) ------------------

function buildingChip(label: string): HTMLElement {
  const row = one('[data-chips="building"]')
  const el = Array.from(row.querySelectorAll<HTMLElement>('.chip')).find((c) => c.textContent === label)
  if (!el) throw new Error(`no building chip ${label}`)
  return el
}

function chosenBuildings(): string[] {
  return Array.from(document.querySelectorAll<HTMLElement>('[data-chips="building"] .chip--on')).map((c) => c.textContent ?? '')
}

/** The reports the app sends to the (memory) backend, as it sends them. */
function recordSubmits(root: RootStore): object[] {
  const inputs: object[] = []
  const reports = apiOf(root).reports
  const submit = reports.submit.bind(reports)
  jest.spyOn(reports, 'submit').mockImplementation((input, options) => {
    inputs.push(input)
    return submit(input, options)
  })
  return inputs
}

/** Submit the filled form and answer the report it made (as the reporter's list shows it). */
async function submitAndFind(root: RootStore, onDone: jest.Mock<void, [SubmitOutcome]>) {
  await act(async () => {
    fireEvent.click(submitButton())
  })
  await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1))
  const outcome = onDone.mock.calls[0][0]
  expect(outcome.status).toBe('sent')
  const id = outcome.status === 'sent' ? outcome.reportId : ''
  const mine = (await allMine(apiOf(root))).find((r) => r.id === id)
  expect(mine).toBeDefined()
  return mine!
}

test('问题在哪栋楼 defaults to the home building, with 其他 among the community buildings', async () => {
  const { root } = await signedInApp()
  const { onDone } = await renderForm(root)

  // 王秀兰 lives in 3号楼 (b-3, 第二网格).
  await waitFor(() => expect(chosenBuildings()).toEqual(['3号楼']))
  expect(screen.getByText(T.building)).toBeTruthy()
  expect(screen.getByText(T.buildingHint)).toBeTruthy()
  const labels = Array.from(document.querySelectorAll<HTMLElement>('[data-chips="building"] .chip')).map((c) => c.textContent)
  expect(labels).toEqual(['1号楼', '2号楼', '3号楼', '5号楼', '8号楼', T.buildingOther])
  expect(buildingChip('3号楼').getAttribute('aria-checked')).toBe('true')
  expect(root.draft.draft.buildingId).toBeUndefined()

  await fillValidForm()
  const report = await submitAndFind(root, onDone)
  expect(report.gridId).toBe('g-2')
})

test('choosing 2号楼 sends buildingId b-2 and the report goes to its grid', async () => {
  const { root } = await signedInApp()
  const { onDone } = await renderForm(root)
  await fillValidForm()

  fireEvent.click(buildingChip('2号楼'))
  await waitFor(() => expect(chosenBuildings()).toEqual(['2号楼']))
  expect(root.draft.draft.buildingId).toBe('b-2')

  const submitted = recordSubmits(root)
  const report = await submitAndFind(root, onDone)
  expect(submitted).toEqual([expect.objectContaining({ buildingId: 'b-2' })])
  expect(report.gridId).toBe('g-1')
})

test('choosing 其他 sends no building: the home building\'s grid takes it', async () => {
  const { root } = await signedInApp()
  const { onDone } = await renderForm(root)
  await fillValidForm()

  fireEvent.click(buildingChip('2号楼'))
  fireEvent.click(buildingChip(T.buildingOther))
  await waitFor(() => expect(chosenBuildings()).toEqual([T.buildingOther]))

  const submitted = recordSubmits(root)
  const report = await submitAndFind(root, onDone)
  expect(submitted).toHaveLength(1)
  expect(submitted[0]).not.toHaveProperty('buildingId')
  expect(report.gridId).toBe('g-2')
})

test('a building the backend refuses shows its message under the choice, and a new choice clears it', async () => {
  const { root } = await signedInApp()
  const { notify } = await renderForm(root)
  await fillValidForm()
  // A building not (or no longer) of the community, as a stale draft could hold.
  act(() => root.draft.setBuilding('b-gone'))

  await act(async () => {
    fireEvent.click(submitButton())
  })
  await waitFor(() => expect(fieldError('buildingId')).toBe('请选择问题所在的楼栋'))
  expect(notify).toHaveBeenCalled()

  fireEvent.click(buildingChip('2号楼'))
  await waitFor(() => expect(fieldError('buildingId')).toBeNull())
})

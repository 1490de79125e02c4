/**
 * A city system's services on the report form (issue 14): each under its `group`'s title, and, when
 * there are many, a search over names, groups and keywords. Linli's own categories (no group, eleven
 * of them) show as before: one group without a title, no search box.
 */
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react'
import type { Category } from '../../types/domain'
import { MemoryBackend } from '../../src/api/memory/backend'
import { fakeNetwork } from '../../src/platform/network'
import { memoryStorage } from '../../src/platform/storage'
import { ReportForm } from '../../src/reports/new/report-form'
import { T } from '../../src/reports/texts'
import { StoreProvider } from '../../src/stores/context'
import { RootStore } from '../../src/stores/root-store'
import { resetTaro } from '../support/taro-jsdom'
import { failOnChangesOutsideActions } from '../unit/stores/support/strict-actions'
import { recordingClient } from '../unit/support/memory-world'

jest.mock('../../src/platform/media', () => ({ choosePhotos: jest.fn(), pickPhotos: jest.fn(), previewPhotos: jest.fn() }))

const service = (id: string, name: string, group: string, keywords: string[]): Category => ({ id: `open311:${id}`, name, guidance: '', deadlineHours: 168, group, keywords })
/** Fourteen services in four groups, as a city's list comes. */
const CITY: Category[] = [
  service('pothole', '道路坑洼', '道路', ['路面', '坑']),
  service('manhole', '井盖缺失', '道路', ['井盖']),
  service('kerb', '路缘石损坏', '道路', []),
  service('light', '路灯故障', '照明', ['路灯', '灯']),
  service('signal', '信号灯故障', '照明', ['红绿灯']),
  service('graffiti', '乱涂乱画', '市容', ['涂鸦', '小广告']),
  service('litter', '垃圾乱扔', '市容', ['垃圾']),
  service('stall', '占道经营', '市容', ['摊贩']),
  service('sign', '标牌破损', '市容', []),
  service('tree', '树木倒伏', '绿化', ['树']),
  service('grass', '绿地破坏', '绿化', ['草坪']),
  service('bench', '座椅损坏', '设施', ['长椅']),
  service('toilet', '公厕问题', '设施', ['厕所']),
  service('drain', '排水不畅', '设施', ['下水道', '积水']),
]

const roots: RootStore[] = []

async function renderWith(categories: Category[] | null) {
  const storage = memoryStorage()
  const { api } = recordingClient({ backend: new MemoryBackend({ storage }), storage, network: fakeNetwork(true) })
  const client = categories
    ? { ...api, directory: { getCommunity: async () => ({ ...(await api.directory.getCommunity()), categories }) } }
    : api
  const root = new RootStore({ api: client, storage, network: fakeNetwork(true) })
  roots.push(root)
  await act(async () => {
    await root.session.signInDemo('u-wang')
  })
  await waitFor(() => expect(root.directory.categories.length).toBeGreaterThan(0))
  render(
    <StoreProvider store={root}>
      <ReportForm onDone={jest.fn()} notify={jest.fn()} />
    </StoreProvider>,
  )
  await waitFor(() => expect(document.querySelector('.report-form__chip')).not.toBeNull())
}

const groupTitles = () => Array.from(document.querySelectorAll('.report-form__category-group .report-form__group')).map((e) => e.textContent)
const chips = () => Array.from(document.querySelectorAll('.report-form__category-group .report-form__chip')).map((e) => e.textContent)

beforeEach(() => resetTaro())
failOnChangesOutsideActions()
afterEach(() => {
  cleanup()
  roots.splice(0).forEach((r) => r.dispose())
})

test('a city’s services show under their groups, in the list’s order', async () => {
  await renderWith(CITY)
  expect(groupTitles()).toEqual(['道路', '照明', '市容', '绿化', '设施'])
  expect(chips()).toEqual(CITY.map((c) => c.name))
})

test('many services offer a search by name, group or keyword; nothing found says what to do', async () => {
  await renderWith(CITY)
  // Taro's H5 input draws its <input> a moment after the element.
  const search = await waitFor(() => {
    const input = document.querySelector<HTMLInputElement>('.report-form__search input')
    if (!input) throw new Error('no search input yet')
    return input
  })
  expect(search.closest('[aria-label]')?.getAttribute('aria-label') ?? search.getAttribute('aria-label')).toBe(T.categorySearch)
  const typeIn = (text: string) => {
    fireEvent.focus(search)
    fireEvent.input(search, { target: { value: text } })
  }
  typeIn('小广告')
  await waitFor(() => expect(chips()).toEqual(['乱涂乱画']))
  expect(groupTitles()).toEqual(['市容'])
  typeIn('灯')
  await waitFor(() => expect(chips()).toEqual(['路灯故障', '信号灯故障']))
  typeIn('门口积水了')
  await waitFor(() => expect(chips()).toEqual(['排水不畅']))
  typeIn('电梯')
  await waitFor(() => expect(document.querySelector('.report-form__no-match')?.textContent).toBe(T.categoryNoMatch))
  expect(chips()).toEqual([])
})

test('Linli’s own categories: one group without a title, and no search box', async () => {
  await renderWith(null)
  expect(groupTitles()).toEqual([])
  expect(document.querySelector('.report-form__search')).toBeNull()
  expect(chips().length).toBeGreaterThan(5)
})

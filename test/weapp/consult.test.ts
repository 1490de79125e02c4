/**
 * 民事民决 in the REAL weapp bundle (dist/) under miniprogram-simulate: a resident opens the open
 * vote of their building (a consult/ subpackage page), taps an option, confirms, and the page says
 * who of the household voted and when — never the choice; one ballot is stored for the household.
 */
import { assertBuilt, launchWeapp, signInByTap, storedRows, waitFor, type WeappApp } from '../support/weapp-harness'

jest.setTimeout(60_000)

let app: WeappApp | null = null
afterEach(() => {
  app?.close()
  app = null
})
beforeAll(() => assertBuilt())

test('a resident casts the household’s ballot: asked first, then "您家已由 … 投票", one ballot stored', async () => {
  app = await launchWeapp()
  const modal = jest.fn((options: { success?: (r: { confirm: boolean; cancel: boolean }) => void; complete?: () => void }) => {
    options.success?.({ confirm: true, cancel: false })
    options.complete?.()
  })
  Object.assign(app.wx, { setTabBarBadge: jest.fn(), removeTabBarBadge: jest.fn(), showShareMenu: jest.fn(), showModal: modal })
  ;(await signInByTap(app, '王秀兰')).close()
  const vote = storedRows<{ id: string; title: string; scope: { kind: string; buildingIds?: string[] } }>(app.storage, 'votes').find(
    (v) => v.scope.kind === 'buildings' && v.scope.buildingIds?.includes('b-3'),
  )
  expect(vote).toBeDefined()
  const before = storedRows<{ voteId: string; buildingId: string; room: string }>(app.storage, 'receipts').filter((r) => r.voteId === vote!.id)

  const page = await app.openPage('consult/vote/index', { id: vote!.id })
  await waitFor(() => page.comp.querySelectorAll('.vote__option').length > 0, 'the options of the open vote')
  expect(page.text()).toContain(vote!.title)
  expect(page.text()).toMatch(/需至少 \d+% 的户参与；同意票过半数通过/)

  page.comp.querySelectorAll('.vote__option')[0].dispatchEvent('tap')
  await waitFor(() => page.comp.querySelector('.vote__voted'), 'the household’s ballot on the page')
  expect(modal).toHaveBeenCalledWith(expect.objectContaining({ content: '每户只能投一次，投出后不能更改' }))
  const said = page.comp.querySelector('.vote__voted')!.dom.textContent ?? ''
  expect(said).toMatch(/^您家已由 王秀兰 于 .+ 投票（手机）$/)
  expect(page.comp.querySelectorAll('.vote__option')).toHaveLength(0)
  expect(page.comp.querySelector('.vote__mine')!.dom.textContent).not.toMatch(/同意|弃权/)

  const after = storedRows<{ voteId: string; buildingId: string; room: string; channel: string }>(app.storage, 'receipts').filter((r) => r.voteId === vote!.id)
  expect(after.length).toBe(before.length + 1)
  expect(after.filter((r) => r.buildingId === 'b-3' && r.room === '201')).toEqual([expect.objectContaining({ channel: 'phone' })])
  expect(app.errors).toEqual([])
  expect(app.missingTemplates()).toEqual([])
  page.close()
})

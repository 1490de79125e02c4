import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react'
import { runInAction } from 'mobx'
import VotePage from '../../src/consult/vote/index'
import NewVotePage from '../../src/consult/vote-new/index'
import VoteRollPage from '../../src/consult/vote-roll/index'
import { VoteList } from '../../src/consult/vote-list'
import { StoreProvider } from '../../src/stores/context'
import Taro, { setRouterParams } from '../support/taro-jsdom'
import { all, fieldError, one, renderPage, tap, typeInto, usePageTests, world } from './support/app'

usePageTests()
beforeEach(() => localStorage.clear())

const key = () => `k${Math.random().toString(36).slice(2)}${Date.now().toString(36)}xxxxxxxx`

async function openVote(w: ReturnType<typeof world>) {
  const staff = await w.client('u-zhang')
  return staff.conventions.openVote(
    {
      title: '是否同意3号楼下增设充电桩',
      description: '在3号楼东侧空地安装6个充电桩，费用由物业维修资金列支。',
      kind: 'approval',
      options: [],
      scope: { kind: 'buildings', buildingIds: ['b-3'] },
      closesAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      quorumPercent: 60,
      majority: 'simple',
      publicityDays: 7,
    },
    { idempotencyKey: key() },
  )
}

test('casting a ballot: asked first, then who voted and when — never the choice', async () => {
  const w = world()
  const vote = await openVote(w)
  const { root } = await w.app('u-wang')
  renderPage(root, VotePage, { id: vote.id })
  await waitFor(() => expect(all('.vote__option')).toHaveLength(3))
  expect(one('.vote__rule').textContent).toBe('需至少 60% 的户参与；同意票过半数通过')
  expect(one('[data-turnout]').textContent).toBe(`已投 0 / ${vote.eligible} 户`)
  expect(document.body.textContent).toContain('参与范围：3号楼')

  // 再想想: nothing is cast.
  Taro.showModal.mockResolvedValueOnce({ errMsg: 'showModal:ok', confirm: false, cancel: true })
  await tap('.vote__option[data-option="o2"]')
  const asked = Taro.showModal.mock.calls[0][0] as { title: string; content: string }
  expect(asked.content).toBe('每户只能投一次，投出后不能更改')
  expect(asked.title).toContain('不同意')
  expect(all('.vote__voted')).toHaveLength(0)

  // 确认投票.
  await tap('.vote__option[data-option="o2"]')
  await waitFor(() => expect(all('.vote__voted')).toHaveLength(1))
  expect(one('.vote__voted').textContent).toMatch(/^您家已由 王秀兰 于 .+ 投票（手机）$/)
  expect(all('.vote__option')).toHaveLength(0)
  expect(one('[data-turnout]').textContent).toBe(`已投 1 / ${vote.eligible} 户`)
  // How the household voted is shown nowhere.
  expect(one('.vote__mine').textContent).not.toMatch(/同意|弃权/)
  expect(all('.vote__result')).toHaveLength(0)

  // Another member of the household (none in the demo) or a reload shows the same.
  const again = await (await w.client('u-wang')).conventions.getVote(vote.id)
  expect(again.myHousehold.ballot?.castByName).toBe('王秀兰')
})

test('a household not on the roll is told why, with no options', async () => {
  const w = world()
  const vote = await openVote(w)
  const { root } = await w.app('u-zhao') // 8号楼
  renderPage(root, VotePage, { id: vote.id })
  await waitFor(() => expect(all('.vote__refused')).toHaveLength(1))
  expect(one('.vote__refused').textContent).toMatch(/不在本次表决的名册中/)
  expect(all('.vote__option')).toHaveLength(0)
})

test('a paper ballot for a household that already voted is refused with the reason; another is entered', async () => {
  const w = world()
  const vote = await openVote(w)
  await (await w.client('u-wang')).conventions.castBallot(vote.id, 'o1') // 3号楼201
  const { root } = await w.app('u-zhang')
  renderPage(root, VotePage, { id: vote.id })
  await waitFor(() => expect(all('.vote__paper')).toHaveLength(1))

  await tap('[data-chips="paper-building"] [data-value="b-3"]')
  // The doors that voted already are marked (never how they voted).
  await waitFor(() => expect(one('[data-chips="paper-room"] [data-value="201"]').textContent).toBe('201（已投）'))
  expect(all('.vote__mine')).toHaveLength(0)
  await tap('[data-chips="paper-room"] [data-value="201"]')
  await tap('[data-chips="paper-option"] [data-value="o2"]')
  await typeInto('.vote__paper-note', '本人交回')
  await tap('.vote__paper-submit')
  await waitFor(() => expect(fieldError('form')).toMatch(/^该户的王秀兰已于.+在手机上投票，每户只计一票$/))
  expect((await (await w.client('u-zhang')).conventions.getVote(vote.id)).voted).toBe(1)

  // Another household of 3号楼 hands in its paper ballot.
  const roll = await (await w.client('u-zhang')).conventions.voteRoll(vote.id)
  const other = roll.rows.find((r) => r.buildingId === 'b-3' && !r.voted)!
  await tap(`[data-chips="paper-room"] [data-value="${other.room}"]`)
  await tap('[data-chips="paper-option"] [data-value="o1"]')
  await typeInto('.vote__paper-note', '其子代交')
  await tap('.vote__paper-submit')
  await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '纸质选票已录入' })))
  await waitFor(() => expect(one('[data-turnout]').textContent).toBe(`已投 2 / ${vote.eligible} 户`))
  expect(fieldError('form')).toBeNull()
})

test('the roll shows who voted and how (phone or paper, entered by whom) — never the choice', async () => {
  const w = world()
  const vote = await openVote(w)
  await (await w.client('u-wang')).conventions.castBallot(vote.id, 'o1')
  const { root } = await w.app('u-zhou') // leads 3号楼
  renderPage(root, VoteRollPage, { id: vote.id })
  await waitFor(() => expect(all('[data-roll="count"]')).toHaveLength(1))
  expect(one('[data-roll="count"]').textContent).toBe(`已投 1 / ${vote.eligible} 户`)
  const wang = one('[data-household="b-3:201"]')
  expect(wang.textContent).toContain('已投')
  expect(wang.textContent).toContain('手机')
  expect(wang.textContent).toContain('投票人：王**')
  for (const row of all('.roll-row')) expect(row.textContent).not.toMatch(/同意|弃权/)
})

test('staff open a vote from a form: defaults, field errors under fields, then the vote', async () => {
  const w = world()
  const { root, ops } = await w.app('u-zhang')
  renderPage(root, NewVotePage)
  await waitFor(() => expect(all('.vote-new__submit')).toHaveLength(1))
  await waitFor(() => expect((one('.vote-new__quorum input') as HTMLInputElement).value).toBe('50'))
  expect((one('.vote-new__publicity input') as HTMLInputElement).value).toBe('7')
  await tap('[data-chips="vote-scope"] [data-value="buildings"]')
  await tap('.vote-new__submit')
  await waitFor(() => expect(fieldError('title')).toMatch(/至少2个字/))
  expect(fieldError('scope')).toBe('请至少选择一栋楼')
  expect(ops).not.toContain('conventions.openVote')

  await typeInto('.vote-new__title', '3号楼外墙粉刷颜色')
  await tap('[data-chips="vote-kind"] [data-value="choice"]')
  const inputs = all('.vote-new__option-input')
  expect(inputs).toHaveLength(2)
  await typeInto('.vote-new__option-input:nth-of-type(1)', '米黄色')
  await tap('[data-chips="vote-buildings"] [data-value="b-3"]')
  await tap('.vote-new__submit')
  await waitFor(() => expect(fieldError('options')).toMatch(/1–20个字/))
  await tap('.vote-new__add')
  await waitFor(() => expect(all('.vote-new__option-input input')).toHaveLength(3))
  const fields = all('.vote-new__option-input input')
  for (const [i, label] of ['米黄色', '浅灰色', '白色'].entries()) {
    fireEvent.focus(fields[i])
    fireEvent.input(fields[i], { target: { value: label } })
  }
  await tap('.vote-new__submit')
  await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalled())
  const votes = await (await w.client('u-zhang')).conventions.listVotes()
  const opened = votes.items.find((v) => v.title === '3号楼外墙粉刷颜色')!
  expect(opened.options.map((o) => o.label)).toEqual(['米黄色', '浅灰色', '白色'])
  expect(opened.scope).toEqual({ kind: 'buildings', buildingIds: ['b-3'] })
  expect(opened.quorumPercent).toBe(50)
  expect(Date.parse(opened.closesAt) - Date.now()).toBeGreaterThan(6 * 86_400_000)
})

test('the vote list: each vote with its turnout and whether my household voted', async () => {
  const w = world()
  const vote = await openVote(w)
  const { root } = await w.app('u-wang')
  renderPage(root, VoteList)
  await waitFor(() => expect(all(`[data-vote="${vote.id}"]`)).toHaveLength(1))
  const row = one(`[data-vote="${vote.id}"]`)
  expect(row.textContent).toContain(`已投 0 / ${vote.eligible} 户`)
  expect(row.textContent).toContain('进行中')
  expect(all('.vl-head__new')).toHaveLength(0)
})

test('opened by a link before the session is back (a reload): the vote and its roll load once signed in', async () => {
  const w = world()
  const vote = await openVote(w)
  const { root } = await w.app('u-zhou') // leads 3号楼
  const resumed = async () => {
    // The page shows before the session is restored, then the session comes back.
    runInAction(() => (root.session.status = 'unknown'))
    return () => act(async () => runInAction(() => (root.session.status = 'signed_in')))
  }
  let signIn = await resumed()
  renderPage(root, VotePage, { id: vote.id })
  await signIn()
  await waitFor(() => expect(all('[data-turnout]')).toHaveLength(1))
  cleanup()
  signIn = await resumed()
  renderPage(root, VoteRollPage, { id: vote.id })
  await signIn()
  await waitFor(() => expect(all('[data-roll="count"]')).toHaveLength(1))
})

test('while the vote is open the page says in words whether quorum is reached, not only by the bar', async () => {
  const w = world()
  const vote = await openVote(w) // 60% of 3号楼
  const { root } = await w.app('u-wang')
  renderPage(root, VotePage, { id: vote.id })
  await waitFor(() => expect(all('[data-quorum]')).toHaveLength(1))
  const needed = Math.ceil((60 * vote.eligible) / 100)
  expect(one('[data-quorum]').getAttribute('data-quorum')).toBe('short')
  expect(one('[data-quorum]').textContent).toBe(`还差 ${needed} 户达到参与率要求`)
  // Enough households vote (王秀兰 on her phone, the others on paper): reached.
  await (await w.client('u-wang')).conventions.castBallot(vote.id, 'o1')
  const staff = await w.client('u-zhang')
  const free = (await staff.conventions.voteRoll(vote.id)).rows.filter((r) => !r.voted)
  for (const r of free.slice(0, needed - 1)) await staff.conventions.enterPaperBallot(vote.id, { buildingId: r.buildingId, room: r.room, optionId: 'o1', note: '本人交回' })
  await act(async () => void (await root.votes.load(vote.id)))
  await waitFor(() => expect(one('[data-quorum]').getAttribute('data-quorum')).toBe('reached'))
  expect(one('[data-quorum]').textContent).toBe('已达到参与率要求')
})

test('the published result has its paper-ballot line and its 公示 line, each marked', async () => {
  // Only Date is faked: the vote closes when the clock moves past it.
  jest.useFakeTimers({ now: new Date(), doNotFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'nextTick', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'hrtime', 'performance'] })
  try {
    const w = world()
    const vote = await openVote(w)
    await (await w.client('u-wang')).conventions.castBallot(vote.id, 'o1')
    const staff = await w.client('u-zhang')
    const free = (await staff.conventions.voteRoll(vote.id)).rows.find((r) => !r.voted)!
    await staff.conventions.enterPaperBallot(vote.id, { buildingId: free.buildingId, room: free.room, optionId: 'o1', note: '本人交回' })
    jest.setSystemTime(Date.now() + 4 * 86_400_000)
    await staff.conventions.publishResult(vote.id)
    const { root } = await w.app('u-wang')
    renderPage(root, VotePage, { id: vote.id })
    await waitFor(() => expect(all('[data-result="publicity"]')).toHaveLength(1))
    expect(one('[data-result="paper"]').textContent).toContain('1')
    expect(one('[data-result="publicity"]').textContent).toContain('公示')
    expect(all('[data-quorum]')).toHaveLength(0)
  } finally {
    jest.useRealTimers()
  }
})

test('H5: the vote roll (a virtual list) is as high as the page it is in, so it is the page’s scroller', async () => {
  const w = world()
  const vote = await openVote(w)
  const { root } = await w.app('u-zhou')
  // Taro H5's page box (.taro_page, below the navigation bar): the list takes its height, not its own content's.
  const page = document.createElement('div')
  page.className = 'taro_page'
  Object.defineProperty(page, 'clientHeight', { configurable: true, value: 700 })
  document.body.appendChild(page)
  setRouterParams({ id: vote.id })
  render(
    <StoreProvider store={root}>
      <VoteRollPage />
    </StoreProvider>,
    { container: page.appendChild(document.createElement('div')) },
  )
  await waitFor(() => expect(all('[data-roll="count"]')).toHaveLength(1))
  expect(one('.virtual-page').style.height).toBe('700px')
  cleanup()
  page.remove()
})

test('leaving the vote roll right after opening it: no entry is measured once the page has gone', async () => {
  const w = world()
  const vote = await openVote(w)
  const { root } = await w.app('u-zhou')
  const view = renderPage(root, VoteRollPage, { id: vote.id })
  await waitFor(() => expect(all('[data-roll="count"]')).toHaveLength(1))
  view.unmount()
  const asked = (Taro.createSelectorQuery as jest.Mock).mock.calls.length
  await new Promise((r) => setTimeout(r, 250))
  expect((Taro.createSelectorQuery as jest.Mock).mock.calls.length).toBe(asked)
})

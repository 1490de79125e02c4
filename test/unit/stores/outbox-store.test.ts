import { ApiError } from '../../../src/api/errors'
import { allMine } from '../support/memory-world'
import { disposeApps, signedInApp, when } from '../support/app'
import { failOnChangesOutsideActions } from './support/strict-actions'

failOnChangesOutsideActions()

afterEach(() => {
  disposeApps()
  jest.useRealTimers()
})

const point = { kind: 'point' as const, latitude: 31.59, longitude: 120.38, name: '映月社区5号楼', address: '5号楼北侧' }

type App = Awaited<ReturnType<typeof signedInApp>>

/** Write the usual test report in the form and submit it (queued when the network is down). */
async function queueGarbageReport(root: App['root']) {
  root.draft.chooseCategory('cat-garbage')
  root.draft.setDescription('5号楼后面的装修垃圾没人清理')
  root.draft.setPoint(point)
  return root.draft.submit()
}

describe('OutboxStore', () => {
  it('retries on its own after a server hiccup, once the pause is over', async () => {
    const { root, api, faults } = await signedInApp('u-wang')
    const before = (await allMine(api)).length
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] })
    let failures = 0
    faults.before = (op) => {
      if (op === 'reports.submit' && failures++ === 0) throw new ApiError('server')
    }
    const delivered: string[] = []
    const previous = root.outbox.onSent
    root.outbox.onSent = (r) => {
      delivered.push(r.id)
      previous(r)
    }

    root.draft.chooseCategory('cat-garbage')
    root.draft.setDescription('5号楼后面的装修垃圾没人清理')
    root.draft.setPoint(point)
    expect(await root.draft.submit()).toEqual({ status: 'queued', message: '暂时无法提交，诉求已保存，稍后会自动重试' })
    expect(root.outbox.items).toHaveLength(1)

    await jest.advanceTimersByTimeAsync(4_999)
    expect(delivered).toEqual([])
    await jest.advanceTimersByTimeAsync(1)
    expect(delivered).toHaveLength(1)
    expect(root.outbox.items).toEqual([])
    jest.useRealTimers()
    expect(await allMine(api)).toHaveLength(before + 1)
  })

  it('does not flush while offline', async () => {
    const { root, network, ops } = await signedInApp('u-wang')
    network.set(false)
    ops.length = 0
    await root.outbox.flush()
    expect(ops).toEqual([])
  })

  it('discards a failed item on request', async () => {
    const { root, network } = await signedInApp('u-wang')
    network.set(false)
    await queueGarbageReport(root)
    const [item] = root.outbox.items
    root.outbox.discard(item.key)
    expect(root.outbox.items).toEqual([])
    expect(root.outbox.waiting).toBe(0)
  })

  it('stops listening to the network once disposed', async () => {
    const { root, network, ops } = await signedInApp('u-wang')
    network.set(false)
    await queueGarbageReport(root)
    root.dispose()
    ops.length = 0
    network.set(true)
    await new Promise((resolve) => setImmediate(resolve))
    expect(ops).toEqual([])
  })

  it('gives a waiting report back to the form under its own key, and only once', async () => {
    const { root, network, api } = await signedInApp('u-wang')
    const before = (await allMine(api)).length
    network.set(false)
    root.draft.chooseCategory('cat-garbage')
    root.draft.setDescription('5号楼后面的装修垃圾没人清理')
    root.draft.setPoint(point)
    root.draft.setAnonymous(true)
    await root.draft.submit()
    const [item] = root.outbox.items
    expect(root.draft.hasContent).toBe(false)

    const taken = root.outbox.takeBack(item.key)
    expect(taken?.key).toBe(item.key)
    expect(root.outbox.items).toEqual([])
    expect(root.outbox.takeBack(item.key)).toBeNull()
    root.draft.restore(taken!.key, taken!.payload)
    expect(root.draft.draft).toMatchObject({ key: item.key, categoryId: 'cat-garbage', description: '5号楼后面的装修垃圾没人清理', point, locationMode: 'point', anonymous: true })

    // Changed and sent again: one report, under the same key.
    root.draft.setDescription('5号楼后面的装修垃圾没人清理，已经堆了一周')
    network.set(true)
    expect((await root.draft.submit()).status).toBe('sent')
    const after = await allMine(api)
    expect(after).toHaveLength(before + 1)
    expect(after.filter((r) => r.description.startsWith('5号楼后面的装修垃圾'))).toHaveLength(1)
  })

  it('keeps a report that is being sent: it can be neither taken back nor cancelled', async () => {
    const { root, network } = await signedInApp('u-wang')
    network.set(false)
    await queueGarbageReport(root)
    const [item] = root.outbox.items
    network.set(true) // the outbox starts sending at once
    expect(root.outbox.items[0]?.state).toBe('sending')
    expect(root.outbox.takeBack(item.key)).toBeNull()
    expect(root.outbox.discard(item.key)).toBe(false)
    expect(root.outbox.items).toHaveLength(1)
    await when(() => root.outbox.items.length === 0, { timeout: 2000 })
  })
})

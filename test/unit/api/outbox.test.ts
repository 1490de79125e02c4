import { ApiError } from '../../../src/api/errors'
import { Outbox, type ReportPayload } from '../../../src/api/outbox'
import { readJson } from '../../../src/platform/storage'
import { allMine, loseFirstResponse, memoryWorld, newKey } from '../support/memory-world'

const KEY = 'linli.outbox.u-wang'

const payload = (over: Partial<ReportPayload> = {}): ReportPayload => ({
  categoryId: 'cat-garbage',
  description: '5号楼门口的垃圾桶已经满出来了',
  photos: [],
  location: { kind: 'text', address: '映月社区5号楼门口' },
  anonymous: false,
  ...over,
})

async function setup(options: { online?: boolean } = {}) {
  const world = memoryWorld()
  const device = await world.signedIn('u-wang', options)
  const outbox = new Outbox(device.api, device.storage, KEY, () => new Date('2026-11-21T09:00:00.000Z'))
  const count = async () => {
    const online = device.network.isOnline()
    device.network.set(true)
    const n = (await allMine(device.api)).length
    device.network.set(online)
    return n
  }
  return { world, device, outbox, count }
}

describe('Outbox', () => {
  it('keeps an offline report waiting, persisted where a new outbox over the same storage finds it', async () => {
    const { device, outbox } = await setup({ online: false })
    const key = newKey()
    outbox.add(key, payload())
    const result = await outbox.send(key)

    expect(result.status).toBe('waiting')
    expect(result.status !== 'sent' && result.error.kind).toBe('network')
    const [item] = outbox.items()
    expect(item).toMatchObject({ key, state: 'waiting', attempts: 1, createdAt: '2026-11-21T09:00:00.000Z' })
    expect(item.error).toMatchObject({ kind: 'network', message: '网络不可用，请检查网络后重试' })

    const afterRestart = new Outbox(device.api, device.storage, KEY)
    expect(afterRestart.items()).toEqual([item])
    expect(readJson(device.storage, KEY)).toEqual([item])
  })

  it('sends what waited once the network is back, and forgets it', async () => {
    const { device, outbox, count } = await setup({ online: false })
    const before = await count()
    const key = newKey()
    outbox.add(key, payload())
    await outbox.send(key)

    device.network.set(true)
    const { sent, failed, waiting } = await outbox.flush()
    expect(sent).toHaveLength(1)
    expect(sent[0].description).toBe('5号楼门口的垃圾桶已经满出来了')
    expect([failed, waiting]).toEqual([0, 0])
    expect(outbox.items()).toEqual([])
    expect(device.storage.get(KEY)).toBeNull()
    expect(await count()).toBe(before + 1)
    expect((await allMine(device.api))[0].id).toBe(sent[0].id)
  })

  it('adds an item once per key', async () => {
    const { outbox } = await setup()
    const key = newKey()
    const first = outbox.add(key, payload())
    const second = outbox.add(key, payload({ description: '另外一段不同的描述文字' }))
    expect(second).toEqual(first)
    expect(outbox.items()).toHaveLength(1)
  })

  it('makes exactly one report when the first attempt’s answer is lost', async () => {
    const { device, outbox, count } = await setup()
    const before = await count()
    loseFirstResponse(device.faults, 'reports.submit')
    const key = newKey()
    outbox.add(key, payload())

    const first = await outbox.send(key)
    expect(first.status).toBe('waiting')
    expect(outbox.items()[0].state).toBe('waiting')

    const { sent } = await outbox.flush()
    expect(sent).toHaveLength(1)
    expect(await count()).toBe(before + 1)
    expect(device.ops.filter((op) => op === 'reports.submit')).toHaveLength(2)
    expect(outbox.items()).toEqual([])
  })

  it('uploads each photo once across retries', async () => {
    const { device, outbox, count } = await setup()
    const before = await count()
    const upload = jest.spyOn(device.api.media, 'uploadPhoto')
    let submits = 0
    device.faults.before = (op) => {
      if (op === 'reports.submit' && ++submits <= 2) throw new ApiError('network')
    }
    const key = newKey()
    outbox.add(key, payload({ photos: [{ path: 'wxfile://tmp/1.jpg' }, { path: 'wxfile://tmp/2.jpg' }] }))

    expect((await outbox.send(key)).status).toBe('waiting')
    expect(Object.keys(outbox.items()[0].uploaded)).toEqual(['0', '1'])
    expect((await outbox.send(key)).status).toBe('waiting')
    const result = await outbox.send(key)

    expect(result.status).toBe('sent')
    expect(upload).toHaveBeenCalledTimes(2)
    expect(result.status === 'sent' && result.report.photos.map((p) => p.url)).toEqual(['wxfile://tmp/1.jpg', 'wxfile://tmp/2.jpg'])
    expect(await count()).toBe(before + 1)
  })

  it('after a failed upload, retries only the photos not yet uploaded', async () => {
    const { device, outbox } = await setup()
    let uploads = 0
    device.faults.before = (op) => {
      if (op === 'media.uploadPhoto' && ++uploads === 2) throw new ApiError('network')
    }
    const key = newKey()
    outbox.add(key, payload({ photos: [{ path: 'wxfile://tmp/1.jpg' }, { path: 'wxfile://tmp/2.jpg' }] }))
    expect((await outbox.send(key)).status).toBe('waiting')
    expect(Object.keys(outbox.items()[0].uploaded)).toEqual(['0'])
    expect((await outbox.send(key)).status).toBe('sent')
    expect(device.ops.filter((op) => op === 'media.uploadPhoto')).toHaveLength(3)
  })

  it('marks a report the backend refuses as failed, with the field messages, and keeps it', async () => {
    const { outbox, count } = await setup()
    const before = await count()
    const key = newKey()
    outbox.add(key, payload({ description: '垃圾' }))
    const result = await outbox.send(key)

    expect(result.status).toBe('failed')
    expect(result.status !== 'sent' && result.error.kind).toBe('validation')
    const [item] = outbox.items()
    expect(item.state).toBe('failed')
    expect(item.error?.fields).toEqual({ description: '描述至少需要5个字，请说清楚在哪里、发生了什么' })
    expect(await count()).toBe(before)

    // flush leaves a failed item alone: it needs the user.
    const flushed = await outbox.flush()
    expect(flushed).toEqual({ sent: [], failed: 0, waiting: 0 })
    expect(outbox.items()[0].attempts).toBe(1)
  })

  it('keeps a report waiting when the session has expired (a later sign-in can send it)', async () => {
    const { device, outbox } = await setup()
    await device.api.session.signOut()
    const key = newKey()
    outbox.add(key, payload())
    const result = await outbox.send(key)
    expect(result.status).toBe('waiting')
    expect(outbox.items()[0].error?.kind).toBe('unauthorized')
  })

  it('treats a non-ApiError throw as a transient server error', async () => {
    const { device, outbox } = await setup()
    device.faults.before = () => {
      throw new TypeError('boom')
    }
    const key = newKey()
    outbox.add(key, payload())
    const result = await outbox.send(key)
    expect(result.status).toBe('waiting')
    expect(result.status !== 'sent' && result.error.kind).toBe('server')
  })

  it('recovers an item left sending by a killed app as waiting', async () => {
    const { device, outbox } = await setup()
    const key = newKey()
    outbox.add(key, payload())
    const inFlight = outbox.send(key)
    // The app dies mid-request: what storage holds says "sending".
    const restarted = new Outbox(device.api, device.storage, KEY)
    expect(restarted.items()[0].state).toBe('sending')
    restarted.recover()
    expect(restarted.items()[0].state).toBe('waiting')
    expect(new Outbox(device.api, device.storage, KEY).items()[0].state).toBe('waiting')
    await inFlight
  })

  it('recover leaves waiting and failed items as they are', async () => {
    const { outbox } = await setup({ online: false })
    const a = newKey()
    outbox.add(a, payload())
    await outbox.send(a)
    const before = outbox.items()
    outbox.recover()
    expect(outbox.items()).toEqual(before)
  })

  it('flushes in order and stops at the first transient failure', async () => {
    const { device, outbox, count } = await setup({ online: false })
    const before = await count()
    const keys = [newKey(), newKey(), newKey()]
    keys.forEach((k, i) => outbox.add(k, payload({ description: `第${i + 1}个待发送的诉求内容` })))
    device.network.set(true)
    let submits = 0
    device.faults.before = (op) => {
      if (op === 'reports.submit' && ++submits === 2) throw new ApiError('server')
    }

    const result = await outbox.flush()
    expect(result.sent.map((r) => r.description)).toEqual(['第1个待发送的诉求内容'])
    expect(result.waiting).toBe(2)
    expect(submits).toBe(2)
    const items = outbox.items()
    expect(items.map((i) => [i.key, i.attempts, i.state])).toEqual([
      [keys[1], 1, 'waiting'],
      [keys[2], 0, 'waiting'],
    ])
    expect(await count()).toBe(before + 1)
  })

  it('flushes past a refused item to the ones behind it', async () => {
    const { outbox } = await setup()
    const bad = newKey()
    const good = newKey()
    outbox.add(bad, payload({ categoryId: 'cat-fire' }))
    outbox.add(good, payload())
    const result = await outbox.flush()
    expect(result.sent).toHaveLength(1)
    expect(result.failed).toBe(1)
    expect(outbox.items().map((i) => [i.key, i.state])).toEqual([[bad, 'failed']])
    expect(outbox.items()[0].error?.fields.categoryId).toContain('119')
  })

  it('refuses to send a key it does not hold', async () => {
    const { outbox } = await setup()
    await expect(outbox.send('nope-nope-nope')).rejects.toMatchObject({ kind: 'not_found' })
  })

  it('remove drops an item and clears storage when empty', async () => {
    const { device, outbox } = await setup()
    const key = newKey()
    outbox.add(key, payload())
    outbox.remove(key)
    expect(outbox.items()).toEqual([])
    expect(device.storage.get(KEY)).toBeNull()
  })
})

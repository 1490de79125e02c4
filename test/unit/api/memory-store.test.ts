/**
 * The memory Store's own promises, beyond the repository contract (test/repositories): how it
 * lives in the device's storage (one key per collection, in chunks; only touched chunks rewritten;
 * another schema ignored), across instances on one storage, and how its mutex and transactions
 * behave.
 */
import type { Report, TimelineEvent } from '../../../types/domain'
import type { Store } from '../../../src/core/ports'
import { createMemoryStore, DEFAULT_CHUNK_ROWS, MEMORY_STORE_SCHEMA } from '../../../src/api/memory/store'
import { memoryStorage, type KeyValueStorage } from '../../../src/platform/storage'
import { at, draftReport, ONE, PEOPLE, setupOne, setupTwo, submitEvent } from '../../repositories/fixture'

/** A Map-backed storage that records every write. */
function recordingStorage(initial: Record<string, string> = {}) {
  const inner = memoryStorage(initial)
  const writes: string[] = []
  const removes: string[] = []
  let failOn: ((key: string) => boolean) | null = null
  const storage: KeyValueStorage & { keys(): string[] } = {
    get: (key) => inner.get(key),
    set: (key, value) => {
      if (failOn?.(key)) throw new Error(`quota exceeded writing ${key}`)
      writes.push(key)
      inner.set(key, value)
    },
    remove: (key) => {
      removes.push(key)
      inner.remove(key)
    },
    keys: () => inner.keys(),
  }
  return {
    storage,
    writes,
    removes,
    /** Every key and value, for comparing before and after. */
    snapshot: () => Object.fromEntries(inner.keys().sort().map((k) => [k, inner.get(k)])),
    failWhen: (test: ((key: string) => boolean) | null) => {
      failOn = test
    },
  }
}

async function seeded(store: Store): Promise<void> {
  await store.directory.createCommunity(setupTwo(), '2026-01-01T00:00:00.000Z')
  await store.directory.createCommunity(setupOne(), '2026-02-01T00:00:00.000Z')
}

const bytes = (value: string) => Buffer.byteLength(value, 'utf8')

describe('the memory store in storage', () => {
  it('keeps everything across a new instance on the same storage', async () => {
    const { storage } = recordingStorage()
    const first = createMemoryStore({ storage })
    await seeded(first)
    const draft = draftReport({ id: 'r_keep' })
    await first.reports.create(draft, submitEvent(draft))
    await first.reports.addMeToo('r_keep', PEOPLE.res2.id, at(2))
    await first.sessions.insert({ tokenHash: 'h', userId: PEOPLE.res1.id, createdAt: at(0), expiresAt: at(10) })
    const seq = await first.messages.insert({
      id: 'm_1',
      threadId: 'report:r_keep',
      reportId: 'r_keep',
      communityId: ONE,
      authorId: PEOPLE.res1.id,
      authorName: PEOPLE.res1.name,
      authorRole: 'resident',
      body: '还在吗',
      at: at(3),
    })

    const second = createMemoryStore({ storage })
    expect(await second.reports.find('r_keep')).toEqual(await first.reports.find('r_keep'))
    expect((await second.reports.find('r_keep'))?.meTooCount).toBe(1)
    expect(await second.reports.listEvents('r_keep')).toEqual([submitEvent(draft)])
    expect(await second.sessions.find('h', at(5))).not.toBeNull()
    expect(await second.directory.listBuildings(ONE)).toEqual(setupOne().buildings)
    expect(await second.users.listDemoAccounts()).toEqual(await first.users.listDemoAccounts())
    // The message counter and the report counter go on where they were.
    expect(
      await second.messages.insert({
        id: 'm_2',
        threadId: 'report:r_keep',
        reportId: 'r_keep',
        communityId: ONE,
        authorId: PEOPLE.staff.id,
        authorName: PEOPLE.staff.name,
        authorRole: 'staff',
        body: '在',
        at: at(4),
      }),
    ).toBe(seq + 1)
    const next = draftReport({ id: 'r_next' })
    expect((await second.reports.create(next, submitEvent(next))).number).toBe('ON-20261120-0002')
  })

  it('keeps one key per collection, in chunks, and a small meta key', async () => {
    const { storage } = recordingStorage()
    const store = createMemoryStore({ storage })
    await seeded(store)
    const keys = storage.keys().sort()
    expect(keys).toEqual(
      expect.arrayContaining(['linli.mem.meta', 'linli.mem.stamp', 'linli.mem.communities.0', 'linli.mem.users.0', 'linli.mem.buildings.0', 'linli.mem.categories.0']),
    )
    expect(keys.every((k) => /^linli\.mem\.(meta|stamp|[a-zA-Z]+\.\d+)$/.test(k))).toBe(true)
    const meta = JSON.parse(storage.get('linli.mem.meta')!)
    expect(meta.schema).toBe(MEMORY_STORE_SCHEMA)
    expect(Object.keys(meta.chunks).sort()).toEqual(['buildings', 'categories', 'communities', 'departments', 'grids', 'replyTemplates', 'streets', 'users'])
    expect(meta.chunks.users).toHaveLength(1)
  })

  it('a custom prefix keeps two stores apart on one storage', async () => {
    const { storage } = recordingStorage()
    await seeded(createMemoryStore({ storage, prefix: 'test.a' }))
    const b = createMemoryStore({ storage, prefix: 'test.b' })
    expect(await b.directory.findCommunity(ONE)).toBeNull()
    expect(storage.keys().every((k) => k.startsWith('test.a.'))).toBe(true)
  })

  it('shards 5,000 reports so that no key comes near the 1 MB limit, and rewrites only the chunks a change touches', async () => {
    const recorded = recordingStorage()
    const { storage, writes } = recorded
    const store = createMemoryStore({ storage })
    await seeded(store)
    const N = 5_000
    const BATCH = 500
    const text = '小区东门外的路灯已经坏了一个多星期，晚上出入很不方便，老人孩子容易摔倒，希望尽快修理。'
    for (let start = 0; start < N; start += BATCH) {
      await store.transaction(async (tx) => {
        for (let i = start; i < Math.min(N, start + BATCH); i++) {
          const createdAt = new Date(Date.parse('2026-01-01T00:00:00.000Z') + i * 600_000).toISOString()
          const draft: Report = draftReport({
            id: `r_${String(i).padStart(6, '0')}${Math.random().toString(36).slice(2, 12)}`,
            createdAt,
            updatedAt: createdAt,
            description: `${text.slice(0, 20 + (i % 30))} #${i}`,
            location: { kind: 'point', latitude: 31.59 + i / 1e5, longitude: 120.36, name: '映月社区东门', address: '无锡市锡山区东亭街道映月路88号' },
            photos: i % 3 === 0 ? [{ id: `p_${i}aaaaaaaaaaaaaaaaaaaaaa`, url: '' }] : [],
            reporterId: PEOPLE.res1.id,
          })
          await tx.reports.create(draft, submitEvent(draft, `e_${draft.id}_0`))
          const step: TimelineEvent = {
            ...submitEvent(draft, `e_${draft.id}_1`),
            action: 'accept',
            fromStatus: 'submitted',
            toStatus: 'accepted',
            actorId: PEOPLE.grid1.id,
            actorName: PEOPLE.grid1.name,
            actorRole: 'grid_worker',
            note: '已受理，网格员将在24小时内上门查看',
          }
          await tx.reports.addEvent(step)
          await tx.reports.claimIdempotencyKey({ userId: PEOPLE.res1.id, key: `key-${draft.id}`, fingerprint: 'f'.repeat(64), reportId: draft.id, at: createdAt })
        }
      })
    }
    const sizes = storage.keys().map((key) => ({ key, bytes: bytes(storage.get(key)!) }))
    const largest = sizes.reduce((a, b) => (b.bytes > a.bytes ? b : a))
    const total = sizes.reduce((sum, s) => sum + s.bytes, 0)
    const byCollection = new Map<string, number>()
    for (const s of sizes) byCollection.set(s.key.split('.')[2], (byCollection.get(s.key.split('.')[2]) ?? 0) + s.bytes)
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`
    console.log(
      `memory store, ${N} reports (+${2 * N} events, ${N} idempotency keys): ${sizes.length} keys, ` +
        `largest ${largest.key} = ${(largest.bytes / 1024).toFixed(1)} KB, total ${mb(total)} ` +
        `(reports ${mb(byCollection.get('reports')!)}, events ${mb(byCollection.get('events')!)}, idempotency ${mb(byCollection.get('idempotency')!)}), ` +
        `meta ${(bytes(storage.get('linli.mem.meta')!) / 1024).toFixed(1)} KB`,
    )
    expect(largest.bytes).toBeLessThan(512 * 1024)
    expect(sizes.filter((s) => s.key.startsWith('linli.mem.reports.'))).toHaveLength(N / DEFAULT_CHUNK_ROWS)

    // One move: one reports chunk, the meta and the stamp.
    const [latest] = await store.reports.listOpen({ communityId: ONE }, null, 1)
    writes.length = 0
    expect(await store.reports.update({ ...latest, status: 'accepted', version: 2 }, 1)).toBe(true)
    expect(writes).toEqual([`linli.mem.reports.${N / DEFAULT_CHUNK_ROWS - 1}`, 'linli.mem.meta', 'linli.mem.stamp'])
    // A read writes nothing.
    writes.length = 0
    await store.reports.listMine({ userId: PEOPLE.res1.id, communityId: ONE }, null, 20)
    expect(writes).toEqual([])

    // And a new instance reads it all back.
    const again = createMemoryStore({ storage })
    expect(await again.reports.find(latest.id)).toMatchObject({ status: 'accepted', version: 2 })
    expect((await again.reports.listMine({ userId: PEOPLE.res1.id, communityId: ONE }, null, 50)).length).toBe(50)
  }, 60_000)

  it('ignores (and removes) state of another schema: the old single document among it', async () => {
    const { storage, removes } = recordingStorage({
      'linli.mem.state': JSON.stringify({ schema: 2, reports: [] }),
      'linli.mem.photo.p_1': 'data:image/png;base64,AAAA',
    })
    const store = createMemoryStore({ storage })
    expect(await store.directory.findCommunity(ONE)).toBeNull()
    expect(storage.get('linli.mem.state')).toBeNull()
    expect(removes).toContain('linli.mem.state')
    // Not the store's: photo bytes stay.
    expect(storage.get('linli.mem.photo.p_1')).not.toBeNull()
    await seeded(store)
    expect((await createMemoryStore({ storage }).directory.findCommunity('c-two'))?.id).toBe('c-two')
  })

  it('ignores a meta key of another version and the chunks it names', async () => {
    const { storage } = recordingStorage({
      'linli.mem.meta': JSON.stringify({ schema: MEMORY_STORE_SCHEMA + 1, chunks: { reports: ['x', 'y'] } }),
      'linli.mem.reports.0': '[{"id":"r_future"}]',
      'linli.mem.reports.1': '[]',
      'linli.mem.stamp': 'x',
    })
    const store = createMemoryStore({ storage })
    expect(await store.reports.find('r_future')).toBeNull()
    expect(storage.keys()).toEqual([])
  })

  it('survives a torn chunk (as an empty one)', async () => {
    const { storage } = recordingStorage()
    await seeded(createMemoryStore({ storage }))
    storage.set('linli.mem.grids.0', '[{"id":"g-1", "commu')
    const store = createMemoryStore({ storage })
    expect(await store.directory.listGrids(ONE)).toEqual([])
    expect(await store.directory.listBuildings(ONE)).toEqual(setupOne().buildings)
  })
})

describe('the memory store across instances on one storage', () => {
  it('each instance sees what the other committed, at its next call', async () => {
    const { storage } = recordingStorage()
    const a = createMemoryStore({ storage })
    const b = createMemoryStore({ storage })
    await seeded(a)
    expect(await b.directory.findCommunity(ONE)).toEqual(setupOne().community)
    const draft = draftReport({ id: 'r_ab' })
    await b.reports.create(draft, submitEvent(draft))
    expect((await a.reports.find('r_ab'))?.number).toBe('ON-20261120-0001')
    await a.reports.addMeToo('r_ab', PEOPLE.res2.id, at(2))
    await b.reports.addMeToo('r_ab', PEOPLE.leader.id, at(3))
    expect((await a.reports.find('r_ab'))?.meTooCount).toBe(2)
    // The counters too: b numbers the next report after a's.
    const second = draftReport({ id: 'r_ab2' })
    await a.reports.create(second, submitEvent(second))
    const third = draftReport({ id: 'r_ab3' })
    expect((await b.reports.create(third, submitEvent(third))).number).toBe('ON-20261120-0003')
  })

  it('reload() reads everything again', async () => {
    const { storage } = recordingStorage()
    const a = createMemoryStore({ storage })
    await seeded(a)
    storage.remove('linli.mem.grids.0')
    a.reload()
    expect(await a.directory.listGrids(ONE)).toEqual([])
  })
})

describe('the memory store’s transactions', () => {
  it('a transaction that throws leaves nothing behind, in memory and in storage', async () => {
    const recorded = recordingStorage()
    const store = createMemoryStore({ storage: recorded.storage })
    await seeded(store)
    const base = draftReport({ id: 'r_base' })
    await store.reports.create(base, submitEvent(base))
    const before = recorded.snapshot()
    recorded.writes.length = 0
    await expect(
      store.transaction(async (tx) => {
        const draft = draftReport({ id: 'r_gone' })
        await tx.reports.create(draft, submitEvent(draft))
        await tx.reports.addMeToo('r_base', PEOPLE.res2.id, at(2))
        await tx.sessions.insert({ tokenHash: 'h', userId: PEOPLE.res1.id, createdAt: at(0), expiresAt: at(10) })
        // Seen inside the transaction…
        expect(await tx.reports.find('r_gone')).not.toBeNull()
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    // …and gone after it: nothing written, nothing kept.
    expect(recorded.writes).toEqual([])
    expect(recorded.snapshot()).toEqual(before)
    expect(await store.reports.find('r_gone')).toBeNull()
    expect((await store.reports.find('r_base'))?.meTooCount).toBe(0)
    expect(await store.sessions.find('h', at(5))).toBeNull()
    expect(await createMemoryStore({ storage: recorded.storage }).reports.find('r_gone')).toBeNull()
    const next = draftReport({ id: 'r_next' })
    expect((await store.reports.create(next, submitEvent(next))).number).toBe('ON-20261120-0002')
  })

  it('a commit that storage refuses fails the transaction and leaves the earlier state', async () => {
    const recorded = recordingStorage()
    const store = createMemoryStore({ storage: recorded.storage })
    await seeded(store)
    const before = recorded.snapshot()
    // The reports chunk goes in, then the events chunk is refused (storage full).
    recorded.failWhen((key) => key.startsWith('linli.mem.events.'))
    const draft = draftReport({ id: 'r_full' })
    await expect(store.reports.create(draft, submitEvent(draft))).rejects.toThrow('quota exceeded')
    recorded.failWhen(null)
    expect(recorded.snapshot()).toEqual(before)
    expect(await store.reports.find('r_full')).toBeNull()
    expect(await createMemoryStore({ storage: recorded.storage }).reports.find('r_full')).toBeNull()
    expect((await store.reports.create(draft, submitEvent(draft))).number).toBe('ON-20261120-0001')
  })

  it('hands out copies, also of what was handed in', async () => {
    const store = createMemoryStore({ storage: memoryStorage() })
    await seeded(store)
    const draft = draftReport({ id: 'r_copy', photos: [{ id: 'p_1', url: 'file://x', bytes: 3 }] })
    const created = await store.reports.create(draft, submitEvent(draft))
    draft.description = 'changed by the caller'
    draft.photos.push({ id: 'p_2', url: '' })
    created.status = 'closed'
    const found = (await store.reports.find('r_copy'))!
    expect(found).toMatchObject({ description: '诉求 r_copy', status: 'submitted', photos: [{ id: 'p_1', url: '' }] })
    found.photos[0].id = 'p_evil'
    expect((await store.reports.find('r_copy'))!.photos[0].id).toBe('p_1')
    const [summary] = await store.reports.listMine({ userId: PEOPLE.res1.id, communityId: ONE }, null, 1)
    summary.meTooCount = 99
    expect((await store.reports.listMine({ userId: PEOPLE.res1.id, communityId: ONE }, null, 1))[0].meTooCount).toBe(0)
  })

  it('serialises transactions: two read-then-write transactions on one counter both land', async () => {
    const store = createMemoryStore({ storage: memoryStorage() })
    await seeded(store)
    const draft = draftReport({ id: 'r_counter' })
    await store.reports.create(draft, submitEvent(draft))
    const order: string[] = []
    const bump = (name: string) =>
      store.transaction(async (tx) => {
        order.push(`${name} reads`)
        const r = (await tx.reports.findForUpdate('r_counter'))!
        await new Promise((resolve) => setTimeout(resolve, 20))
        order.push(`${name} writes`)
        return tx.reports.update({ ...r, reopenCount: r.reopenCount + 1, version: r.version + 1 }, r.version)
      })
    expect(await Promise.all([bump('a'), bump('b')])).toEqual([true, true])
    expect(await store.reports.find('r_counter')).toMatchObject({ reopenCount: 2, version: 3 })
    expect(order).toEqual(['a reads', 'a writes', 'b reads', 'b writes'])
  })

  it('an outer call inside `work` waits for the transaction (the single-connection rule), and runs after it', async () => {
    const store = createMemoryStore({ storage: memoryStorage() })
    await seeded(store)
    let outer: Promise<unknown> | null = null
    let settled = false
    await store.transaction(async (tx) => {
      await tx.directory.findCommunity(ONE)
      outer = store.directory.findCommunity(ONE).then(() => (settled = true))
      await new Promise((resolve) => setTimeout(resolve, 50))
      // Awaiting `outer` here would wait forever.
      expect(settled).toBe(false)
    })
    await outer
    expect(settled).toBe(true)
  })

  it('a transaction’s repositories stop working when it ends', async () => {
    const store = createMemoryStore({ storage: memoryStorage() })
    await seeded(store)
    let escaped: Store['reports'] | null = null
    await store.transaction(async (tx) => {
      escaped = tx.reports
    })
    await expect(escaped!.find('r_x')).rejects.toThrow('ended')
  })

  it('a failed call on the outer repositories leaves the store working', async () => {
    const store = createMemoryStore({ storage: memoryStorage() })
    await seeded(store)
    const draft = draftReport({ id: 'r_twice' })
    await store.reports.create(draft, submitEvent(draft))
    await expect(store.reports.create(draft, submitEvent(draft, 'e_other'))).rejects.toThrow('duplicate')
    expect(await store.reports.listEvents('r_twice')).toEqual([submitEvent(draft)])
    const next = draftReport({ id: 'r_after' })
    expect((await store.reports.create(next, submitEvent(next))).number).toBe('ON-20261120-0002')
  })
})

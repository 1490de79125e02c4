import type { ApiClient } from '../../../src/api/client'
import { ApiError } from '../../../src/api/errors'
import { MemoryBackend } from '../../../src/api/memory/backend'
import { createMemoryClient, type MemoryClientOptions } from '../../../src/api/memory/client'
import { fakeNetwork } from '../../../src/platform/network'
import { memoryStorage } from '../../../src/platform/storage'

export const START = Date.parse('2026-11-21T08:00:00.000Z')

/** A clock that moves one second per reading, so every record gets its own instant. */
export function tickingClock(start = START) {
  let t = start
  const now = () => new Date((t += 1000))
  return { now, advanceHours: (h: number) => void (t += h * 3_600_000), peek: () => new Date(t) }
}

export type Faults = NonNullable<MemoryClientOptions['faults']>

/**
 * A memory client whose every request is listed in `ops` (in order) and passes through `faults`,
 * which a test fills in to fail a request before or after the backend acts.
 */
export function recordingClient(options: Pick<MemoryClientOptions, 'backend' | 'storage' | 'network'>) {
  const faults: Faults = {}
  const ops: string[] = []
  const api: ApiClient = createMemoryClient({
    ...options,
    faults: {
      before: (op) => {
        ops.push(op)
        faults.before?.(op)
      },
      after: (op) => faults.after?.(op),
    },
  })
  return { api, faults, ops }
}

/**
 * One "server" (a storage the backend keeps its state in) and any number of devices, each with its
 * own token storage, network switch and fault hooks.
 */
export function memoryWorld() {
  const serverStorage = memoryStorage()
  const clock = tickingClock()
  const backend = new MemoryBackend({ storage: serverStorage, now: clock.now })

  function device(options: { online?: boolean } = {}) {
    const storage = memoryStorage()
    const network = fakeNetwork(options.online ?? true)
    const { api, faults, ops } = recordingClient({ backend, storage, network })
    return { api, storage, network, faults, ops }
  }

  async function signedIn(userId: string, options: { online?: boolean } = {}) {
    const d = device()
    await d.api.session.signInDemo(userId)
    if (options.online === false) d.network.set(false)
    return d
  }

  return { serverStorage, clock, backend, device, signedIn }
}

/** The ApiError a promise rejects with (fails the test if it resolves or throws something else). */
export async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ApiError) return error
    throw new Error(`expected an ApiError, got ${String(error)}`)
  }
  throw new Error('expected the call to fail with an ApiError, but it succeeded')
}

/** Fail exactly the first call of `op` after the backend acted: a response lost on the way back. */
export function loseFirstResponse(faults: Faults, op: string) {
  let lost = false
  faults.after = (name) => {
    if (name === op && !lost) {
      lost = true
      throw new ApiError('network')
    }
  }
}

/** Every report of the signed-in user, across pages. */
export async function allMine(api: ApiClient) {
  const out = []
  let cursor: string | undefined
  do {
    const page = await api.reports.listMine({ cursor, limit: 50 })
    out.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return out
}

export async function mineByCategory(api: ApiClient, categoryId: string) {
  const found = (await allMine(api)).find((r) => r.categoryId === categoryId)
  if (!found) throw new Error(`no report of ${categoryId}`)
  return found
}

export const validReport = (over: Record<string, unknown> = {}) => ({
  categoryId: 'cat-light',
  description: '2号楼北侧路灯不亮了，晚上很黑',
  photoIds: [] as string[],
  location: { kind: 'text' as const, address: '映月社区2号楼北侧' },
  anonymous: false,
  ...over,
})

let keySeq = 0
export const newKey = () => `test-key-${Date.now().toString(36)}-${++keySeq}`

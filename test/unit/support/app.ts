import { when } from 'mobx'
import { MemoryBackend } from '../../../src/api/memory/backend'
import { fakeNetwork } from '../../../src/platform/network'
import { memoryStorage, type KeyValueStorage } from '../../../src/platform/storage'
import { RootStore } from '../../../src/stores/root-store'
import { recordingClient, tickingClock } from './memory-world'

const live: RootStore[] = []

/** Dispose every root store a test built, so no retry timer or subscription outlives it. */
export function disposeApps(): void {
  while (live.length) live.pop()!.dispose()
}

/**
 * The app as bootstrap builds it, minus the UI: one device storage shared by the memory backend,
 * the client's token and the stores. Pass the storage of a previous app to simulate a restart.
 */
export function buildApp(options: { storage?: KeyValueStorage & { keys(): string[] }; online?: boolean; clock?: ReturnType<typeof tickingClock> } = {}) {
  const storage = options.storage ?? memoryStorage()
  const network = fakeNetwork(options.online ?? true)
  const clock = options.clock ?? tickingClock()
  const backend = new MemoryBackend({ storage, now: clock.now })
  const { api, faults, ops } = recordingClient({ backend, storage, network })
  const root = new RootStore({ api, storage, network })
  live.push(root)
  return { root, api, storage, network, backend, faults, ops, clock }
}

export async function signedInApp(userId = 'u-wang', options: Parameters<typeof buildApp>[0] = {}) {
  const app = buildApp(options)
  await app.root.start()
  const ok = await app.root.session.signInDemo(userId)
  if (!ok) throw new Error(`sign-in as ${userId} failed: ${app.root.session.error}`)
  // Whatever sign-in starts (directory, outbox flush, list loads) has finished before the test acts.
  await when(() => app.root.directory.directory !== null && !app.root.outbox.flushing && !app.root.myReports.loading, {
    timeout: 2000,
  })
  return app
}

/** Let pending promise callbacks run. */
export const settle = () => new Promise((resolve) => setImmediate(resolve))

export { when }

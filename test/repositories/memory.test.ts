/** The repository contract on the memory store: as the app runs it, and with tiny chunks (every collection spread over many keys). */
import { createMemoryStore } from '../../src/api/memory/store'
import { memoryStorage } from '../../src/platform/storage'
import { defineBookingSuite } from './booking-suite'
import { defineConsultationSuite } from './consultation-suite'
import { defineModerationSuite } from './moderation-suite'
import { defineRepositorySuite } from './suite'
import { defineUsageSuite } from './usage-suite'

defineRepositorySuite('memory store', async () => ({ store: createMemoryStore({ storage: memoryStorage() }), teardown: async () => undefined }))

defineRepositorySuite('memory store, 3 rows per key', async () => ({
  store: createMemoryStore({ storage: memoryStorage(), chunkRows: 3 }),
  teardown: async () => undefined,
}))

defineConsultationSuite('memory store', async () => ({ store: createMemoryStore({ storage: memoryStorage() }), teardown: async () => undefined }))

defineConsultationSuite('memory store, 3 rows per key', async () => ({
  store: createMemoryStore({ storage: memoryStorage(), chunkRows: 3 }),
  teardown: async () => undefined,
}))

defineBookingSuite('memory store', async () => ({ store: createMemoryStore({ storage: memoryStorage() }), teardown: async () => undefined }))

defineBookingSuite('memory store, 3 rows per key', async () => ({
  store: createMemoryStore({ storage: memoryStorage(), chunkRows: 3 }),
  teardown: async () => undefined,
}))

defineModerationSuite('memory store', async () => ({ store: createMemoryStore({ storage: memoryStorage() }), teardown: async () => undefined }))

defineModerationSuite('memory store, 3 rows per key', async () => ({
  store: createMemoryStore({ storage: memoryStorage(), chunkRows: 3 }),
  teardown: async () => undefined,
}))
defineUsageSuite('memory store', async () => ({ store: createMemoryStore({ storage: memoryStorage() }), teardown: async () => undefined }))

/**
 * The contract suite against the memory adapter: one MemoryBackend over one storage (the "server"),
 * and each client with its own token storage (another phone).
 */
import { MemoryBackend } from '../../src/api/memory/backend'
import { createMemoryClient } from '../../src/api/memory/client'
import { memoryStorage } from '../../src/platform/storage'
import { defineBookingSuite } from './booking-suite'
import { defineConsultationSuite } from './consultation-suite'
import { defineMaskingSuite } from './masking-suite'
import { defineModerationSuite } from './moderation-suite'
import { keywordCheck } from '../support/keyword-check'
import { CONTRACT_COMMUNITIES } from './support/fixtures'
import { defineContractSuite, type ContractBackend } from './suite'
import { defineReportSuite } from './report-suite'
import { linliReportBackend } from './support/linli-report-backend'

// The platform modules import Taro; nothing here calls it (storage and network are fakes).
jest.mock('@tarojs/taro', () => require('../support/taro-node'))

async function memoryBackend(): Promise<ContractBackend> {
  // The tests' content check (issue 13), as the reference server of http-pglite.test.ts has it.
  const backend = new MemoryBackend({ storage: memoryStorage(), contentCheck: keywordCheck() })
  await backend.ready
  for (const setup of CONTRACT_COMMUNITIES) await backend.store.directory.createCommunity(setup, new Date().toISOString())
  return {
    client: () => createMemoryClient({ backend, storage: memoryStorage() }),
    teardown: async () => undefined,
  }
}

defineContractSuite('memory adapter', memoryBackend)
// Conventions and consultation, on a backend of their own (their counts are the demo's households).
defineConsultationSuite('memory adapter', memoryBackend)
// Service booking, on a backend of its own.
defineBookingSuite('memory adapter', memoryBackend)
// Content security: the moderation queue and the audit log, on a backend of its own.
defineModerationSuite('memory adapter', memoryBackend)
// Masking: what one resident receives about the others, on a backend of its own.
defineMaskingSuite('memory adapter', memoryBackend)
// The report part, as every backend a report can go to answers it (Open311 ones too: open311.test.ts).
defineReportSuite('memory adapter', async () => linliReportBackend(await memoryBackend()))

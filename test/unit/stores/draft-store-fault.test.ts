import { MemoryBackend } from '../../../src/api/memory/backend'
import { createMemoryClient } from '../../../src/api/memory/client'
import { DEMO_CATEGORIES } from '../../../src/domain/demo-community'
import { fakeNetwork } from '../../../src/platform/network'
import { memoryStorage } from '../../../src/platform/storage'
import { DraftStore } from '../../../src/stores/draft-store'
import { OutboxStore } from '../../../src/stores/outbox-store'
import { failOnChangesOutsideActions } from './support/strict-actions'

failOnChangesOutsideActions()

describe('a submit that faults instead of being refused', () => {
  it('keeps the draft and frees the submit button', async () => {
    const storage = memoryStorage()
    const network = fakeNetwork(true)
    const api = createMemoryClient({ backend: new MemoryBackend({ storage }), storage, network })
    // The outbox was never opened (nobody signed in): sending throws a plain Error.
    const outbox = new OutboxStore(api, storage, network, () => undefined)
    const draft = new DraftStore(storage, () => DEMO_CATEGORIES, outbox, () => undefined)
    draft.chooseCategory('cat-light')
    draft.setDescription('路灯坏了一个星期了')
    draft.setAddress('3号楼东侧')

    const outcome = await draft.submit()

    expect(outcome.status).toBe('failed')
    expect(draft.submitting).toBe(false)
    expect(draft.draft.description).toBe('路灯坏了一个星期了')
    outbox.dispose()
  })
})

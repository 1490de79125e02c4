import { TOKEN_KEY } from '../../../src/api/http/auth'
import { HTTP_CAPABILITIES } from '../../../src/api/http/identity'
import { createLazyHttpClient } from '../../../src/api/http/lazy'
import type { Transport, TransportRequest } from '../../../src/api/http/transport'
import { memoryStorage } from '../../../src/platform/storage'

/** A transport that records what was sent and answers the session request. */
function recording() {
  const requests: TransportRequest[] = []
  const transport: Transport = {
    request: async (options) => {
      requests.push(options)
      return {
        status: 200,
        headers: {},
        data: { token: 'tok-1', user: { id: 'u-wang', name: '王秀兰', phoneMasked: '138****0001', roles: ['resident'], communityId: 'c-yingyue', gridIds: [], leadsBuildingIds: [] }, expiresAt: '2099-01-01T00:00:00.000Z' },
      }
    },
    upload: async () => ({ status: 200, data: null }),
    download: async () => ({ status: 200, headers: {}, data: null }),
  }
  return { transport, requests }
}

describe('the HTTP adapter loaded on its first call (H5, ADR 40)', () => {
  it('knows its mode and capabilities, and answers no session on a device without a token without a request', async () => {
    const { transport, requests } = recording()
    const api = createLazyHttpClient({ baseUrl: 'https://linli.test', storage: memoryStorage(), transport, retries: 0 })
    expect(api.mode).toBe('http')
    expect(api.capabilities).toEqual(HTTP_CAPABILITIES)
    await expect(api.session.current()).resolves.toBeNull()
    expect(requests).toEqual([])
  })

  it('asks the server about a stored token through the loaded adapter', async () => {
    const { transport, requests } = recording()
    const storage = memoryStorage()
    storage.set(TOKEN_KEY, 'tok-1')
    const api = createLazyHttpClient({ baseUrl: 'https://linli.test', storage, transport, retries: 0 })
    const session = await api.session.current()
    expect(session?.user.id).toBe('u-wang')
    expect(requests).toHaveLength(1)
    expect(requests[0].url).toBe('https://linli.test/api/v1/session')
  })
})

import { ApiError } from '../../../src/api/errors'
import { TOKEN_KEY } from '../../../src/api/http/auth'
import { createHttpClient } from '../../../src/api/http/client'
import type { Transport, TransportRequest } from '../../../src/api/http/transport'
import { memoryStorage } from '../../../src/platform/storage'

/**
 * The HTTP adapter's issue-10 groups: what each call sends (method, path, query, body in the
 * contract's fields only), which calls are tried again after a transient failure, and the device's
 * session after the account is deleted. What the server answers is the contract suite's business.
 */

type Answer = { status: number; data?: unknown }

function setup() {
  const script: Answer[] = []
  const requests: TransportRequest[] = []
  const transport: Transport = {
    request: async (options) => {
      requests.push(options)
      const next = script.shift()
      if (!next) throw new Error('the test did not script this request')
      return { status: next.status, headers: {}, data: next.data ?? null }
    },
    upload: async () => {
      throw new Error('no uploads here')
    },
  }
  const storage = memoryStorage()
  const api = createHttpClient({ baseUrl: 'https://linli.test', storage, transport, sleep: async () => undefined, random: () => 0.5 })
  storage.set(TOKEN_KEY, 'tok-1')
  const reply = (...answers: Answer[]) => void script.push(...answers)
  return { api, requests, reply, storage }
}

const ROOT = 'https://linli.test/api/v1'
const user = { id: 'u-x', name: '新用户', phoneMasked: '', roles: ['resident'], communityId: 'c-yingyue', gridIds: [], leadsBuildingIds: [] }
const claim = { id: 'hc_1', communityId: 'c-yingyue', userId: 'u-x', buildingId: 'b-2', buildingName: '2号楼', room: '101', name: '王五', phoneMasked: '139****5678', status: 'pending', createdAt: '2026-12-01T00:00:00.000Z' }
const household = { communityId: 'c-yingyue', buildingId: 'b-2', buildingName: '2号楼', room: '101', members: [] }
const profile = { user, claims: [] }

describe('the HTTP adapter: issue-10 requests', () => {
  it('searches with q, leaving an empty search out of the URL, and looks a code up in the path', async () => {
    const { api, requests, reply } = setup()
    reply({ status: 200, data: [] }, { status: 200, data: [] }, { status: 200, data: { id: 'c-1', name: '映月社区' } })
    await api.communities.search('东亭 映月')
    await api.communities.search('')
    await api.communities.byCode('lh 20/26')
    expect(requests.map((r) => [r.method, r.url])).toEqual([
      ['GET', `${ROOT}/communities?q=${encodeURIComponent('东亭 映月')}`],
      ['GET', `${ROOT}/communities`],
      ['GET', `${ROOT}/communities/by-code/lh%2020%2F26`],
    ])
    expect(requests[0].headers.authorization).toBe('Bearer tok-1')
  })

  it('sends each body in the contract’s fields only', async () => {
    const { api, requests, reply } = setup()
    reply(
      { status: 200, data: user },
      { status: 201, data: claim },
      { status: 200, data: { items: [claim] } },
      { status: 200, data: claim },
      { status: 200, data: null },
      { status: 200, data: household },
      { status: 200, data: profile },
    )
    await api.communities.join('c-yingyue')
    const extra = { buildingId: 'b-2', room: '101', name: '王五', phone: '13912345678', note: 'not in the contract' }
    await api.households.claim(extra)
    await api.households.listClaims({ status: 'approved', limit: 10 })
    await api.households.reject('hc_1', '房号不符')
    expect(await api.households.removeMember('u-y', '已搬走')).toBeNull()
    await api.households.setRepresentative('u-y')
    await api.profile.update({ name: '王五', phone: undefined })
    expect(requests.map((r) => [r.method, r.url, r.data])).toEqual([
      ['POST', `${ROOT}/me/community`, { communityId: 'c-yingyue' }],
      ['POST', `${ROOT}/household-claims`, { buildingId: 'b-2', room: '101', name: '王五', phone: '13912345678' }],
      ['GET', `${ROOT}/household-claims?limit=10&status=approved`, undefined],
      ['POST', `${ROOT}/household-claims/hc_1/reject`, { reason: '房号不符' }],
      ['POST', `${ROOT}/households/members/u-y/remove`, { reason: '已搬走' }],
      ['PUT', `${ROOT}/households/representative`, { userId: 'u-y' }],
      // wx.request has no PATCH: the change goes as the server's POST twin.
      ['POST', `${ROOT}/profile`, { name: '王五' }],
    ])
  })

  it('sends an invite and a structure without stray fields', async () => {
    const { api, requests, reply } = setup()
    reply({ status: 201, data: { id: 'inv_1', code: 'ABCDEFGH', status: 'open' } }, { status: 200, data: { grids: {}, buildings: {} } })
    await api.invites.create({ role: 'grid_worker', gridIds: ['g-1'], buildingIds: [], note: '', expiresInHours: 24, ...({ by: 'me' } as object) })
    await api.admin.saveStructure({
      community: { name: '映月社区', kind: 'community', street: '东亭街道', district: '无锡市锡山区', reportPrefix: 'YY' },
      grids: [{ key: 'g-1', name: '第一网格', ...({ colour: 'red' } as object) }],
      buildings: [{ name: '1号楼', grid: '第一网格', rooms: ['101'], row: 2 }],
      departments: [],
      categories: [{ name: '路灯故障', deadlineHours: 48, guidance: '', emergencyPhone: undefined }],
      replyTemplates: [],
    })
    expect(requests[0].data).toEqual({ role: 'grid_worker', gridIds: ['g-1'], buildingIds: [], note: '', expiresInHours: 24 })
    expect(requests[1]).toMatchObject({ method: 'PUT', url: `${ROOT}/admin/structure` })
    expect(requests[1].data).toEqual({
      community: { name: '映月社区', kind: 'community', street: '东亭街道', district: '无锡市锡山区', reportPrefix: 'YY' },
      grids: [{ key: 'g-1', name: '第一网格' }],
      buildings: [{ name: '1号楼', grid: '第一网格', rooms: ['101'], row: 2 }],
      departments: [],
      categories: [{ name: '路灯故障', deadlineHours: 48, guidance: '' }],
      replyTemplates: [],
    })
  })

  it('tries a replacement again after a server error, never a decision or a use of a code', async () => {
    const { api, requests, reply } = setup()
    reply({ status: 503 }, { status: 200, data: household })
    await api.households.setRepresentative('u-y')
    expect(requests).toHaveLength(2)

    reply({ status: 503 })
    expect(await api.households.approve('hc_1').catch((e: ApiError) => e.kind)).toBe('server')
    reply({ status: 503 })
    expect(await api.invites.redeem('ABCDEFGH').catch((e: ApiError) => e.kind)).toBe('server')
    expect(requests).toHaveLength(4)
  })

  it('forgets the session on the device once the account is deleted, and keeps it when deletion fails', async () => {
    const { api, requests, reply, storage } = setup()
    reply({ status: 500, data: { error: { kind: 'server', message: '服务暂时不可用' } } })
    expect(await api.profile.deleteAccount().catch((e: ApiError) => e.kind)).toBe('server')
    expect(storage.get(TOKEN_KEY)).toBe('tok-1')
    reply({ status: 204 })
    await api.profile.deleteAccount()
    expect(requests.map((r) => [r.method, r.url])).toEqual([
      ['DELETE', `${ROOT}/profile`],
      ['DELETE', `${ROOT}/profile`],
    ])
    expect(storage.get(TOKEN_KEY)).toBeNull()
  })

  it('passes the street officer’s community to the dashboard', async () => {
    const { api, requests, reply } = setup()
    const stats = { byStatus: {}, daily: [], received: 0 }
    reply({ status: 200, data: stats }, { status: 200, data: stats })
    await api.dashboard.get({ from: 'a', to: 'b' }, 'c-chunhui')
    await api.dashboard.get({ from: 'a', to: 'b' })
    expect(requests.map((r) => r.url)).toEqual([`${ROOT}/dashboard?from=a&to=b&communityId=c-chunhui`, `${ROOT}/dashboard?from=a&to=b`])
  })

  it('declares the membership capability', () => {
    expect(setup().api.capabilities.membership).toBe(true)
  })
})

import { actorOf } from '../../../src/domain/actor'
import { ApiError } from '../../../src/api/errors'
import { disposeApps, signedInApp } from '../support/app'
import { failOnChangesOutsideActions } from './support/strict-actions'

failOnChangesOutsideActions()
afterEach(disposeApps)

async function staffApp(userId = 'u-zhang') {
  const app = await signedInApp(userId)
  const actor = actorOf(app.root.session.user!)
  const place = { grids: app.root.directory.directory!.grids, buildings: app.root.directory.directory!.buildings }
  return { ...app, actor, place }
}

describe('InvitesStore', () => {
  it('starts on a role the person may give, and checks the draft with the rules before sending', async () => {
    const { root, actor, place, ops } = await staffApp()
    root.invites.start(actor)
    expect(root.invites.roles(actor)).toEqual(['grid_worker', 'building_leader'])
    expect(root.invites.draft.role).toBe('grid_worker')
    expect(root.invites.refusal(actor, place)?.message).toBe('请选择网格员负责的网格')
    const sent = ops.length
    expect(await root.invites.create(actor, place)).toBe(false)
    expect(root.invites.tried).toBe(true)
    expect(ops.length).toBe(sent)

    root.invites.toggleGrid('g-2')
    root.invites.setRole('building_leader')
    // The grids went with the role.
    expect(root.invites.draft.gridIds).toEqual([])
    expect(root.invites.refusal(actor, place)?.field).toBe('buildingIds')
    root.invites.toggleBuilding('b-3')
    root.invites.toggleBuilding('b-5')
    root.invites.toggleBuilding('b-3')
    expect(root.invites.draft.buildingIds).toEqual(['b-5'])
    expect(root.invites.refusal(actor, place)).toBeNull()
  })

  it('creates an invite, lists it as open, tells that there is no mini-program code, and cancels it', async () => {
    const { root, actor, place } = await staffApp()
    root.invites.start(actor)
    await root.invites.load()
    expect(root.invites.loaded).toBe(true)
    root.invites.toggleGrid('g-2')
    root.invites.setNote('孙丽 · 第二网格')
    root.invites.setExpiry(72)
    expect(await root.invites.create(actor, place)).toBe(true)
    const created = root.invites.created!
    expect(created.invite).toMatchObject({ role: 'grid_worker', gridIds: ['g-2'], note: '孙丽 · 第二网格', status: 'open' })
    expect(created.invite.code).toMatch(/^[2-9A-Z]{8}$/)
    expect(Date.parse(created.invite.expiresAt) - Date.parse(created.invite.createdAt)).toBe(72 * 3_600_000)
    expect(root.invites.invites[0].id).toBe(created.invite.id)
    // The draft is fresh for the next one.
    expect(root.invites.draft).toMatchObject({ role: 'grid_worker', gridIds: [], note: '', expiresInHours: 168 })
    await new Promise((r) => setTimeout(r, 10))
    expect(root.invites.created).toMatchObject({ qr: null, qrUnavailable: true })

    expect(await root.invites.cancel(created.invite.id)).toBe(true)
    expect(root.invites.invites.find((i) => i.id === created.invite.id)!.status).toBe('cancelled')
    expect(root.invites.created).toBeNull()
    // Twice: the core says why.
    expect(await root.invites.cancel(created.invite.id)).toBe(false)
    expect(root.invites.rowErrors[created.invite.id]).toBe('这个邀请已经用过、过期或撤销了')
  })

  it('shows the mini-program code when the backend draws one', async () => {
    const { root, api, actor, place } = await staffApp()
    jest.spyOn(api.invites, 'qrCode').mockResolvedValue({ dataUrl: 'data:image/png;base64,AAAA' })
    root.invites.start(actor)
    root.invites.toggleGrid('g-1')
    await root.invites.create(actor, place)
    await new Promise((r) => setTimeout(r, 10))
    expect(root.invites.created?.qr).toBe('data:image/png;base64,AAAA')
  })

  it('keeps a backend refusal as the form message', async () => {
    const { root, api, actor, place } = await staffApp()
    jest.spyOn(api.invites, 'create').mockRejectedValue(new ApiError('forbidden', '您不能邀请这个角色（社区工作者和管理员由管理员邀请）'))
    root.invites.start(actor)
    root.invites.toggleGrid('g-1')
    expect(await root.invites.create(actor, place)).toBe(false)
    expect(root.invites.sendError).toBe('您不能邀请这个角色（社区工作者和管理员由管理员邀请）')
    root.invites.setNote('x')
    expect(root.invites.sendError).toBeNull()
  })

  it('an admin may invite staff and admins', async () => {
    const { root, actor, place } = await staffApp('u-he')
    expect(root.invites.roles(actor)).toEqual(['staff', 'grid_worker', 'building_leader', 'admin'])
    root.invites.setRole('staff')
    expect(root.invites.refusal(actor, place)).toBeNull()
    expect(await root.invites.create(actor, place)).toBe(true)
    expect(root.invites.created!.invite.role).toBe('staff')
    await root.session.signOut()
    expect(root.invites.invites).toEqual([])
    expect(root.invites.created).toBeNull()
  })
})

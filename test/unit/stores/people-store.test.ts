import { roleKey } from '../../../src/stores/people-store'
import { disposeApps, signedInApp } from '../support/app'
import { failOnChangesOutsideActions } from './support/strict-actions'

failOnChangesOutsideActions()
afterEach(disposeApps)

describe('PeopleStore', () => {
  it('lists the people with roles and takes a grid worker’s role away', async () => {
    const { root } = await signedInApp('u-zhang')
    await root.people.load()
    const sun = root.people.members.find((m) => m.id === 'u-sun')!
    expect(sun).toMatchObject({ name: '孙丽', roles: ['grid_worker'], gridIds: ['g-2'] })
    expect(sun.phoneMasked).toBe('138****0007')

    expect(await root.people.revoke('u-sun', 'grid_worker')).toBe(true)
    expect(root.people.members.some((m) => m.id === 'u-sun' && m.roles.includes('grid_worker'))).toBe(false)
    expect(root.people.busyKey).toBeNull()
  })

  it('keeps the core refusal at the role: staff cannot take an admin’s role away', async () => {
    const { root } = await signedInApp('u-zhang')
    await root.people.load()
    expect(await root.people.revoke('u-he', 'admin')).toBe(false)
    expect(root.people.rowErrors[roleKey('u-he', 'admin')]).toBe('您不能取消这个角色（社区工作者和管理员由管理员管理）')
    expect(root.people.members.find((m) => m.id === 'u-he')!.roles).toContain('admin')
  })

  it('an admin cannot take their own admin role away', async () => {
    const { root } = await signedInApp('u-he')
    await root.people.load()
    expect(await root.people.revoke('u-he', 'admin')).toBe(false)
    expect(root.people.rowErrors[roleKey('u-he', 'admin')]).toBe('不能取消自己的管理员角色，请让另一位管理员操作')
  })

  it('reads the community code; a resident is refused both', async () => {
    const { root } = await signedInApp('u-zhang')
    await root.people.loadJoinCode()
    expect(root.people.joinCode).toMatchObject({ code: 'YYDEMO', community: { name: '映月社区' } })
    await root.session.signOut()
    expect(root.people.joinCode).toBeNull()

    const resident = await signedInApp('u-wang')
    await resident.root.people.load()
    await resident.root.people.loadJoinCode()
    expect(resident.root.people.error).toBe('只有社区管理员和社区工作者可以管理人员')
    expect(resident.root.people.joinCodeError).toBe('只有社区工作者和管理员可以查看社区码')
  })
})

describe('a role revoked by someone else', () => {
  it('leaves the person’s app when it reads the session again (the app does on every return to the foreground)', async () => {
    const { root, backend } = await signedInApp('u-sun')
    expect(root.session.isHandler).toBe(true)
    const admin = await backend.core.sessions.signInDemo('u-he')
    await backend.core.people.revokeRole(await backend.caller(admin.token), 'u-sun', 'grid_worker')
    // The cached user still says grid worker until it is read again.
    expect(root.session.hasRole('grid_worker')).toBe(true)
    await root.session.refresh()
    expect(root.session.hasRole('grid_worker')).toBe(false)
    expect(root.session.isHandler).toBe(false)
  })
})

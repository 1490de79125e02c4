import { writeJson } from '../../../src/platform/storage'
import { buildApp, disposeApps, signedInApp, when } from '../support/app'
import { failOnChangesOutsideActions } from './support/strict-actions'

failOnChangesOutsideActions()

afterEach(disposeApps)

describe('RootStore start and sign-in', () => {
  it('starts signed out when there is no session on the device', async () => {
    const { root } = buildApp()
    expect(root.session.status).toBe('unknown')
    await root.start()
    expect(root.session.status).toBe('signed_out')
    expect(root.session.user).toBeNull()
    expect(root.directory.directory).toBeNull()
  })

  it('restores the session of a previous run on start', async () => {
    const first = await signedInApp('u-wang')
    first.root.dispose()

    const { root } = buildApp({ storage: first.storage })
    await root.start()
    expect(root.session.status).toBe('signed_in')
    expect(root.session.user?.id).toBe('u-wang')
    await when(() => root.directory.directory !== null, { timeout: 2000 })
    expect(root.directory.categories.length).toBeGreaterThan(0)
  })

  it('on sign-in opens the user’s own draft and outbox and loads the directory', async () => {
    const seeded = buildApp()
    writeJson(seeded.storage, 'linli.draft.u-wang', {
      key: 'rk_saved_draft_key',
      categoryId: 'cat-noise',
      description: '楼上每晚装修到十一点',
      photos: [],
      locationMode: 'text',
      point: null,
      address: '3号楼201',
      anonymous: true,
      updatedAt: '2026-11-21T07:00:00.000Z',
    })
    writeJson(seeded.storage, 'linli.outbox.u-wang', [
      {
        key: 'rk_queued_key_0001',
        createdAt: '2026-11-21T07:00:00.000Z',
        payload: { categoryId: 'cat-fire', description: '一个会被拒绝的诉求内容', photos: [], location: { kind: 'text', address: '3号楼门口' }, anonymous: false },
        uploaded: {},
        state: 'failed',
        attempts: 1,
        error: { kind: 'validation', message: 'x', fields: {} },
      },
    ])
    const { root } = seeded
    await root.start()
    expect(await root.session.signInDemo('u-wang')).toBe(true)
    expect(root.session.status).toBe('signed_in')
    expect(root.draft.draft).toMatchObject({ key: 'rk_saved_draft_key', description: '楼上每晚装修到十一点', anonymous: true })
    expect(root.draft.location).toEqual({ kind: 'text', address: '3号楼201' })
    expect(root.outbox.items.map((i) => i.key)).toEqual(['rk_queued_key_0001'])
    expect(root.outbox.failed).toHaveLength(1)
    expect(root.directory.loading || root.directory.directory !== null).toBe(true)
    await when(() => root.directory.directory !== null, { timeout: 2000 })
    expect(root.directory.category('cat-light')?.name).toBe('路灯故障')
    expect(root.directory.gridName('g-2')).toBe('第二网格')
  })

  it('loads the signed-in user’s reports on sign-in', async () => {
    const { root } = await signedInApp('u-wang')
    expect(root.myReports.loaded).toBe(true)
    expect(root.myReports.items.map((i) => i.categoryId)).toEqual(['cat-water', 'cat-light', 'cat-garbage', 'cat-facility'])
  })

  it('keeps each user’s draft and outbox apart', async () => {
    const { root } = await signedInApp('u-wang')
    root.draft.setDescription('王秀兰的草稿内容')
    await root.session.signOut()
    expect(root.session.status).toBe('signed_out')
    expect(root.directory.directory).toBeNull()

    await root.session.signInDemo('u-li')
    expect(root.draft.draft.description).toBe('')
    root.draft.setDescription('李明的草稿内容')
    await root.session.signOut()

    await root.session.signInDemo('u-wang')
    expect(root.draft.draft.description).toBe('王秀兰的草稿内容')
  })

  it('refuses an unknown demo account and stays signed out', async () => {
    const { root } = buildApp()
    await root.start()
    expect(await root.session.signInDemo('u-nobody')).toBe(false)
    expect(root.session.error).toBe('该演示账号不存在')
    expect(root.session.status).toBe('signed_out')
  })

  it('knows who handles reports', async () => {
    const { root } = await signedInApp('u-sun')
    expect(root.session.isHandler).toBe(true)
    expect(root.session.hasRole('grid_worker')).toBe(true)
    expect(root.session.hasRole('staff')).toBe(false)
    await root.session.signOut()
    await root.session.signInDemo('u-wang')
    expect(root.session.isHandler).toBe(false)
  })

  it('lists the demo accounts', async () => {
    const { root } = buildApp()
    expect(root.session.canUseDemoSignIn).toBe(true)
    await root.session.loadDemoAccounts()
    expect(root.session.demoAccounts.map((a) => a.userId)).toContain('u-wang')
  })

  it('clears the lists of the previous user on sign-out', async () => {
    const { root } = await signedInApp('u-wang')
    await root.myReports.load()
    expect(root.myReports.items.length).toBe(4)
    await root.session.signOut()
    expect(root.myReports.items).toEqual([])
    expect(root.myReports.loaded).toBe(false)
  })

  it('remembers elder mode across a restart', async () => {
    const first = buildApp()
    expect(first.root.ui.elderMode).toBe(false)
    first.root.ui.setElderMode(true)
    first.root.dispose()
    expect(buildApp({ storage: first.storage }).root.ui.elderMode).toBe(true)
  })
})

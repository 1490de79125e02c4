import { validateStructure } from '../../../src/domain/structure'
import { disposeApps, signedInApp } from '../support/app'
import { failOnChangesOutsideActions } from './support/strict-actions'

failOnChangesOutsideActions()
afterEach(disposeApps)

async function adminApp() {
  const app = await signedInApp('u-he')
  await app.root.structure.load()
  const s = app.root.structure.structure!
  expect(validateStructure(s)).toEqual([])
  return { ...app, s }
}

describe('StructureStore', () => {
  it('saves one changed row of the whole structure, and the directory reads it', async () => {
    const { root, s } = await adminApp()
    const index = s.categories.findIndex((c) => c.key === 'cat-light')
    const next = root.structure.withRow('categories', index, { ...s.categories[index], deadlineHours: 36 })
    expect(await root.structure.save(next, { section: 'categories', index })).toBe(true)
    expect(root.structure.structure!.categories[index].deadlineHours).toBe(36)
    await root.directory.load()
    expect(root.directory.category('cat-light')!.deadlineHours).toBe(36)
  })

  it('adds a row and reads it back with its id', async () => {
    const { root, s } = await adminApp()
    const at = { section: 'grids' as const, index: s.grids.length }
    expect(await root.structure.save(root.structure.withRow('grids', at.index, { name: '第四网格' }), at)).toBe(true)
    const added = root.structure.structure!.grids[at.index]
    expect(added.name).toBe('第四网格')
    expect(added.key).toBeTruthy()
  })

  it('a renamed grid takes its buildings along', async () => {
    const { root, s } = await adminApp()
    const index = s.grids.findIndex((g) => g.name === '第一网格')
    const next = root.structure.withRow('grids', index, { ...s.grids[index], name: '东区网格' })!
    expect(next.buildings.filter((b) => b.grid === '第一网格')).toEqual([])
    expect(next.buildings.filter((b) => b.grid === '东区网格').length).toBe(s.buildings.filter((b) => b.grid === '第一网格').length)
    expect(await root.structure.save(next, { section: 'grids', index })).toBe(true)
    expect(root.structure.structure!.grids[index].key).toBe(s.grids[index].key)
  })

  it('names the issues of the edited row live and sends nothing the rules refuse', async () => {
    const { root, s, ops } = await adminApp()
    const index = s.categories.findIndex((c) => c.key === 'cat-road')
    const at = { section: 'categories' as const, index }
    const next = root.structure.withRow('categories', index, { ...s.categories[index], deadlineHours: Number.NaN })
    const issues = root.structure.issues(next, at)
    expect(issues.own.map((i) => i.column)).toEqual(['限时办结（小时）'])
    expect(issues.others).toEqual([])
    const sent = ops.length
    expect(await root.structure.save(next, at)).toBe(false)
    expect(ops.length).toBe(sent)
    expect(root.structure.errorAt(at)).toMatch(/^“限时办结（小时）”：/)
    // Another row's issue is told with its sheet and row.
    const dup = root.structure.withRow('categories', s.categories.length, { name: '道路破损', deadlineHours: 24, guidance: '' })
    expect(root.structure.issues(dup, { section: 'categories', index: s.categories.length }).own[0].message).toMatch(/道路破损/)
  })

  it('keeps the backend refusal of removing a category that reports use at its row', async () => {
    const { root, s } = await adminApp()
    const index = s.categories.findIndex((c) => c.key === 'cat-road')
    const at = { section: 'categories' as const, index }
    expect(await root.structure.save(root.structure.withoutRow('categories', index), at)).toBe(false)
    expect(root.structure.errorAt(at)).toMatch(/^问题类型“道路破损”仍有 \d+ 件诉求在用，不能删除/)
    expect(root.structure.errorAt({ section: 'categories', index: index + 1 })).toBeNull()
    expect(root.structure.structure!.categories[index].key).toBe('cat-road')
    root.structure.dismissError()
    expect(root.structure.rowError).toBeNull()
  })

  it('refuses staff, and forgets the structure on sign-out', async () => {
    const staff = await signedInApp('u-zhang')
    await staff.root.structure.load()
    expect(staff.root.structure.error).toBe('只有社区管理员可以修改社区设置')
    const { root } = await adminApp()
    await root.session.signOut()
    expect(root.structure.structure).toBeNull()
  })
})

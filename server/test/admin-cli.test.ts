import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore } from '../../src/core/core'
import { actorOf } from '../../src/domain/actor'
import { CHUNHUI_STRUCTURE } from '../../src/domain/demo-structure'
import type { StructureInput } from '../../src/domain/structure'
import { runAdmin, type Output } from '../admin/cli'
import { readStructureWorkbook, writeStructureWorkbook } from '../admin/workbook'
import type { Database } from '../db'
import { createSqlStore } from '../repositories'
import { serverRuntime } from '../runtime'
import { freshDatabase } from './support/database'

/**
 * `npm run admin` on a real database (PGlite; PostgreSQL with LINLI_TEST_DATABASE_URL): the
 * template, imports that write exactly what the workbook says (and nothing when anything is wrong),
 * a re-import that changes nothing, a category that reports still use kept from removal, the
 * export, and the first admin's invite.
 */

let db: Database
let dir: string

beforeEach(async () => {
  db = await freshDatabase()
  dir = await mkdtemp(join(tmpdir(), 'linli-admin-'))
})

afterEach(async () => {
  await db.close()
  await rm(dir, { recursive: true, force: true })
})

function capture(): Output & { lines: string[]; errors: string[] } {
  const lines: string[] = []
  const errors: string[] = []
  return { lines, errors, out: (l) => void lines.push(l), err: (l) => void errors.push(l) }
}

async function workbook(name: string, input: StructureInput): Promise<string> {
  const file = join(dir, name)
  await writeFile(file, await writeStructureWorkbook(input))
  return file
}

async function counts(): Promise<Record<string, number>> {
  const [row] = await db.query<Record<string, number>>(
    `SELECT (SELECT count(*)::int FROM communities) AS communities, (SELECT count(*)::int FROM grids) AS grids,
       (SELECT count(*)::int FROM buildings) AS buildings, (SELECT coalesce(sum(cardinality(rooms)), 0)::int FROM buildings) AS rooms,
       (SELECT count(*)::int FROM departments) AS departments, (SELECT count(*)::int FROM categories) AS categories,
       (SELECT count(*)::int FROM reply_templates) AS templates, (SELECT count(*)::int FROM streets) AS streets`,
  )
  return row
}

describe('npm run admin', () => {
  it('writes a template that reads back as a valid workbook', async () => {
    const io = capture()
    const file = join(dir, 'template.xlsx')
    expect(await runAdmin(['template', file], db, io)).toBe(0)
    expect(existsSync(file)).toBe(true)
    expect('input' in (await readStructureWorkbook(file))).toBe(true)
    expect(io.lines[0]).toContain('已生成空白工作簿')
  })

  it('imports a community with exact counts, and a second import changes nothing', async () => {
    const file = await workbook('chunhui.xlsx', CHUNHUI_STRUCTURE)
    const first = capture()
    expect(await runAdmin(['import', file], db, first)).toBe(0)
    expect(first.lines).toEqual([
      '已新建社区：',
      '  网格：新增 2，更新 0，删除 0，不变 0',
      '  楼栋：新增 3，更新 0，删除 0，不变 0',
      '  房号：新增 20，更新 0，删除 0，不变 0',
      '  部门：新增 2，更新 0，删除 0，不变 0',
      '  问题类型：新增 6，更新 0，删除 0，不变 0',
      '  回复模板：新增 2，更新 0，删除 0，不变 0',
      expect.stringMatching(/^社区码：[A-Z0-9]{6}（/),
    ])
    expect(await counts()).toEqual({ communities: 1, grids: 2, buildings: 3, rooms: 20, departments: 2, categories: 6, templates: 2, streets: 1 })
    const again = capture()
    expect(await runAdmin(['import', file], db, again)).toBe(0)
    expect(again.lines.slice(1, 7).every((l) => /新增 0，更新 0，删除 0，不变 \d+$/.test(l))).toBe(true)
    expect(await counts()).toEqual({ communities: 1, grids: 2, buildings: 3, rooms: 20, departments: 2, categories: 6, templates: 2, streets: 1 })
  })

  it('refuses a broken workbook with sheet, row and column, and writes nothing', async () => {
    const broken: StructureInput = {
      ...CHUNHUI_STRUCTURE,
      buildings: [...CHUNHUI_STRUCTURE.buildings, { name: '9号楼', grid: '第九网格', rooms: ['101', '101'] }],
      categories: CHUNHUI_STRUCTURE.categories.map((c, i) => (i === 0 ? { ...c, deadlineHours: 0 } : c)),
    }
    const io = capture()
    expect(await runAdmin(['import', await workbook('broken.xlsx', broken)], db, io)).toBe(1)
    expect(io.errors[0]).toBe('导入失败，没有写入任何内容。共 3 处需要修改：')
    expect(io.errors.slice(1).join('\n')).toMatch(/“楼栋”表第 5 行“所属网格”/)
    expect(io.errors.slice(1).join('\n')).toMatch(/“楼栋”表第 5 行“房号”/)
    expect(io.errors.slice(1).join('\n')).toMatch(/“问题类型”表第 2 行“限时办结（小时）”：限时办结须大于 0 小时/)
    expect(await counts()).toEqual({ communities: 0, grids: 0, buildings: 0, rooms: 0, departments: 0, categories: 0, templates: 0, streets: 0 })
  })

  it('keeps a category, a building and a room that reports and homes still name; updates in place otherwise', async () => {
    const io = capture()
    expect(await runAdmin(['import', await workbook('chunhui.xlsx', CHUNHUI_STRUCTURE)], db, io)).toBe(0)
    const [{ id: communityId }] = await db.query<{ id: string }>('SELECT id FROM communities')
    // A resident of 3号楼301 reports a 路灯故障.
    const store = createSqlStore(db)
    const core = createCore(store, serverRuntime())
    const [{ id: building }] = await db.query<{ id: string }>("SELECT id FROM buildings WHERE name = '3号楼'")
    const [{ id: category }] = await db.query<{ id: string }>("SELECT id FROM categories WHERE name = '路灯故障'")
    await store.users.upsertWeChatUser({ id: 'u-res', openid: 'o-res', name: '林美华', at: new Date().toISOString() })
    await store.users.setCommunity('u-res', communityId)
    await store.users.setHome('u-res', { buildingId: building, room: '301' }, new Date().toISOString())
    const resident = (await store.users.find('u-res'))!
    await core.reports.submitUnkeyed({ user: resident, actor: actorOf(resident), photoUrl: () => '' }, {
      categoryId: category,
      description: '3号楼北侧的路灯不亮了，晚上看不清路',
      photoIds: [],
      location: { kind: 'text', address: '3号楼北侧' },
      anonymous: false,
    })
    const before = await counts()

    const without: StructureInput = {
      ...CHUNHUI_STRUCTURE,
      categories: CHUNHUI_STRUCTURE.categories.filter((c) => c.name !== '路灯故障'),
      buildings: CHUNHUI_STRUCTURE.buildings.map((b) => (b.name === '3号楼' ? { ...b, rooms: b.rooms.filter((r) => r !== '301') } : b)),
    }
    const refused = capture()
    expect(await runAdmin(['import', await workbook('without.xlsx', without)], db, refused)).toBe(1)
    const problems = refused.errors.slice(1).join('\n')
    expect(problems).toContain('问题类型“路灯故障”仍有 1 件诉求在用')
    expect(problems).toMatch(/“楼栋”表.*“房号”.*301/)
    expect(await counts()).toEqual(before)

    // A deadline changed and a room added: updated in place, ids kept.
    const changed: StructureInput = {
      ...CHUNHUI_STRUCTURE,
      categories: CHUNHUI_STRUCTURE.categories.map((c) => (c.name === '路灯故障' ? { ...c, deadlineHours: 24 } : c)),
      buildings: CHUNHUI_STRUCTURE.buildings.map((b) => (b.name === '3号楼' ? { ...b, rooms: [...b.rooms, '601'] } : b)),
    }
    const updated = capture()
    expect(await runAdmin(['import', await workbook('changed.xlsx', changed)], db, updated)).toBe(0)
    expect(updated.lines).toContain('  问题类型：新增 0，更新 1，删除 0，不变 5')
    const [after] = await db.query<{ id: string; deadline_hours: number }>("SELECT id, deadline_hours FROM categories WHERE name = '路灯故障'")
    expect(after).toEqual({ id: category, deadline_hours: 24 })
    expect((await counts()).rooms).toBe(before.rooms + 1)
  })

  it('exports a community as it is, and makes the first admin’s one-time invite', async () => {
    const imported = capture()
    await runAdmin(['import', await workbook('chunhui.xlsx', CHUNHUI_STRUCTURE)], db, imported)
    const code = /社区码：([A-Z0-9]{6})/.exec(imported.lines.join('\n'))![1]
    const listed = capture()
    expect(await runAdmin(['communities'], db, listed)).toBe(0)
    expect(listed.lines).toEqual([expect.stringMatching(new RegExp(`^${code}  CH +无锡市锡山区东亭街道 春晖社区$`))])

    const file = join(dir, 'export.xlsx')
    expect(await runAdmin(['export', code.toLowerCase(), file], db, capture())).toBe(0)
    const read = await readStructureWorkbook(file)
    expect('input' in read && read.input.buildings.map((b) => [b.name, b.rooms.length])).toEqual([
      ['1号楼', 6],
      ['2号楼', 4],
      ['3号楼', 10],
    ])

    const invited = capture()
    expect(await runAdmin(['invite', code, 'admin', '--hours', '24'], db, invited)).toBe(0)
    const inviteCode = /邀请码：([A-Z0-9]{8})/.exec(invited.lines[0])![1]
    const [row] = await db.query<{ role: string; created_by_name: string }>('SELECT role, created_by_name FROM invites WHERE code = $1', [inviteCode])
    expect(row).toEqual({ role: 'admin', created_by_name: '管理命令' })
    const street = capture()
    expect(await runAdmin(['invite', code, 'street_staff'], db, street)).toBe(0)
    expect(street.lines[1]).toContain('春晖社区所在街道 · 街道工作人员')
    const refused = capture()
    expect(await runAdmin(['invite', code, 'grid_worker'], db, refused)).toBe(2)
    expect(refused.errors[0]).toContain('角色只能是 admin、staff 或 street_staff')
    expect(await runAdmin(['invite', 'ZZZZZZ', 'admin'], db, capture())).toBe(1)
    expect(await runAdmin(['nonsense'], db, capture())).toBe(2)
  })

  it('issues an Open311 partner key once (only its hash is kept), lists the partners without keys, and revokes one', async () => {
    const imported = capture()
    await runAdmin(['import', await workbook('chunhui.xlsx', CHUNHUI_STRUCTURE)], db, imported)
    const code = /社区码：([A-Z0-9]{6})/.exec(imported.lines.join('\n'))![1]
    const now = () => new Date('2026-11-21T02:00:00.000Z')

    const issued = capture()
    expect(await runAdmin(['open311-key', code.toLowerCase(), '锡山区', '城市服务平台'], db, issued, now)).toBe(0)
    const key = /^api_key：([A-Za-z0-9_-]{43})$/.exec(issued.lines[0])![1]
    expect(issued.lines[1]).toContain('只显示这一次')
    const id = /编号 (op_[A-Za-z0-9_-]+)/.exec(issued.lines[2])![1]
    expect(issued.lines[2]).toContain('春晖社区 · 锡山区 城市服务平台')
    const [row] = await db.query<Record<string, unknown>>('SELECT * FROM open311_partners WHERE id = $1', [id])
    expect(JSON.stringify(row)).not.toContain(key)
    expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/)
    // Its system user: named after it, no roles, no phone, no home.
    const [user] = await db.query<Record<string, unknown>>('SELECT name, phone, roles, home_room FROM users WHERE id = $1', [row.user_id])
    expect(user).toEqual({ name: '锡山区 城市服务平台', phone: '', roles: [], home_room: null })

    const listed = capture()
    expect(await runAdmin(['open311-keys', code], db, listed, now)).toBe(0)
    expect(listed.lines).toEqual([`${id}  锡山区 城市服务平台  创建于 2026/11/21 10:00:00  有效`])
    expect(listed.lines.join('\n')).not.toContain(key)

    const revoked = capture()
    expect(await runAdmin(['open311-revoke', id], db, revoked, () => new Date('2026-11-22T04:30:00.000Z'))).toBe(0)
    expect(revoked.lines[0]).toContain('已撤销 锡山区 城市服务平台 的 api_key')
    const after = capture()
    expect(await runAdmin(['open311-keys', code], db, after, now)).toBe(0)
    expect(after.lines[0]).toContain('已于 2026/11/22 12:30:00 撤销')

    // Refusals: a community that does not exist, an unknown id, a missing name, a name too long.
    expect(await runAdmin(['open311-key', 'ZZZZZZ', '某平台'], db, capture())).toBe(1)
    expect(await runAdmin(['open311-revoke', 'op_nothing'], db, capture())).toBe(1)
    const missing = capture()
    expect(await runAdmin(['open311-key', code], db, missing)).toBe(2)
    expect(missing.errors[0]).toBe('请给出社区码和对接系统的名称')
    const long = capture()
    expect(await runAdmin(['open311-key', code, '长'.repeat(61)], db, long)).toBe(1)
    expect(long.errors[0]).toBe('名称不能超过60个字')
    expect(await runAdmin(['open311-keys'], db, capture())).toBe(2)
  })
})

/**
 * `npm run admin -- <command>`: the administrator's commands, on the configured database
 * (DATABASE_URL, or PGlite in LINLI_DATA_DIR — stop a server using the same PGlite directory first).
 *
 *   template [file.xlsx]               an empty structure workbook: the headers and one example row per sheet
 *   import <file.xlsx>                 load (or update in place) a community's structure; nothing is written
 *                                      when anything is wrong, and every problem is listed with sheet, row, column
 *   export <社区码> [file.xlsx]         a community's structure as it is now, to edit and import again
 *   communities                        every community with its code (社区码) and report prefix
 *   invite <社区码> <role> [--hours N] [--note 文字]
 *                                      a one-time invite code (admin, staff, or street_staff for the community's
 *                                      street): how a new community gets its first admin, and a street its officers
 */
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { createCore, type Core } from '../../src/core/core'
import { isApiError } from '../../src/core/errors'
import type { InvitedRole } from '../../types/domain'
import { INVITE_DEFAULT_HOURS } from '../../src/domain/membership'
import { formatCounts, formatIssue } from '../../src/domain/structure'
import { loadConfig } from '../config'
import { createDatabase, migrate, type Database } from '../db'
import { createSqlStore } from '../repositories'
import { serverRuntime } from '../runtime'
import { readStructureWorkbook, writeStructureWorkbook } from './workbook'

export interface Output {
  out(line: string): void
  err(line: string): void
}

const USAGE = [
  '用法：npm run admin -- <命令>',
  '  template [文件.xlsx]              生成空白的社区结构工作簿（每张表有表头和一行示例）',
  '  import <文件.xlsx>                导入（或更新）一个社区的结构；有任何错误都不写入，并列出每处错误的表、行、列',
  '  export <社区码> [文件.xlsx]        导出社区当前的结构，修改后可再次导入',
  '  communities                       列出所有社区及其社区码、诉求编号前缀',
  '  invite <社区码> <角色> [--hours 小时] [--note 备注]',
  '                                    生成一次性邀请码（角色：admin 管理员、staff 社区工作者、street_staff 该社区所在街道的工作人员）',
]

const ROLES: Record<string, InvitedRole> = { admin: 'admin', staff: 'staff', street_staff: 'street_staff' }
const ROLE_NAMES: Record<string, string> = { admin: '管理员', staff: '社区工作者', street_staff: '街道工作人员（查看本街道各社区的统计）' }

/** Run one command; answers the process exit code. */
export async function runAdmin(args: readonly string[], db: Database, io: Output, now: () => Date = () => new Date()): Promise<number> {
  const [command, ...rest] = args
  const core = createCore(createSqlStore(db), serverRuntime(now))
  switch (command) {
    case 'template': {
      const file = resolve(rest[0] ?? '社区结构模板.xlsx')
      writeFileSync(file, await writeStructureWorkbook('template'))
      io.out(`已生成空白工作簿：${file}`)
      return 0
    }
    case 'import':
      return rest[0] ? importWorkbook(core, rest[0], io) : usage(io, '请给出要导入的工作簿文件')
    case 'export':
      return rest[0] ? exportWorkbook(db, core, rest[0], rest[1], io) : usage(io, '请给出社区码')
    case 'communities':
      return listCommunities(db, io)
    case 'invite':
      return invite(db, core, rest, io)
    default:
      return usage(io, command ? `没有这个命令：${command}` : undefined)
  }
}

function usage(io: Output, problem?: string): number {
  if (problem) io.err(problem)
  for (const line of USAGE) io.err(line)
  return 2
}

async function importWorkbook(core: Core, file: string, io: Output): Promise<number> {
  const read = await readStructureWorkbook(resolve(file))
  const outcome = 'issues' in read ? { ok: false as const, issues: read.issues } : await core.structure.importStructure(read.input)
  if (!outcome.ok) {
    io.err(`导入失败，没有写入任何内容。共 ${outcome.issues.length} 处需要修改：`)
    for (const issue of outcome.issues) io.err(`  ${formatIssue(issue)}`)
    return 1
  }
  io.out(outcome.created ? '已新建社区：' : '已更新社区：')
  for (const line of formatCounts(outcome.counts)) io.out(`  ${line}`)
  io.out(`社区码：${outcome.joinCode}（居民扫码或输入此码加入社区；用 invite 命令邀请第一位管理员）`)
  return 0
}

async function exportWorkbook(db: Database, core: Core, code: string, file: string | undefined, io: Output): Promise<number> {
  const community = await createSqlStore(db).directory.findCommunityByCode(code.trim())
  if (!community) {
    io.err(`没有社区码为 ${code} 的社区（用 communities 命令查看）`)
    return 1
  }
  const input = await core.structure.structureOf(community.id)
  const target = resolve(file ?? `${community.name}.xlsx`)
  writeFileSync(target, await writeStructureWorkbook(input))
  io.out(`已导出 ${community.name} 的结构：${target}`)
  return 0
}

async function listCommunities(db: Database, io: Output): Promise<number> {
  const rows = await db.query<{ name: string; street: string; district: string; join_code: string; report_prefix: string }>(
    `SELECT c.name, s.name AS street, s.district, c.join_code, c.report_prefix
     FROM communities c JOIN streets s ON s.id = c.street_id ORDER BY s.district, s.name, c.name, c.id`,
  )
  if (rows.length === 0) io.out('还没有社区：用 import 命令导入一个社区的工作簿')
  for (const r of rows) io.out(`${r.join_code}  ${r.report_prefix.padEnd(6)}  ${r.district}${r.street} ${r.name}`)
  return 0
}

async function invite(db: Database, core: Core, rest: readonly string[], io: Output): Promise<number> {
  const [code, roleName, ...options] = rest
  if (!code || !roleName) return usage(io, '请给出社区码和角色')
  const role = ROLES[roleName]
  if (!role) return usage(io, `角色只能是 admin、staff 或 street_staff（网格员、楼栋长由社区工作者在小程序里邀请）`)
  const flags = new Map<string, string>()
  for (let i = 0; i < options.length; i += 2) flags.set(options[i], options[i + 1] ?? '')
  const community = await createSqlStore(db).directory.findCommunityByCode(code.trim())
  if (!community) {
    io.err(`没有社区码为 ${code} 的社区（用 communities 命令查看）`)
    return 1
  }
  const hours = flags.has('--hours') ? Number(flags.get('--hours')) : INVITE_DEFAULT_HOURS
  try {
    const made = await core.invites.issue(community.id, { role, gridIds: [], buildingIds: [], note: flags.get('--note') ?? '', expiresInHours: hours }, '管理命令')
    io.out(`邀请码：${made.code}`)
    const until = new Date(made.expiresAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })
    io.out(`${role === 'street_staff' ? `${community.name}所在街道` : community.name} · ${ROLE_NAMES[role]} · 有效至 ${until}（北京时间；只能使用一次）`)
    io.out('对方用微信登录邻里后，在“我的 → 输入邀请码”中输入即可。')
    return 0
  } catch (error) {
    if (!isApiError(error)) throw error
    io.err(error.message)
    return 1
  }
}

async function main(): Promise<void> {
  const config = loadConfig()
  const db = await createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  try {
    await migrate(db)
    process.exitCode = await runAdmin(process.argv.slice(2), db, {
      out: (line) => console.log(line),
      err: (line) => console.error(line),
    })
  } finally {
    await db.close()
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}

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
 *   open311-key <社区码> <名称>          a key for a partner system (a city's service-request system) speaking
 *                                      Open311 GeoReport v2 to /open311/v2/ for the community; shown once (ADR 27)
 *   open311-keys <社区码>               the community's partner systems: name, created, revoked (never the key)
 *   open311-revoke <id>                revoke a partner system's key
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
import { issuePartnerKey, partnerService } from './partners'

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
  '  open311-key <社区码> <名称>         为对接的城市服务平台（Open311 GeoReport v2）生成 api_key；密钥只显示这一次',
  '  open311-keys <社区码>              列出社区的对接系统：名称、创建时间、撤销时间（不显示密钥）',
  '  open311-revoke <编号>              撤销一个对接系统的 api_key',
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
    case 'open311-key':
      return rest[0] && rest.slice(1).join(' ').trim() ? partnerKey(db, rest[0], rest.slice(1).join(' '), io, now) : usage(io, '请给出社区码和对接系统的名称')
    case 'open311-keys':
      return rest[0] ? partnerKeys(db, rest[0], io, now) : usage(io, '请给出社区码')
    case 'open311-revoke':
      return rest[0] ? revokePartnerKey(db, rest[0], io, now) : usage(io, '请给出对接系统的编号（用 open311-keys 命令查看）')
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

const beijing = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })

/** Run `work`; a refusal of the core is its message and exit code 1. */
async function orRefusal(io: Output, work: () => Promise<number>): Promise<number> {
  try {
    return await work()
  } catch (error) {
    if (!isApiError(error)) throw error
    io.err(error.message)
    return 1
  }
}

function partnerKey(db: Database, code: string, name: string, io: Output, now: () => Date): Promise<number> {
  return orRefusal(io, async () => {
    const issued = await issuePartnerKey(db, code, name, now)
    io.out(`api_key：${issued.key}`)
    io.out('密钥只显示这一次，服务器只保存它的摘要：请立即交给对方系统的管理员，丢失后只能撤销并重新生成。')
    io.out(`${issued.communityName} · ${issued.partner.name} · 编号 ${issued.id}`)
    io.out(`对方系统的接口地址：<服务器地址>/open311/v2/（如 services.json、requests.json），jurisdiction_id 可填社区码 ${code.trim().toUpperCase()}`)
    return 0
  })
}

function partnerKeys(db: Database, code: string, io: Output, now: () => Date): Promise<number> {
  return orRefusal(io, async () => {
    const { communityName, partners } = await partnerService(db, now).listKeys(code)
    if (partners.length === 0) io.out(`${communityName}还没有对接系统：用 open311-key 命令生成`)
    for (const p of partners) io.out(`${p.id}  ${p.name}  创建于 ${beijing(p.createdAt)}  ${p.revokedAt ? `已于 ${beijing(p.revokedAt)} 撤销` : '有效'}`)
    return 0
  })
}

function revokePartnerKey(db: Database, id: string, io: Output, now: () => Date): Promise<number> {
  return orRefusal(io, async () => {
    const partner = await partnerService(db, now).revokeKey(id)
    io.out(`已撤销 ${partner.name} 的 api_key（撤销时间 ${beijing(partner.revokedAt ?? now().toISOString())}）；它提交过的诉求仍在社区的受理中。`)
    return 0
  })
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

import type { Id } from '../../../types/domain'
import { hasRole } from '../../domain/actor'
import {
  formatIssue,
  planStructure,
  SHEETS,
  structureOfExisting,
  validateStructure,
  type ExistingStructure,
  type StructureInput,
  type StructureIssue,
  type StructurePlan,
  type StructureUsage,
} from '../../domain/structure'
import { inviteCodeFrom } from '../../domain/membership'
import type { Caller, Runtime } from '../context'
import { bytesOfToken } from './invites'
import { ApiError, forbidden, notFound, requireCommunity } from '../errors'
import type { CommunityRecord, Repositories, Store } from '../ports'

export type StructureCounts = StructurePlan['counts']

/** What an import did, or every reason it did nothing. */
export type ImportOutcome =
  | { ok: true; communityId: Id; joinCode: string; created: boolean; counts: StructureCounts }
  | { ok: false; issues: StructureIssue[] }

const EMPTY: ExistingStructure = { grids: [], buildings: [], departments: [], categories: [], replyTemplates: [] }
const UNUSED: StructureUsage = { gridIds: new Set(), buildingIds: new Set(), rooms: new Set(), categoryIds: new Map(), departmentIds: new Set() }

/** Thrown inside a transaction so that nothing it wrote stays; turned back into an outcome. */
class Refused extends Error {
  constructor(readonly issues: StructureIssue[]) {
    super('structure refused')
  }
}

/** A community code (社区码) from a fresh token: 6 characters without look-alikes. */
function joinCodeFrom(token: string): string {
  return inviteCodeFrom(bytesOfToken(token, 6)).slice(0, 6)
}

/**
 * A community's structure (grids, buildings and rooms, departments, categories with deadlines,
 * reply templates): loaded from a workbook by the admin command, edited day to day on the admin
 * screens — one path for both: validate (`validateStructure`), plan against what exists and what
 * reports still name (`planStructure`), write the plan in one transaction. Nothing is written when
 * anything is wrong.
 */
export class StructureService {
  constructor(
    private readonly store: Store,
    private readonly rt: Runtime,
  ) {}

  /** The admin command: create the community named in the structure, or update it in place. */
  async importStructure(input: StructureInput): Promise<ImportOutcome> {
    const issues = validateStructure(input)
    if (issues.length) return { ok: false, issues }
    const c = input.community
    return this.apply(async (tx) => {
      const existing = await tx.directory.findCommunityByName(c.district, c.street, c.name)
      const street = (await tx.directory.findStreetByName(c.district, c.street)) ?? { id: this.rt.newId('s'), name: c.street, district: c.district }
      return { existing, street }
    }, input)
  }

  /** The caller's community as a structure (every row with its id as `key`), for the admin screens. */
  async get(caller: Caller): Promise<StructureInput> {
    return this.structureOf(this.adminOf(caller))
  }

  /** A community's structure as it is now (the admin command's export; `get` for the screens). */
  async structureOf(communityId: Id): Promise<StructureInput> {
    const record = await this.store.directory.findCommunityRecord(communityId)
    if (!record) throw notFound('社区不存在')
    const street = await this.store.directory.findStreet(record.streetId)
    const existing = await loadExisting(this.store, communityId)
    return structureOfExisting(
      {
        name: record.name,
        kind: record.kind,
        street: record.streetName,
        district: street?.district ?? record.district.replace(record.streetName, ''),
        reportPrefix: record.reportPrefix,
      },
      existing,
    )
  }

  /**
   * The admin screens: save the caller's community's structure as edited. The community stays in
   * its street (its name, kind and report prefix may change); refused with every issue at once.
   */
  async save(caller: Caller, input: StructureInput): Promise<StructureCounts> {
    const communityId = this.adminOf(caller)
    const issues = validateStructure(input)
    const outcome = issues.length
      ? ({ ok: false, issues } as const)
      : await this.apply(async (tx) => {
          const existing = await tx.directory.findCommunityRecord(communityId)
          if (!existing) throw notFound('社区不存在')
          const street = (await tx.directory.findStreet(existing.streetId))!
          return { existing, street }
        }, input)
    if (!outcome.ok) {
      const fields: Record<string, string> = {}
      for (const issue of outcome.issues) fields[`${issue.sheet}!${issue.row}!${issue.column}`] = issue.message
      throw new ApiError('validation', formatIssue(outcome.issues[0]), { fields })
    }
    return outcome.counts
  }

  private adminOf(caller: Caller): Id {
    const communityId = requireCommunity(caller.actor)
    if (!hasRole(caller.actor, 'admin')) throw forbidden('只有社区管理员可以修改社区设置')
    return communityId
  }

  /** Plan and write in one transaction; `locate` finds the community (or null: a new one) and its street. */
  private async apply(
    locate: (tx: Repositories) => Promise<{ existing: CommunityRecord | null; street: { id: Id; name: string; district: string } }>,
    input: StructureInput,
  ): Promise<ImportOutcome> {
    const c = input.community
    try {
      return await this.store.transaction(async (tx) => {
        const { existing, street } = await locate(tx)
        const prefixOwner = await tx.directory.findCommunityByPrefix(c.reportPrefix)
        if (prefixOwner && prefixOwner !== existing?.id) {
          throw new Refused([{ sheet: SHEETS.community, row: c.row ?? 2, column: '诉求编号前缀', message: `前缀“${c.reportPrefix}”已被另一个社区使用，请换一个` }])
        }
        const communityId = existing?.id ?? this.rt.newId('c')
        const record: CommunityRecord = {
          id: communityId,
          name: c.name,
          kind: c.kind,
          district: `${street.district}${street.name}`,
          streetId: street.id,
          streetName: street.name,
          reportPrefix: c.reportPrefix,
          joinCode: existing?.joinCode ?? joinCodeFrom(this.rt.newToken()),
        }
        const [current, usage] = existing
          ? await Promise.all([loadExisting(tx, communityId), tx.directory.structureUsage(communityId)])
          : [EMPTY, UNUSED]
        const planned = planStructure(communityId, current, input, usage, (prefix) => this.rt.newId(prefix))
        if ('issues' in planned) throw new Refused(planned.issues)
        await tx.directory.saveCommunity(record, street, this.rt.now().toISOString())
        await tx.directory.saveStructure(communityId, planned.plan)
        return { ok: true as const, communityId, joinCode: record.joinCode, created: !existing, counts: planned.plan.counts }
      })
    } catch (error) {
      if (error instanceof Refused) return { ok: false, issues: error.issues }
      throw error
    }
  }
}

export async function loadExisting(repos: Repositories, communityId: Id): Promise<ExistingStructure> {
  const [grids, buildings, departments, categories, replyTemplates] = await Promise.all([
    repos.directory.listGrids(communityId),
    repos.directory.listBuildings(communityId),
    repos.directory.listDepartments(communityId),
    repos.directory.listCategories(communityId),
    repos.directory.listReplyTemplates(communityId),
  ])
  return { grids, buildings, departments, categories, replyTemplates }
}

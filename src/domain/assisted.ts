import type { Building } from '../../types/domain'
import { hasRole, type Actor } from './actor'
import type { Refusal } from './permissions'
import { cleanText, maskPhone, textLength } from './text'
import type { FieldErrors } from './validation'

/**
 * 代报 (assisted reporting): a building leader or staff member files a report for a neighbour who
 * cannot — identified by building and room, with a name and phone to reach them if known.
 */
export interface OnBehalfInput {
  buildingId: string
  room: string
  name?: string
  phone?: string
}

export function validateOnBehalf(input: Partial<OnBehalfInput> | undefined, buildings: readonly Building[]): FieldErrors {
  if (!input || typeof input !== 'object') return { onBehalfOf: '请选择为哪一户代报' }
  const errors: FieldErrors = {}
  const building = buildings.find((b) => b.id === input.buildingId)
  if (!building) errors.buildingId = '请选择楼栋'
  else if (!input.room || !building.rooms.includes(input.room)) errors.room = `请选择${building.name}的房号`
  if (input.name !== undefined && textLength(cleanText(input.name)) > 20) errors.name = '姓名不能超过20个字'
  if (input.phone !== undefined && input.phone !== '' && !/^1\d{10}$/.test(input.phone)) errors.phone = '请填写11位手机号'
  return errors
}

/** Staff file for any household of their community; a building leader only for the buildings they lead. */
export function refuseFileOnBehalf(actor: Actor, building: Pick<Building, 'id' | 'communityId'>): Refusal | null {
  if (building.communityId !== actor.communityId) return { code: 'forbidden', message: '只能为本社区的住户代报' }
  if (hasRole(actor, 'staff')) return null
  if (hasRole(actor, 'building_leader') && actor.leadsBuildingIds.includes(building.id)) return null
  if (hasRole(actor, 'building_leader')) return { code: 'forbidden', message: '楼栋长只能为自己负责楼栋的住户代报' }
  return { code: 'forbidden', message: '只有楼栋长和社区工作者可以代报' }
}

/** What the report keeps about the household (the phone only masked). */
export function beneficiaryOf(input: OnBehalfInput): { buildingId: string; room: string; name?: string; phoneMasked?: string } {
  const name = input.name ? cleanText(input.name) : undefined
  return {
    buildingId: input.buildingId,
    room: input.room,
    ...(name ? { name } : {}),
    ...(input.phone ? { phoneMasked: maskPhone(input.phone) } : {}),
  }
}

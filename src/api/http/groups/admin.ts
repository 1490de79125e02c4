import type { StructureInput } from '../../../domain/structure'
import type { AdminApi } from '../../client'
import type { StructureInputBody } from '../contract-types'
import { admin } from '../endpoints/admin'
import { compact } from './bodies'
import type { HttpContext } from './context'

/** The structure in the contract's fields only (a stray field, say from a workbook row, would be a 400). */
export function structureBody(input: StructureInput): StructureInputBody {
  const { name, kind, street, district, reportPrefix, row } = input.community
  return {
    community: compact({ name, kind, street, district, reportPrefix, row }),
    grids: input.grids.map(({ key, name, row }) => compact({ key, name, row })),
    buildings: input.buildings.map(({ key, name, grid, rooms, row }) => compact({ key, name, grid, rooms: [...rooms], row })),
    departments: input.departments.map(({ key, name, row }) => compact({ key, name, row })),
    categories: input.categories.map(({ key, name, deadlineHours, guidance, emergencyPhone, emergencyMessage, row }) =>
      compact({ key, name, deadlineHours, guidance, emergencyPhone, emergencyMessage, row }),
    ),
    replyTemplates: input.replyTemplates.map(({ key, title, text, row }) => compact({ key, title, text, row })),
  }
}

export function adminApi({ call }: HttpContext): AdminApi {
  return {
    getStructure: () => call(admin.getStructure),
    saveStructure: (input) => call(admin.saveStructure, { body: structureBody(input) }),
  }
}

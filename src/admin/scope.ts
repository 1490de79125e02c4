import type { Building, Grid, Id, Role } from '../../types/domain'
import { A } from './texts'

/** A role with where it applies: 网格员 · 第一网格, 楼栋长 · 3号楼、5号楼. */
export function roleWithScope(
  role: Role,
  scope: { gridIds: readonly Id[]; buildingIds: readonly Id[] },
  place: { grids: readonly Grid[]; buildings: readonly Building[] },
): string {
  const label = A.role[role]
  const names =
    role === 'grid_worker'
      ? scope.gridIds.map((id) => place.grids.find((g) => g.id === id)?.name ?? id)
      : role === 'building_leader'
        ? scope.buildingIds.map((id) => place.buildings.find((b) => b.id === id)?.name ?? id)
        : []
  return names.length ? `${label} · ${names.join('、')}` : label
}

/** An invite code as it is read aloud: two groups of four (ABCD EFGH). */
export function groupedCode(code: string): string {
  return code.length === 8 ? `${code.slice(0, 4)} ${code.slice(4)}` : code
}

/** Admins: the community's structure. Saving the same structure twice changes nothing the second time (PUT: repeated). */
import type { StructureInputBody } from '../contract-types'
import { GET, PUT } from '../endpoint'
import * as shape from '../shapes'

export const admin = {
  getStructure: GET('/admin/structure').returns(shape.structure),
  saveStructure: PUT('/admin/structure').body<StructureInputBody>().returns(shape.structureCounts),
}

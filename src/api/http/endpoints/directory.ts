/** The community's grids, buildings, departments, categories (and, for handlers, who can be assigned). */
import { GET } from '../endpoint'
import * as shape from '../shapes'

export const directory = {
  community: GET('/community').returns(shape.directory),
}

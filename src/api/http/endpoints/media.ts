/** Photos taken on the device, uploaded before the report or handling step that shows them. */
import { UPLOAD } from '../endpoint'
import * as shape from '../shapes'

export const media = {
  /**
   * Not repeated: a second upload after a lost answer would only leave an orphan photo, and the
   * outbox already retries the whole item later, remembering what was uploaded.
   */
  uploadPhoto: UPLOAD('/photos', 'file').returns(shape.photo),
}

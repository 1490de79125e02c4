import type { Open311Catalogue } from '../../domain/open311/services'
import type { FiledRequest, RequestSnapshot } from '../../domain/open311/report'
import type { ReportQuestion } from '../../../types/domain'
import { randomId } from '../../platform/ids'
import { readJson, writeJson, type KeyValueStorage } from '../../platform/storage'

/**
 * What the phone keeps of one city system (ADR 28), in one storage entry per system: its own
 * requests (GeoReport has no "my reports"), the city's last answer about each (read offline), the
 * service list and definitions (the form works offline too), and a device id.
 */
export interface Open311State {
  deviceId: string
  filed: FiledRequest[]
  snapshots: Record<string, RequestSnapshot>
  catalogue: { value: Open311Catalogue; fetchedAt: string } | null
  definitions: Record<string, { questions: ReportQuestion[]; fetchedAt: string }>
  /** Whether the server offers mySociety's `servicerequestupdates` (null: not asked yet), and when that was learnt. */
  updates: { offered: boolean; checkedAt: string } | null
}

export class StateFile {
  private readonly key: string

  constructor(private readonly storage: KeyValueStorage, baseUrl: string, jurisdictionId?: string) {
    this.key = `linli.open311:${baseUrl.replace(/\/+$/, '')}|${jurisdictionId ?? ''}`
  }

  read(): Open311State {
    const stored = readJson<Partial<Open311State>>(this.storage, this.key)
    const state: Open311State = {
      deviceId: typeof stored?.deviceId === 'string' ? stored.deviceId : randomId('dev_'),
      filed: Array.isArray(stored?.filed) ? stored.filed : [],
      snapshots: stored?.snapshots ?? {},
      catalogue: stored?.catalogue ?? null,
      definitions: stored?.definitions ?? {},
      updates: stored?.updates ?? null,
    }
    if (!stored?.deviceId) this.write(state)
    return state
  }

  write(state: Open311State): void {
    writeJson(this.storage, this.key, state)
  }

  /** Read, change, write back in one step. */
  update<T>(change: (state: Open311State) => T): T {
    const state = this.read()
    const out = change(state)
    this.write(state)
    return out
  }
}

import { makeAutoObservable } from 'mobx'
import type { KeyValueStorage } from '../platform/storage'

const ELDER_KEY = 'linli.ui.elder'

/** Preferences of this device: elder mode (large text, large targets). */
export class UiStore {
  elderMode: boolean

  constructor(private readonly storage: KeyValueStorage) {
    this.elderMode = storage.get(ELDER_KEY) === '1'
    makeAutoObservable<UiStore, 'storage'>(this, { storage: false }, { autoBind: true })
  }

  setElderMode(on: boolean): void {
    this.elderMode = on
    this.storage.set(ELDER_KEY, on ? '1' : '0')
  }
}

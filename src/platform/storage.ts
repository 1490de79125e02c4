import Taro from '@tarojs/taro'

/** Synchronous string storage: Taro storage in the app (localStorage on H5), a Map in tests. */
export interface KeyValueStorage {
  get(key: string): string | null
  set(key: string, value: string): void
  remove(key: string): void
}

export function taroStorage(): KeyValueStorage {
  return {
    get(key) {
      const value: unknown = Taro.getStorageSync(key)
      // weapp answers '' for a missing key.
      return typeof value === 'string' && value !== '' ? value : null
    },
    set(key, value) {
      Taro.setStorageSync(key, value)
    },
    remove(key) {
      Taro.removeStorageSync(key)
    },
  }
}

export function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage & { keys(): string[] } {
  const map = new Map(Object.entries(initial))
  return {
    get: (key) => map.get(key) ?? null,
    set: (key, value) => void map.set(key, value),
    remove: (key) => void map.delete(key),
    keys: () => [...map.keys()],
  }
}

export function readJson<T>(storage: KeyValueStorage, key: string): T | null {
  const raw = storage.get(key)
  if (raw === null) return null
  try {
    return JSON.parse(raw) as T
  } catch {
    // A torn write must not brick the app: treat it as absent.
    return null
  }
}

export function writeJson(storage: KeyValueStorage, key: string, value: unknown): void {
  storage.set(key, JSON.stringify(value))
}

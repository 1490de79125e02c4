import Taro from '@tarojs/taro'

/** Whether the device is online, and a way to hear when that changes. */
export interface NetworkStatus {
  isOnline(): boolean
  subscribe(listener: (online: boolean) => void): () => void
}

export function taroNetwork(): NetworkStatus {
  const listeners = new Set<(online: boolean) => void>()
  let online = true
  const update = (next: boolean) => {
    if (next === online) return
    online = next
    listeners.forEach((l) => l(online))
  }
  if (process.env.TARO_ENV === 'h5') {
    // Taro's H5 getNetworkType reads navigator.connection, which does not report "offline".
    online = typeof navigator === 'undefined' ? true : navigator.onLine
    window.addEventListener('online', () => update(true))
    window.addEventListener('offline', () => update(false))
  } else {
    Taro.getNetworkType({ success: (res) => update(res.networkType !== 'none') })
    Taro.onNetworkStatusChange((res) => update(res.isConnected))
  }
  return {
    isOnline: () => online,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

/** A network switch for tests and for the demo backend's own tests. */
export function fakeNetwork(initial = true): NetworkStatus & { set(online: boolean): void } {
  let online = initial
  const listeners = new Set<(online: boolean) => void>()
  return {
    isOnline: () => online,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    set(next) {
      if (next === online) return
      online = next
      listeners.forEach((l) => l(online))
    },
  }
}

import { makeAutoObservable, runInAction } from 'mobx'
import type { Report } from '../../types/domain'
import { Outbox, type OutboxItem, type ReportPayload, type SendResult } from '../api/outbox'
import type { NetworkStatus } from '../platform/network'
import type { KeyValueStorage } from '../platform/storage'
import type { OnSignOut } from './sign-out'

export type { OutboxItem }

const RETRY_BASE_MS = 5_000
const RETRY_MAX_MS = 60_000

/**
 * The reports waiting to be sent, for the screens: it sends one now when it can, and the rest
 * whenever the network comes back, with a growing pause between attempts while the backend is down.
 */
export class OutboxStore {
  items: OutboxItem[] = []
  flushing = false
  private outbox: Outbox | null = null
  private retryTimer: ReturnType<typeof setTimeout> | null = null
  private retryDelay = RETRY_BASE_MS
  private readonly unsubscribe: () => void
  /** Told about every report the outbox delivers (my-reports prepends it). */
  onSent: (report: Report) => void = () => undefined

  constructor(
    /** What the outbox sends with (`Outbox` asks for the client; it uses reports and media). */
    private readonly api: ConstructorParameters<typeof Outbox>[0],
    private readonly storage: KeyValueStorage,
    private readonly network: NetworkStatus,
    onSignOut: OnSignOut,
  ) {
    // The retry bookkeeping is not state: no screen shows it.
    makeAutoObservable<OutboxStore, 'api' | 'storage' | 'network' | 'outbox' | 'retryTimer' | 'retryDelay' | 'unsubscribe'>(
      this,
      { api: false, storage: false, network: false, outbox: false, retryTimer: false, retryDelay: false, unsubscribe: false, onSent: false },
      { autoBind: true },
    )
    this.unsubscribe = network.subscribe((online) => {
      if (online) void this.flush()
    })
    onSignOut(() => this.open(null))
  }

  /** Each user has their own outbox: a neighbour's queued report never goes out under my name. */
  open(userId: string | null): void {
    this.cancelRetry()
    this.outbox = userId ? new Outbox(this.api, this.storage, `linli.outbox.${userId}`) : null
    // Every change shows at once (an item turning "sending" hides its buttons).
    if (this.outbox) this.outbox.onChange = () => this.refresh()
    this.outbox?.recover()
    this.refresh()
  }

  get waiting(): number {
    return this.items.filter((i) => i.state !== 'failed').length
  }

  get failed(): OutboxItem[] {
    return this.items.filter((i) => i.state === 'failed')
  }

  private refresh(): void {
    this.items = this.outbox?.items() ?? []
  }

  /** Queue a report and try to send it now. Persisted before the first byte goes out. */
  async submit(key: string, payload: ReportPayload): Promise<SendResult> {
    if (!this.outbox) throw new Error('outbox is not open: nobody is signed in')
    this.outbox.add(key, payload)
    this.refresh()
    const result = await this.outbox.send(key)
    this.settle(result)
    return result
  }

  async flush(): Promise<void> {
    if (!this.outbox || this.flushing || !this.network.isOnline()) return
    this.flushing = true
    this.cancelRetry()
    try {
      const { sent, waiting } = await this.outbox.flush()
      sent.forEach((r) => this.onSent(r))
      if (waiting > 0) this.scheduleRetry()
      else this.retryDelay = RETRY_BASE_MS
    } finally {
      runInAction(() => {
        this.flushing = false
        this.refresh()
      })
    }
  }

  /** Drop an item the user gave up on (a failed one after they were told why, or one they cancelled). Not while it is being sent. */
  discard(key: string): boolean {
    return this.takeBack(key) !== null
  }

  /**
   * Take a waiting or refused item out of the outbox to change it in the form (a waiting one keeps
   * its key there, so if an earlier attempt did reach the backend, the corrected one never makes a
   * second report). Null while it is being sent, or when it is gone (sent in the meantime).
   */
  takeBack(key: string): OutboxItem | null {
    // What storage holds now, not what was last shown: a send may have just begun.
    const item = this.outbox?.items().find((i) => i.key === key)
    if (!item || item.state === 'sending') return null
    this.outbox?.remove(key)
    this.refresh()
    return item
  }

  private settle(result: SendResult): void {
    this.refresh()
    if (result.status === 'sent') {
      this.onSent(result.report)
      // Something got through: anything older still waiting can go too.
      if (this.items.some((i) => i.state === 'waiting')) void this.flush()
    } else if (result.status === 'waiting') {
      this.scheduleRetry()
    }
  }

  private scheduleRetry(): void {
    if (this.retryTimer || !this.outbox) return
    const delay = this.retryDelay
    this.retryDelay = Math.min(RETRY_MAX_MS, this.retryDelay * 2)
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      void this.flush()
    }, delay)
  }

  private cancelRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = null
  }

  dispose(): void {
    this.cancelRetry()
    this.unsubscribe()
  }
}

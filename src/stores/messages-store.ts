import { makeAutoObservable, runInAction } from 'mobx'
import type { Message, MessageThread } from '../../types/domain'
import type { ApiClient } from '../api/client'
import { isApiError, messageOf } from '../api/errors'
import { parseThreadId, validateMessage } from '../domain/messages'
import { appendPage } from '../domain/pages'
import { cleanText } from '../domain/text'
import { hasErrors, type FieldErrors } from '../domain/validation'

const PAGE_SIZE = 30

export type SendOutcome = { ok: true; message: Message } | { ok: false; message: string; fields: FieldErrors }

function byTime(a: Message, b: Message): number {
  return a.at.localeCompare(b.at) || a.id.localeCompare(b.id)
}

/**
 * 留言/回复: my threads (a report's thread, the general "ask the community" thread; for staff, the
 * residents' threads), one thread's messages oldest first, sending, and the unread count.
 */
export class MessagesStore {
  threads: MessageThread[] = []
  threadsLoaded = false
  loadingThreads = false
  error: string | null = null
  unread = 0
  /** Messages per thread id, oldest first. */
  messages = new Map<string, Message[]>()
  olderCursors = new Map<string, string | undefined>()
  threadErrors = new Map<string, string>()
  sending = false

  constructor(
    private readonly api: ApiClient,
    /** Who is signed in: my own general thread is addressed as 'general'. */
    private readonly me: () => string | null,
  ) {
    makeAutoObservable<MessagesStore, 'api' | 'me'>(this, { api: false, me: false }, { autoBind: true })
  }

  get available(): boolean {
    return this.api.capabilities.messages
  }

  thread(id: string): MessageThread | undefined {
    return this.threads.find((t) => t.id === id)
  }

  async loadThreads(): Promise<void> {
    if (!this.available || this.loadingThreads) return
    this.loadingThreads = true
    try {
      const [threads, unread] = await Promise.all([this.api.messages.listThreads(), this.api.messages.unreadCount()])
      runInAction(() => {
        this.threads = [...threads].sort((a, b) => b.lastMessageAt.localeCompare(a.lastMessageAt))
        this.unread = unread
        this.threadsLoaded = true
        this.error = null
      })
    } catch (error) {
      runInAction(() => (this.error = messageOf(error)))
    } finally {
      runInAction(() => (this.loadingThreads = false))
    }
  }

  async refreshUnread(): Promise<void> {
    if (!this.available) return
    try {
      const unread = await this.api.messages.unreadCount()
      runInAction(() => (this.unread = unread))
    } catch {
      // keep the last count
    }
  }

  /** Open a thread: its latest messages, then mark it read. A thread nobody wrote in yet is empty. */
  async open(threadId: string): Promise<void> {
    try {
      const page = await this.api.messages.listMessages(threadId, { limit: PAGE_SIZE })
      runInAction(() => {
        this.messages.set(threadId, [...page.items].sort(byTime))
        this.olderCursors.set(threadId, page.nextCursor)
        this.threadErrors.delete(threadId)
      })
    } catch (error) {
      if (isApiError(error) && error.kind === 'not_found') {
        runInAction(() => {
          this.messages.set(threadId, [])
          this.threadErrors.delete(threadId)
        })
        return
      }
      runInAction(() => this.threadErrors.set(threadId, messageOf(error)))
      return
    }
    await this.markRead(threadId)
  }

  async loadOlder(threadId: string): Promise<void> {
    const cursor = this.olderCursors.get(threadId)
    if (!cursor) return
    try {
      const page = await this.api.messages.listMessages(threadId, { cursor, limit: PAGE_SIZE })
      runInAction(() => {
        this.messages.set(threadId, appendPage(this.messages.get(threadId) ?? [], page.items).sort(byTime))
        this.olderCursors.set(threadId, page.nextCursor)
      })
    } catch (error) {
      runInAction(() => this.threadErrors.set(threadId, messageOf(error)))
    }
  }

  hasOlder(threadId: string): boolean {
    return Boolean(this.olderCursors.get(threadId))
  }

  private async markRead(threadId: string): Promise<void> {
    const thread = this.thread(threadId)
    if (thread && thread.unread === 0) return
    try {
      await this.api.messages.markRead(threadId)
    } catch {
      return
    }
    runInAction(() => {
      this.threads = this.threads.map((t) => (t.id === threadId ? { ...t, unread: 0 } : t))
    })
    await this.refreshUnread()
  }

  /** Post to a thread: a report's thread by its report, my own question thread as 'general'. */
  async send(threadId: string, body: string): Promise<SendOutcome> {
    if (this.sending) return { ok: false, message: '正在发送', fields: {} }
    const fields = validateMessage(body)
    if (hasErrors(fields)) return { ok: false, message: fields.body, fields }
    const ref = parseThreadId(threadId)
    const to = ref?.kind === 'report' ? { reportId: ref.reportId } : ref?.kind === 'general' && ref.ownerId === this.me() ? ('general' as const) : { threadId }
    this.sending = true
    try {
      const message = await this.api.messages.send(to, cleanText(body))
      runInAction(() => {
        // The backend names the thread; keep it under the id the screen asked for too.
        for (const id of new Set([threadId, message.threadId])) {
          const list = (this.messages.get(id) ?? []).filter((m) => m.id !== message.id)
          this.messages.set(id, [...list, message].sort(byTime))
        }
        this.threads = this.threads.map((t) =>
          t.id === message.threadId || t.id === threadId ? { ...t, lastMessageAt: message.at, lastMessagePreview: message.body } : t,
        )
      })
      return { ok: true, message }
    } catch (error) {
      return { ok: false, message: messageOf(error), fields: isApiError(error) ? error.fields : {} }
    } finally {
      runInAction(() => (this.sending = false))
    }
  }

  clear(): void {
    this.threads = []
    this.threadsLoaded = false
    this.error = null
    this.unread = 0
    this.messages.clear()
    this.olderCursors.clear()
    this.threadErrors.clear()
  }
}

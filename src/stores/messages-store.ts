import { makeAutoObservable, runInAction } from 'mobx'
import type { Message, MessageThread } from '../../types/domain'
import type { ApiClient } from '../api/client'
import { isApiError, messageOf } from '../api/errors'
import { parseThreadId, validateMessage } from '../domain/messages'
import { cleanText } from '../domain/text'
import { hasErrors, type FieldErrors } from '../domain/validation'
import { PagedList } from './paged-list'
import type { OnSignOut } from './sign-out'

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
  sending = false
  /** Each thread's messages, oldest first, read newest page first ("查看更早的留言" reads on). */
  private readonly pages = new Map<string, PagedList<Message>>()
  /** Bumped by `clear`: an answer asked for the previous user is not shown to the next. */
  private generation = 0

  constructor(
    private readonly api: Pick<ApiClient, 'messages' | 'capabilities'>,
    /** Who is signed in: my own general thread is addressed as 'general'. */
    private readonly me: () => string | null,
    onSignOut: OnSignOut,
  ) {
    makeAutoObservable<MessagesStore, 'api' | 'me' | 'generation'>(this, { api: false, me: false, generation: false }, { autoBind: true })
    onSignOut(this.clear)
  }

  get available(): boolean {
    return this.api.capabilities.messages
  }

  thread(id: string): MessageThread | undefined {
    return this.threads.find((t) => t.id === id)
  }

  /** A thread's messages, oldest first; undefined while its first page is on its way (and nothing was sent). */
  messagesOf(threadId: string): Message[] | undefined {
    const list = this.pages.get(threadId)
    return list && (list.loaded || list.items.length > 0) ? list.items : undefined
  }

  /** Why the thread could not be read, if it could not. */
  threadError(threadId: string): string | null {
    return this.pages.get(threadId)?.error ?? null
  }

  hasOlder(threadId: string): boolean {
    return this.pages.get(threadId)?.hasMore ?? false
  }

  async loadThreads(): Promise<void> {
    if (!this.available || this.loadingThreads) return
    const generation = this.generation
    this.loadingThreads = true
    try {
      const [threads, unread] = await Promise.all([this.api.messages.listThreads(), this.api.messages.unreadCount()])
      runInAction(() => {
        if (generation !== this.generation) return
        this.threads = [...threads].sort((a, b) => b.lastMessageAt.localeCompare(a.lastMessageAt))
        this.unread = unread
        this.threadsLoaded = true
        this.error = null
      })
    } catch (error) {
      runInAction(() => {
        if (generation === this.generation) this.error = messageOf(error)
      })
    } finally {
      runInAction(() => (this.loadingThreads = false))
    }
  }

  async refreshUnread(): Promise<void> {
    if (!this.available) return
    const generation = this.generation
    try {
      const unread = await this.api.messages.unreadCount()
      runInAction(() => {
        if (generation === this.generation) this.unread = unread
      })
    } catch {
      // keep the last count
    }
  }

  private pagesOf(threadId: string): PagedList<Message> {
    let list = this.pages.get(threadId)
    if (!list) {
      list = new PagedList<Message>(async (cursor) => {
        try {
          return await this.api.messages.listMessages(threadId, { ...(cursor ? { cursor } : {}), limit: PAGE_SIZE })
        } catch (error) {
          // A thread nobody wrote in yet does not exist: it is empty.
          if (!cursor && isApiError(error) && error.kind === 'not_found') return { items: [] }
          throw error
        }
      }, byTime)
      this.pages.set(threadId, list)
    }
    return list
  }

  /** Open a thread: its latest messages, then mark it read. A thread nobody wrote in yet is empty. */
  async open(threadId: string): Promise<void> {
    const list = this.pagesOf(threadId)
    const shown = await list.refresh()
    if (shown && list.items.length > 0) await this.markRead(threadId)
  }

  async loadOlder(threadId: string): Promise<void> {
    await this.pages.get(threadId)?.loadMore()
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
          this.pagesOf(id).update((items) => [...items.filter((m) => m.id !== message.id), message])
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
    this.generation += 1
    this.threads = []
    this.threadsLoaded = false
    this.loadingThreads = false
    this.error = null
    this.unread = 0
    this.sending = false
    this.pages.forEach((list) => list.clear())
    this.pages.clear()
  }
}

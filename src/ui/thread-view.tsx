import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useEffect, useState, type ReactNode } from 'react'
import { Composer } from '../components/composer'
import { MessageBubble, MessageList, type MessageItem } from '../components/message-list'
import { ROLE_LABEL } from '../domain/labels'
import { toast } from '../navigation'
import { formatTime } from '../platform/time'
import { useStores } from '../stores/context'
import { THREAD } from './texts'
import { VirtualPage, type PageEntry } from './virtual-page'
import './thread-view.css'

export interface ThreadViewProps {
  threadId: string
  /** Shown above the conversation (a report page's section), or nothing on the thread page. */
  title?: string
  hint?: string
  placeholder?: string
  sendLabel?: string
  /**
   * The conversation is the page (the thread page): each message an entry of a virtual list, the
   * answer box after them, `head` above. Otherwise it is a card within a page (a report's thread).
   */
  asPage?: boolean
  head?: ReactNode
}

/** A conversation and a box to answer in: on the thread page, a report's page, the handling page. */
export const ThreadView = observer(function ThreadView({ threadId, title, hint, placeholder = THREAD.placeholder, sendLabel = THREAD.send, asPage = false, head }: ThreadViewProps) {
  const { messages, session, ui } = useStores()
  const [text, setText] = useState('')
  const [error, setError] = useState<string | undefined>()
  useEffect(() => {
    if (messages.available && threadId) void messages.open(threadId)
  }, [messages, threadId])
  if (!messages.available) return null

  const now = ui.now // relative times move on while the page is open
  const me = session.user?.id
  const list = messages.messagesOf(threadId)
  const items: MessageItem[] = (list ?? []).map((m) => ({
    id: m.id,
    author: `${ROLE_LABEL[m.authorRole]} ${m.authorName}`,
    body: m.body,
    time: formatTime(m.at, now),
    mine: m.authorId === me,
  }))
  const failure = messages.threadError(threadId)

  const send = async () => {
    const outcome = await messages.send(threadId, text)
    if (outcome.ok) {
      setText('')
      setError(undefined)
    } else {
      setError(outcome.fields.body ?? (Object.keys(outcome.fields).length ? Object.values(outcome.fields)[0] : undefined))
      if (!outcome.fields.body) toast(outcome.message)
    }
  }

  const older = messages.hasOlder(threadId) && (
    <View className='thread-view__older muted' onClick={() => void messages.loadOlder(threadId)}>
      {THREAD.loadOlder}
    </View>
  )
  const failed = failure && (
    <View className='field-error' onClick={() => void messages.open(threadId)}>
      {failure}
    </View>
  )
  const composer = (
    <Composer
      name='body'
      value={text}
      onChange={(value) => {
        setText(value)
        if (error) setError(undefined)
      }}
      onSend={() => void send()}
      sending={messages.sending}
      placeholder={placeholder}
      sendLabel={sendLabel}
      error={error}
    />
  )

  if (asPage) {
    // A long conversation stays light: only the messages near the screen are drawn.
    const entries: PageEntry[] = [
      {
        key: 'head',
        render: () => (
          <View className='thread-view thread-view--page' data-thread={threadId}>
            {head}
            {title && <View className='section-title'>{title}</View>}
            {hint && <View className='muted thread-view__hint'>{hint}</View>}
            {older}
            {failed || (!list && <View className='muted'>{THREAD.loading}</View>) || (list && items.length === 0 && <View className='message-list__empty muted'>{THREAD.empty}</View>)}
          </View>
        ),
      },
      ...(failure ? [] : items).map((m) => ({
        key: m.id,
        render: () => (
          <View className='message-list message-list--page'>
            <MessageBubble message={m} />
          </View>
        ),
      })),
    ]
    return <VirtualPage entries={entries} footer={<View className='thread-view__composer'>{composer}</View>} estimatedHeight={110} />
  }

  return (
    <View className='card thread-view' data-thread={threadId}>
      {title && <View className='section-title'>{title}</View>}
      {hint && <View className='muted thread-view__hint'>{hint}</View>}
      {older}
      {failed || (list ? <MessageList items={items} empty={THREAD.empty} /> : <View className='muted'>{THREAD.loading}</View>)}
      {composer}
    </View>
  )
})

import { Text, View } from '@tarojs/components'
import './index.css'

export interface MessageItem {
  id: string
  /** "社区工作者 张敏"; empty for my own messages. */
  author: string
  body: string
  /** Already formatted. */
  time: string
  mine: boolean
}

/** One message: mine on the right, theirs on the left. The body is plain text. */
export function MessageBubble({ message: m }: { message: MessageItem }) {
  return (
    <View className={`message ${m.mine ? 'message--mine' : 'message--theirs'}`} data-id={m.id}>
      <View className='message__meta'>
        {m.mine ? '我' : m.author} · {m.time}
      </View>
      <Text className='message__body' userSelect>
        {m.body}
      </Text>
    </View>
  )
}

/** A conversation, oldest first: my words on the right, theirs on the left. Bodies are plain text. */
export function MessageList({ items, empty }: { items: MessageItem[]; empty: string }) {
  if (items.length === 0) return <View className='message-list__empty muted'>{empty}</View>
  return (
    <View className='message-list'>
      {items.map((m) => (
        <MessageBubble key={m.id} message={m} />
      ))}
    </View>
  )
}

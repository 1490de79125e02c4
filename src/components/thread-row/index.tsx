import { Text, View } from '@tarojs/components'
import type { MessageThread } from '../../../types/domain'
import './index.css'

export interface ThreadRowProps {
  thread: Pick<MessageThread, 'id' | 'title' | 'lastMessagePreview' | 'unread'>
  /** Already formatted; empty for a thread with no message yet. */
  when: string
  onOpen: (id: string) => void
}

/** A conversation in 消息: its title, the last words, how many are unread. */
export function ThreadRow({ thread, when, onOpen }: ThreadRowProps) {
  return (
    <View className='thread-row card tap-target' data-id={thread.id} aria-role='button' onClick={() => onOpen(thread.id)}>
      <View className='row'>
        <Text className='thread-row__title grow'>{thread.title}</Text>
        {thread.unread > 0 && (
          <Text className='thread-row__unread' aria-label={`${thread.unread}条未读`}>
            {thread.unread > 99 ? '99+' : thread.unread}
          </Text>
        )}
      </View>
      <View className='row'>
        <Text className='thread-row__preview grow'>{thread.lastMessagePreview}</Text>
        {when && <Text className='muted thread-row__when'>{when}</Text>}
      </View>
    </View>
  )
}

import { Text, View } from '@tarojs/components'
import type { Notice } from '../../../types/domain'
import './index.css'

/** 置顶 / 紧急 / 楼栋 marks of a notice. */
export function NoticeFlags({ notice }: { notice: Pick<Notice, 'pinned' | 'urgent' | 'scope'> }) {
  return (
    <>
      {notice.pinned && <Text className='notice-flag notice-flag--pinned'>置顶</Text>}
      {notice.urgent && <Text className='notice-flag notice-flag--urgent'>紧急</Text>}
      {notice.scope.kind === 'buildings' && <Text className='notice-flag notice-flag--building'>楼栋</Text>}
    </>
  )
}

export interface NoticeRowProps {
  notice: Notice
  /** Already formatted ("11月21日 14:30"). */
  when: string
  onOpen: (id: string) => void
}

/** A notice in a list: flags, title, first line of the text (as text), an unread dot. */
export function NoticeRow({ notice, when, onOpen }: NoticeRowProps) {
  return (
    <View
      className={`notice-row card tap-target${notice.read ? '' : ' notice-row--unread'}`}
      data-id={notice.id}
      aria-role='button'
      onClick={() => onOpen(notice.id)}
    >
      <View className='row'>
        {/* The dot says 未读 to a screen reader; the row's name is its text (what is seen is what is read). */}
        {!notice.read && (
          <View className='notice-row__dot'>
            <Text className='sr-only'>未读</Text>
          </View>
        )}
        <NoticeFlags notice={notice} />
        <Text className='notice-row__title grow'>{notice.title}</Text>
      </View>
      <Text className='notice-row__preview'>{notice.body}</Text>
      <View className='muted'>
        {notice.authorName} · {when}
      </View>
    </View>
  )
}

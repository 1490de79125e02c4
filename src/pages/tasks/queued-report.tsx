import { observer } from 'mobx-react-lite'
import { OutboxRow } from '../../components/outbox-row'
import { confirm, go, toast, ROUTES } from '../../navigation'
import { fromNow } from '../../platform/time'
import { useStores } from '../../stores/context'
import type { OutboxItem } from '../../stores/outbox-store'

/**
 * A report kept on the phone (offline, or refused): listed in 我的诉求 with the reports, so it can be
 * read, taken back into the form to change it, or cancelled.
 */
export const QueuedReport = observer(function QueuedReport({ item }: { item: OutboxItem }) {
  const { outbox, draft, directory, ui } = useStores()

  const edit = async () => {
    // The form holds another report being written: replacing it loses those words, so ask.
    if (draft.hasContent && draft.draft.key !== item.key) {
      const replace = await confirm({
        title: '替换正在填写的内容？',
        content: '“反映问题”里还有没提交的内容，取回这条诉求会替换它。',
        confirm: '替换',
        cancel: '不替换',
      })
      if (!replace) return
    }
    const taken = outbox.takeBack(item.key)
    if (!taken) {
      toast('这条诉求正在发送，请稍候')
      return
    }
    draft.restore(taken.state === 'failed' ? undefined : taken.key, taken.payload)
    go(ROUTES.newReport)
  }

  const cancel = async () => {
    const sure = await confirm({
      title: item.state === 'failed' ? '删除这条诉求？' : '取消发送这条诉求？',
      content: '删除后不会提交给社区，填写的内容和照片也不再保留。',
      confirm: '删除',
      cancel: '保留',
    })
    if (!sure) return
    if (!outbox.discard(item.key)) toast('这条诉求正在发送，请稍候')
  }

  return (
    <OutboxRow
      id={item.key}
      categoryName={directory.category(item.payload.categoryId)?.name ?? '诉求'}
      description={item.payload.description}
      photoCount={item.payload.photos.length}
      saved={`${fromNow(item.createdAt, ui.now)}保存在手机上`}
      state={item.state}
      reason={item.error?.message}
      onEdit={() => void edit()}
      onCancel={() => void cancel()}
    />
  )
})

import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStores } from '../stores/context'
import './outbox-banner.css'

/** Reports waiting in the outbox, and the ones the backend refused, always in sight. */
export const OutboxBanner = observer(function OutboxBanner() {
  const { outbox } = useStores()
  if (outbox.items.length === 0) return null
  return (
    <View className='outbox-banner card' aria-role='status'>
      {outbox.waiting > 0 && (
        <View className='outbox-banner__waiting'>
          {outbox.flushing ? `正在发送 ${outbox.waiting} 条诉求…` : `${outbox.waiting} 条诉求等待发送，联网后会自动提交`}
        </View>
      )}
      {outbox.failed.map((item) => (
        <View className='outbox-banner__failed row' key={item.key}>
          <View className='grow'>
            未能提交：{item.payload.description.slice(0, 16)}…（{item.error?.message ?? '未知原因'}）
          </View>
          <View className='outbox-banner__discard' onClick={() => outbox.discard(item.key)}>
            删除
          </View>
        </View>
      ))}
    </View>
  )
})

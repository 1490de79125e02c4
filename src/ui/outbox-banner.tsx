import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { go, ROUTES } from '../navigation'
import { useStores } from '../stores/context'
import './outbox-banner.css'

/**
 * Reports kept on the phone, always in sight: how many wait for the network, how many were refused.
 * A tap opens 我的诉求, where each is listed to read, change or cancel.
 */
export const OutboxBanner = observer(function OutboxBanner() {
  const { outbox } = useStores()
  if (outbox.items.length === 0) return null
  return (
    <View className='outbox-banner card tap-target' aria-role='button' onClick={() => go(ROUTES.tasks)}>
      {outbox.waiting > 0 && (
        <View className='outbox-banner__waiting'>
          {outbox.flushing ? `正在发送 ${outbox.waiting} 条诉求…` : `${outbox.waiting} 条诉求等待发送，联网后会自动提交`}
        </View>
      )}
      {outbox.failed.length > 0 && <View className='outbox-banner__failed'>{outbox.failed.length} 条诉求未能提交，请查看原因并修改</View>}
      <View className='muted outbox-banner__hint'>在“我的诉求”里可以查看、修改或取消</View>
    </View>
  )
})

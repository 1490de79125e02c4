import { Text, View } from '@tarojs/components'
import './index.css'

export interface OutboxRowProps {
  /** The queued report's key (its idempotency key). */
  id: string
  categoryName: string
  description: string
  photoCount: number
  /** Already formatted ("3 分钟前保存"): components hold no clock. */
  saved: string
  state: 'waiting' | 'sending' | 'failed'
  /** Why the backend refused it (failed only). */
  reason?: string
  /** Take it back into the form to change it (not while it is being sent). */
  onEdit: (id: string) => void
  /** Give it up (not while it is being sent). */
  onCancel: (id: string) => void
}

const STATE_LABEL: Record<OutboxRowProps['state'], string> = { waiting: '等待发送', sending: '正在发送', failed: '未能提交' }

/** A report kept on the phone until it can be sent: what it says, where it stands, change or cancel it. */
export function OutboxRow({ id, categoryName, description, photoCount, saved, state, reason, onEdit, onCancel }: OutboxRowProps) {
  const busy = state === 'sending'
  return (
    <View className={`outbox-row card outbox-row--${state}`} data-id={id}>
      <View className='row'>
        <Text className='outbox-row__category grow'>{categoryName}</Text>
        <Text className={`outbox-row__state outbox-row__state--${state}`}>{STATE_LABEL[state]}</Text>
      </View>
      <View className='outbox-row__text'>{description}</View>
      <View className='muted'>
        {saved}
        {photoCount > 0 ? ` · ${photoCount}张照片` : ''}
      </View>
      {state === 'failed' && reason && <View className='outbox-row__reason'>原因：{reason}</View>}
      {state === 'waiting' && <View className='muted outbox-row__hint'>联网后会自动提交，不用重新填写</View>}
      {!busy && (
        <View className='row outbox-row__actions'>
          <View className='outbox-row__action tap-target' aria-role='button' data-action='edit' onClick={() => onEdit(id)}>
            {state === 'failed' ? '修改后重新提交' : '查看和修改'}
          </View>
          <View className='outbox-row__action outbox-row__action--cancel tap-target' aria-role='button' data-action='cancel' onClick={() => onCancel(id)}>
            {state === 'failed' ? '删除' : '取消发送'}
          </View>
        </View>
      )}
    </View>
  )
}

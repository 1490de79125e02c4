import { Button, TextArea } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import { Chips } from '../../components/chips'
import { FieldError } from '../../components/field-error'
import { toast } from '../../navigation'
import { BOOKING_LIMITS } from '../../domain/booking/validation'
import { useStores } from '../../stores/context'
import { BK } from '../texts'

/** How much may be written beside a chip: the reason sent (`chip：text`) stays within the limit. */
export function noteMax(chip: string | null): number {
  return chip && chip !== BK.cancelOther ? BOOKING_LIMITS.reasonMax - chip.length - 1 : BOOKING_LIMITS.reasonMax
}

/** The reason sent: the chip, and what was written (required with 其他原因). */
export function cancelReason(chip: string | null, text: string): { reason?: string; error?: string } {
  const note = text.trim()
  if (!chip) return { error: BK.cancelPick }
  if (chip === BK.cancelOther) return note ? { reason: note } : { error: BK.cancelOtherMissing }
  return { reason: note ? `${chip}：${note}` : chip }
}

/** 取消预约: a reason picked (and written when 其他), then confirmed; the provider reads it. */
export const CancelSheet = observer(function CancelSheet({ bookingId, title, onClose }: { bookingId: string; title: string; onClose: () => void }) {
  const { myBookings } = useStores()
  const [chip, setChip] = useState<string | null>(null)
  const [text, setText] = useState('')
  const [error, setError] = useState<string | undefined>()
  const send = async () => {
    const { reason, error: missing } = cancelReason(chip, text)
    if (!reason) {
      setError(missing)
      return
    }
    const outcome = await myBookings.cancel(bookingId, reason)
    if (!outcome.ok) {
      // Refused because it is over already (an earlier try went through): the page shows it as it is now.
      const now = myBookings.get(bookingId)
      if (now && !now.can.cancel) {
        toast(outcome.message)
        onClose()
        return
      }
      setError(outcome.fields.reason ?? outcome.message)
      return
    }
    toast(BK.cancelDone, 'success')
    onClose()
  }
  return (
    <View className='bk-sheet' aria-role='dialog' aria-label={title}>
      <View className='bk-sheet__panel'>
        <View className='section-title'>{title}</View>
        <View className='muted bk-sheet__ask'>{BK.cancelAsk}</View>
        <Chips
          name='cancel-reason'
          options={BK.cancelReasons.map((r) => ({ value: r, label: r }))}
          selected={chip ? [chip] : []}
          onTap={(v) => {
            setChip(v)
            setText((t) => t.slice(0, noteMax(v)))
            setError(undefined)
          }}
        />
        <TextArea className='bk-sheet__text' value={text} placeholder={BK.cancelDetail} maxLength={noteMax(chip)} autoSize onChange={(v) => setText(v.slice(0, noteMax(chip)))} />
        <FieldError field='reason' message={error} />
        <View className='bk-sheet__actions'>
          <Button className='bk-sheet__confirm' type='danger' block size='large' loading={myBookings.busy === 'cancel'} onClick={() => void send()}>
            {BK.cancelConfirm}
          </Button>
          <Button className='bk-sheet__keep' type='primary' fill='outline' block size='large' onClick={onClose}>
            {BK.cancelKeep}
          </Button>
        </View>
      </View>
    </View>
  )
})

import { Button, TextArea } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import { FieldError } from '../../components/field-error'
import { toast } from '../../navigation'
import { useStores } from '../../stores/context'
import { BK } from '../texts'

const STARS = [1, 2, 3, 4, 5]

/** 评价: 1 to 5 stars, each a target of its own, and a comment. */
export const RateCard = observer(function RateCard({ bookingId }: { bookingId: string }) {
  const { myBookings } = useStores()
  const [stars, setStars] = useState(0)
  const [comment, setComment] = useState('')
  const [error, setError] = useState<string | undefined>()
  const send = async () => {
    const outcome = await myBookings.rate(bookingId, stars, comment)
    if (!outcome.ok) {
      setError(outcome.fields.stars ?? outcome.fields.comment ?? outcome.message)
      return
    }
    toast(BK.rated, 'success')
  }
  return (
    <View className='card bk-rate'>
      <View className='section-title'>{BK.rateTitle}</View>
      <View className='bk-stars' aria-role='radiogroup' data-chips='stars'>
        {STARS.map((n) => (
          <View
            key={n}
            className={`bk-star tap-target${n <= stars ? ' bk-star--on' : ''}`}
            data-value={n}
            aria-role='radio'
            aria-checked={n === stars}
            aria-label={BK.stars(n)}
            onClick={() => {
              setStars(n)
              setError(undefined)
            }}
          >
            {n <= stars ? '★' : '☆'}
          </View>
        ))}
      </View>
      <TextArea className='bk-rate__comment' value={comment} placeholder={BK.rateComment} maxLength={200} autoSize onChange={(v) => setComment(v)} />
      <FieldError field='stars' message={error} />
      <Button className='bk-rate__submit' type='primary' block size='large' loading={myBookings.busy === 'rate'} onClick={() => void send()}>
        {BK.rateSubmit}
      </Button>
    </View>
  )
})

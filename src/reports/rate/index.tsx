import { Button, TextArea } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import type { RatingLevel } from '../../../types/domain'
import { FieldError } from '../../components/field-error'
import { RATING_LABEL } from '../../domain/labels'
import { validateRating } from '../../domain/validation'
import { back, ROUTES, toast } from '../../navigation'
import { useStores } from '../../stores/context'
import { Screen } from '../../ui/screen'
import { T } from '../texts'
import './index.css'

const LEVELS: RatingLevel[] = ['satisfied', 'basically_satisfied', 'unsatisfied']

/** 满意 / 基本满意 / 不满意 + a comment; 不满意 sends the report back for 重办. */
function RatePage() {
  const { params } = useRouter()
  const id = decodeURIComponent(params.id ?? '')
  const { reportDetails } = useStores()
  const [level, setLevel] = useState<RatingLevel | undefined>()
  const [comment, setComment] = useState('')
  const [attempted, setAttempted] = useState(false)
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({})

  const errors = { ...(attempted ? validateRating(level, comment) : {}), ...serverErrors }

  const submit = async () => {
    setAttempted(true)
    if (Object.keys(validateRating(level, comment)).length > 0) return
    const outcome = await reportDetails.rate(id, level!, comment)
    if (outcome.ok) {
      toast(level === 'unsatisfied' ? '已提交，社区将重新办理' : '感谢您的评价', 'success')
      back(ROUTES.tasks)
    } else {
      setServerErrors(outcome.fields)
      toast(outcome.message)
    }
  }

  return (
    <Screen requireSignIn className='rate'>
      <View className='card'>
        <View className='section-title'>您对办理结果满意吗？</View>
        <View className='rate__levels'>
          {LEVELS.map((l) => (
            <View
              key={l}
              className={`rate__level tap-target rate__level--${l}${level === l ? ' rate__level--on' : ''}`}
              data-level={l}
              aria-role='radio'
              aria-checked={level === l}
              onClick={() => {
                setLevel(l)
                setServerErrors({})
              }}
            >
              {RATING_LABEL[l]}
            </View>
          ))}
        </View>
        <FieldError field='level' message={errors.level} />
        {level === 'unsatisfied' && <View className='rate__warn'>选择“不满意”后，这件事会退回社区重新办理（重办）。</View>}
      </View>
      <View className='card'>
        <View className='section-title'>{level === 'unsatisfied' ? '哪里不满意？（必填）' : '说点什么（选填）'}</View>
        <TextArea className='rate__comment' value={comment} onChange={setComment} maxLength={-1} placeholder={T.ratePlaceholder[level ?? 'satisfied']} />
        <FieldError field='comment' message={errors.comment} />
      </View>
      <Button className='rate__submit' type='primary' block size='xlarge' loading={reportDetails.rating} onClick={() => void submit()}>
        提交评价
      </Button>
    </Screen>
  )
}

export default observer(RatePage)

// This subpackage's stores (ADR 32): before anything of the page.
import '../stores'
import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useRef, useState } from 'react'
import type { HouseholdTag } from '../../../types/domain'
import { Chips } from '../../components/chips'
import { FieldError } from '../../components/field-error'
import { HOUSEHOLD_TAGS, TAG_LABEL } from '../../domain/booking/rules'
import type { FieldErrors } from '../../domain/validation'
import { toast } from '../../navigation'
import { householdKey } from '../../stores/booking-desk-store'
import { useStores } from '../../stores/context'
import { HouseholdPicker, type HouseholdChoice } from '../household-picker'
import { StaffScreen } from '../staff-parts'
import '../staff.css'

const TAGS = HOUSEHOLD_TAGS.map((t) => ({ value: t, label: TAG_LABEL[t] }))

/** 住户类别: find a household (building, room) and set its tags for services only some may book. */
function HouseholdTagsPage() {
  const { bookingDesk: desk, directory } = useStores()
  const [home, setHome] = useState<HouseholdChoice>({})
  const [tags, setTags] = useState<HouseholdTag[]>([])
  const [errors, setErrors] = useState<FieldErrors>({})
  const touched = useRef(false)
  const picked = useRef<HouseholdChoice>({})
  const saved = home.buildingId && home.room ? desk.savedTags.get(householdKey(home.buildingId, home.room)) : undefined
  const buildingName = directory.directory?.buildings.find((b) => b.id === home.buildingId)?.name ?? ''

  const pick = (next: HouseholdChoice) => {
    setHome(next)
    setErrors({})
    const known = next.buildingId && next.room ? desk.savedTags.get(householdKey(next.buildingId, next.room)) : undefined
    setTags(known ? [...known] : [])
    // What the household carries now, read from the backend: the chips start from it, unless
    // staff have tapped a chip meanwhile or picked another household.
    touched.current = false
    picked.current = next
    if (next.buildingId && next.room) {
      void desk.loadTags(next.buildingId, next.room).then((stored) => {
        if (stored && !touched.current && picked.current === next) setTags([...stored])
      })
    }
  }
  const toggle = (t: HouseholdTag) => {
    touched.current = true
    setTags((now) => (now.includes(t) ? now.filter((x) => x !== t) : HOUSEHOLD_TAGS.filter((x) => x === t || now.includes(x))))
  }
  const save = async () => {
    const out = await desk.saveTags({ buildingId: home.buildingId ?? '', room: home.room ?? '', tags })
    if (out.ok) {
      setErrors({})
      toast('已保存', 'success')
    } else {
      setErrors(out.fields)
      toast(out.message)
    }
  }
  return (
    <StaffScreen className='sb-tags'>
      <View className='card muted'>为高龄、残疾、低保家庭登记类别，仅面向这些家庭的服务（如助老上门服务）才能预约。保存后以本次选择为准。</View>
      <View className='card'>
        <View className='section-title'>选择住户</View>
        <HouseholdPicker value={home} onChange={pick} errors={errors} />
      </View>
      <View className='card'>
        <View className='section-title'>住户类别</View>
        <Chips name='tags' multiple options={TAGS} selected={tags} onTap={(v) => toggle(v as HouseholdTag)} />
        <View className='muted sb-tags__none'>都不选：该户不属于以上类别</View>
        <FieldError field='tags' message={errors.tags} />
        {saved && (
          <View className='sb-tags__saved' data-saved={saved.join(',')}>
            {buildingName}
            {home.room} 已登记：{saved.length ? saved.map((t) => TAG_LABEL[t]).join('、') : '无'}
          </View>
        )}
      </View>
      <Button className='sb-tags__save' type='primary' block size='xlarge' loading={desk.tagsBusy} onClick={() => void save()}>
        保存
      </Button>
    </StaffScreen>
  )
}

export default observer(HouseholdTagsPage)

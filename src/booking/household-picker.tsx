import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Chips } from '../components/chips'
import { FieldError } from '../components/field-error'
import { useStores } from '../stores/context'

export interface HouseholdChoice {
  buildingId?: string
  room?: string
}

/** A household of the community: its building, then its room. */
export const HouseholdPicker = observer(function HouseholdPicker({
  value,
  onChange,
  errors = {},
}: {
  value: HouseholdChoice
  onChange: (next: HouseholdChoice) => void
  errors?: { buildingId?: string; room?: string }
}) {
  const { directory } = useStores()
  const buildings = directory.directory?.buildings ?? []
  const building = buildings.find((b) => b.id === value.buildingId)
  return (
    <View className='sb-household'>
      <View className='se-label'>楼栋</View>
      <Chips name='building' options={buildings.map((b) => ({ value: b.id, label: b.name }))} selected={value.buildingId ? [value.buildingId] : []} onTap={(v) => onChange({ buildingId: v })} />
      <FieldError field='buildingId' message={errors.buildingId} />
      {building && (
        <>
          <View className='se-label'>房号</View>
          <Chips name='room' options={building.rooms.map((r) => ({ value: r, label: r }))} selected={value.room ? [value.room] : []} onTap={(v) => onChange({ ...value, room: v })} />
        </>
      )}
      <FieldError field='room' message={errors.room} />
    </View>
  )
})

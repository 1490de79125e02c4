import { Input, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { OpeningHours } from '../../../types/domain'
import { Chips } from '../../components/chips'
import { FieldError } from '../../components/field-error'
import { addDays, beijingDate } from '../../domain/beijing-time'
import { useStores } from '../../stores/context'
import { Act } from '../staff-parts'
import { SE } from './texts'

/** A labelled one-line input with its message. */
export function Field(props: { label: string; field: string; value: string; onInput: (v: string) => void; error?: string; number?: boolean; placeholder?: string; unit?: string; max?: number }) {
  return (
    <View className={`se-field se-field--${props.field.replace(/\./g, '-')}`}>
      <View className='se-label'>{props.label}</View>
      <View className='row'>
        <Input
          className='sb-input grow se-input'
          type={props.number ? 'number' : 'text'}
          value={props.value}
          maxlength={props.max ?? 140}
          placeholder={props.placeholder ?? props.label}
          onInput={(e) => props.onInput(e.detail.value)}
        />
        {props.unit && <View className='se-unit'>{props.unit}</View>}
      </View>
      <FieldError field={props.field} message={props.error} />
    </View>
  )
}

const WEEKDAYS: Array<{ day: OpeningHours['weekday']; label: string }> = [
  { day: 1, label: '周一' },
  { day: 2, label: '周二' },
  { day: 3, label: '周三' },
  { day: 4, label: '周四' },
  { day: 5, label: '周五' },
  { day: 6, label: '周六' },
  { day: 7, label: '周日' },
]

/** Weekly hours: each weekday's sessions (start–end), several a day. */
export const HoursEditor = observer(function HoursEditor() {
  const { bookingDesk } = useStores()
  const ed = bookingDesk.editor
  return (
    <View className='card se-hours'>
      <View className='section-title'>{SE.hours}</View>
      <View className='muted'>{SE.hoursHint}</View>
      {WEEKDAYS.map(({ day, label }) => (
        <View key={day} className='se-weekday' data-weekday={day}>
          <View className='row'>
            <View className='grow se-weekday__name'>{label}</View>
            <Act name={`add-hours-${day}`} onTap={() => ed.addHours(day)}>
              {SE.addHours}
            </Act>
          </View>
          {ed.form.hours.map((h, i) =>
            h.weekday !== day ? null : (
              <View key={i} className='row se-window' data-window={i}>
                <Input className='sb-input se-time' value={h.start} maxlength={5} placeholder='09:00' onInput={(e) => ed.updateHours(i, { start: e.detail.value })} />
                <View className='se-dash'>至</View>
                <Input className='sb-input se-time' value={h.end} maxlength={5} placeholder='12:00' onInput={(e) => ed.updateHours(i, { end: e.detail.value })} />
                <Act name='remove-hours' kind='danger' onTap={() => ed.removeHours(i)}>
                  {SE.remove}
                </Act>
              </View>
            ),
          )}
        </View>
      ))}
      <FieldError field='hours' message={ed.errors.hours} />
    </View>
  )
})

/** Days that differ: closed (a holiday) with a note, or an extra session. */
export const ExceptionsEditor = observer(function ExceptionsEditor() {
  const { bookingDesk, ui } = useStores()
  const ed = bookingDesk.editor
  const tomorrow = addDays(beijingDate(ui.now), 1)
  return (
    <View className='card se-exceptions'>
      <View className='section-title'>{SE.exceptions}</View>
      {ed.form.exceptions.map((e, i) => (
        <View key={i} className='se-exception' data-exception={i}>
          <Chips
            name={`exception-kind-${i}`}
            options={SE.exceptionKinds}
            selected={[e.kind]}
            onTap={(v) => ed.updateException(i, v === 'extra' ? { kind: 'extra', start: e.start || '14:00', end: e.end || '16:00' } : { kind: 'closed' })}
          />
          <View className='row se-exception__line'>
            <Input className='sb-input grow se-date' value={e.date} maxlength={10} placeholder='2026-12-31' onInput={(ev) => ed.updateException(i, { date: ev.detail.value })} />
            <Act name='remove-exception' kind='danger' onTap={() => ed.removeException(i)}>
              {SE.remove}
            </Act>
          </View>
          {e.kind === 'extra' && (
            <View className='row se-window'>
              <Input className='sb-input se-time' value={e.start} maxlength={5} placeholder='14:00' onInput={(ev) => ed.updateException(i, { start: ev.detail.value })} />
              <View className='se-dash'>至</View>
              <Input className='sb-input se-time' value={e.end} maxlength={5} placeholder='16:00' onInput={(ev) => ed.updateException(i, { end: ev.detail.value })} />
            </View>
          )}
          <Input className='sb-input se-note' value={e.note} maxlength={40} placeholder={e.kind === 'closed' ? SE.closedNote : SE.extraNote} onInput={(ev) => ed.updateException(i, { note: ev.detail.value })} />
        </View>
      ))}
      <View className='row sb-tiles'>
        <Act name='add-closed' onTap={() => ed.addException('closed', tomorrow)}>
          {SE.addClosed}
        </Act>
        <Act name='add-extra' onTap={() => ed.addException('extra', tomorrow)}>
          {SE.addExtra}
        </Act>
      </View>
      <FieldError field='exceptions' message={ed.errors.exceptions} />
    </View>
  )
})

/** Booking questions: a label, its kind, required or not; added and removed. */
export const QuestionsEditor = observer(function QuestionsEditor() {
  const { bookingDesk } = useStores()
  const ed = bookingDesk.editor
  return (
    <View className='card se-questions'>
      <View className='section-title'>{SE.questions}</View>
      <View className='muted'>{SE.questionsHint}</View>
      {ed.form.questions.map((q, i) => (
        <View key={q.id} className='se-question' data-question={q.id}>
          <View className='row'>
            <Input className='sb-input grow se-question__label' value={q.label} maxlength={40} placeholder={SE.questionPlaceholder} onInput={(e) => ed.updateQuestion(i, { label: e.detail.value })} />
            <Act name='remove-question' kind='danger' onTap={() => ed.removeQuestion(i)}>
              {SE.remove}
            </Act>
          </View>
          <Chips name={`question-kind-${q.id}`} options={SE.questionKinds} selected={[q.kind]} onTap={(v) => ed.updateQuestion(i, { kind: v as typeof q.kind })} />
          <Chips name={`question-required-${q.id}`} multiple options={[{ value: 'required', label: SE.required }]} selected={q.required ? ['required'] : []} onTap={() => ed.updateQuestion(i, { required: !q.required })} />
        </View>
      ))}
      <Act name='add-question' onTap={() => ed.addQuestion()}>
        {SE.addQuestion}
      </Act>
      <FieldError field='questions' message={ed.errors.questions} />
    </View>
  )
})

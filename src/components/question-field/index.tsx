import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import type { ReportQuestion } from '../../../types/domain'
import { ANSWER_LIMITS, dateTimeAnswer, dateTimeParts } from '../../domain/report-questions'
import { textLength } from '../../domain/text'
import { FieldError } from '../field-error'
import { OptionList } from '../option-list'
import './index.css'

export type AnswerValue = string | string[] | undefined

export interface QuestionFieldProps {
  question: ReportQuestion
  value: AnswerValue
  /** The question's message (keyed `attribute.<code>`), shown under it. */
  error?: string
  /** A new answer; `undefined` takes the answer back. */
  onChange: (value: AnswerValue) => void
  /** The person has left the field, or chosen in it: its message may show. */
  onLeave: () => void
}

/** One extra question of a category (an Open311 service's attribute), as the field its type asks for. */
export function QuestionField({ question, value, error, onChange, onLeave }: QuestionFieldProps) {
  const { code, label, hint, required } = question
  if (!question.asked) {
    return (
      <View className='question question--info' data-question={code}>
        <View className='question__info'>{label}</View>
        {hint && <View className='muted question__hint'>{hint}</View>}
      </View>
    )
  }
  return (
    <View className={`question question--${question.type}`} data-question={code}>
      <View className='question__label'>
        <Text>{label}</Text>
        {required ? <Text className='question__required'>必填</Text> : <Text className='question__optional'>选填</Text>}
      </View>
      {hint && <View className='muted question__hint'>{hint}</View>}
      <AnswerInput question={question} value={value} onChange={onChange} onLeave={onLeave} />
      <FieldError field={`attribute.${code}`} message={error} />
    </View>
  )
}

function AnswerInput({ question, value, onChange, onLeave }: Omit<QuestionFieldProps, 'error'>) {
  const { label, type } = question
  const text = typeof value === 'string' ? value : ''
  const typed = (next: string) => onChange(next === '' ? undefined : next)
  switch (type) {
    case 'string':
    case 'number':
      return (
        <Input
          className='question__input'
          type={type === 'number' ? 'digit' : 'text'}
          value={text}
          placeholder={type === 'number' ? '请填写数字' : '请填写'}
          maxlength={type === 'number' ? 32 : ANSWER_LIMITS.string + 20}
          nativeProps={{ 'aria-label': label }}
          onInput={(e) => typed(e.detail.value)}
          onBlur={onLeave}
        />
      )
    case 'text': {
      const length = textLength(text.trim())
      return (
        <>
          <Textarea
            className='question__textarea'
            value={text}
            placeholder='请填写'
            maxlength={-1}
            autoHeight
            nativeProps={{ 'aria-label': label }}
            onInput={(e) => typed(e.detail.value)}
            onBlur={onLeave}
          />
          <View className={`question__count${length > ANSWER_LIMITS.text ? ' question__count--over' : ''}`}>
            {length}/{ANSWER_LIMITS.text}
          </View>
        </>
      )
    }
    case 'datetime':
      return <DateTimeInput question={question} value={value} onChange={onChange} onLeave={onLeave} />
    case 'singlevaluelist':
      return (
        <OptionList
          name={question.code}
          label={label}
          options={question.options}
          selected={text}
          onSelect={(v) => {
            onChange(v)
            onLeave()
          }}
        />
      )
    case 'multivaluelist': {
      const chosen = Array.isArray(value) ? value : []
      return (
        <OptionList
          name={question.code}
          label={label}
          multiple
          options={question.options}
          selected={chosen}
          onSelect={(v) => {
            // Kept in the options' order, whatever order they were tapped in.
            const next = chosen.includes(v) ? chosen.filter((c) => c !== v) : question.options.map((o) => o.value).filter((o) => o === v || chosen.includes(o))
            onChange(next.length > 0 ? next : undefined)
            onLeave()
          }}
        />
      )
    }
  }
}

/** A date picker and a time picker (Beijing time); the answer is set once both are chosen. */
function DateTimeInput({ question, value, onChange, onLeave }: Omit<QuestionFieldProps, 'error'>) {
  // What is picked before the answer is whole (a date without its time) stays here.
  const [picked, setPicked] = useState(() => dateTimeParts(value))
  const answered = typeof value === 'string' && value !== ''
  const shown = answered ? dateTimeParts(value) : picked
  const pick = (part: 'date' | 'time', chosen: string) => {
    const next = { ...shown, [part]: chosen }
    setPicked(next)
    const answer = dateTimeAnswer(next.date, next.time)
    if (answer) {
      onChange(answer)
      onLeave()
    }
  }
  const clear = () => {
    setPicked({ date: '', time: '' })
    onChange(undefined)
  }
  return (
    <View className='question__when'>
      <Picker mode='date' value={shown.date} onChange={(e) => pick('date', String(e.detail.value))}>
        <View className='question__pick question__pick--date tap-target' aria-role='button' aria-label={`${question.label}：${shown.date ? `日期 ${shown.date}` : '选择日期'}`}>
          {shown.date || '选择日期'}
        </View>
      </Picker>
      <Picker mode='time' value={shown.time || '12:00'} onChange={(e) => pick('time', String(e.detail.value))}>
        <View className='question__pick question__pick--time tap-target' aria-role='button' aria-label={`${question.label}：${shown.time ? `时间 ${shown.time}` : '选择时间'}`}>
          {shown.time || '选择时间'}
        </View>
      </Picker>
      {(answered || shown.date || shown.time) && (
        <View className='question__clear tap-target' aria-role='button' onClick={clear}>
          清除
        </View>
      )}
    </View>
  )
}

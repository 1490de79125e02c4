import { Text, View } from '@tarojs/components'
import type { FinanceItem, FinanceTable as Table } from '../../../types/domain'
import { formatYuan } from '../../domain/consultation/disclosures'
import './index.css'

export interface FinanceTableProps {
  table: Table
  /** Words, given by the screen. */
  texts: {
    income: string
    expense: string
    totalIncome: string
    totalExpense: string
    openingBalance: string
    closingBalance: string
    /** "1,234.50" → "1,234.50元". */
    yuan: (amount: string) => string
  }
}

/** A 财务公开's table: income lines, expense lines, each with its total, and the balances when given. Amounts in yuan. */
export function FinanceTable({ table, texts }: FinanceTableProps) {
  const group = (kind: FinanceItem['kind'], title: string, totalLabel: string, total: number) => {
    const items = table.items.filter((i) => i.kind === kind)
    return (
      <View className={`finance-table__group finance-table__group--${kind}`} data-kind={kind}>
        <View className='finance-table__group-title'>{title}</View>
        {items.map((item, i) => (
          <View key={`${kind}-${i}`} className='finance-table__line' data-line={i}>
            <Text className='finance-table__name'>{item.name}</Text>
            <Text className='finance-table__amount'>{texts.yuan(formatYuan(item.amountFen))}</Text>
          </View>
        ))}
        <View className='finance-table__line finance-table__total' data-total={kind}>
          <Text className='finance-table__name'>{totalLabel}</Text>
          <Text className='finance-table__amount'>{texts.yuan(formatYuan(total))}</Text>
        </View>
      </View>
    )
  }
  return (
    <View className='finance-table'>
      {table.openingBalanceFen !== undefined && (
        <View className='finance-table__line finance-table__balance' data-balance='opening'>
          <Text className='finance-table__name'>{texts.openingBalance}</Text>
          <Text className='finance-table__amount'>{texts.yuan(formatYuan(table.openingBalanceFen))}</Text>
        </View>
      )}
      {group('income', texts.income, texts.totalIncome, table.totalIncomeFen)}
      {group('expense', texts.expense, texts.totalExpense, table.totalExpenseFen)}
      {table.closingBalanceFen !== undefined && (
        <View className='finance-table__line finance-table__balance' data-balance='closing'>
          <Text className='finance-table__name'>{texts.closingBalance}</Text>
          <Text className='finance-table__amount'>{texts.yuan(formatYuan(table.closingBalanceFen))}</Text>
        </View>
      )}
    </View>
  )
}

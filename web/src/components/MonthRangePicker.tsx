import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { MonthRange } from './stats';

interface Props {
  value: MonthRange;
  onChange: (range: MonthRange) => void;
}

/** A month range; it may span years (DESIGN.md, second half: "2020年以来" is 2020-01..the current month). */
export function MonthRangePicker({ value, onChange }: Props) {
  return (
    <DatePicker.RangePicker
      picker="month"
      allowClear={false}
      data-testid="month-range"
      value={[dayjs(`${value.from}-01`), dayjs(`${value.to}-01`)]}
      disabledDate={(current: Dayjs) => current.isAfter(dayjs(), 'month')}
      onChange={(dates) => {
        const [from, to] = dates ?? [];
        if (!from || !to) return;
        onChange({ from: from.format('YYYY-MM'), to: to.format('YYYY-MM') });
      }}
    />
  );
}

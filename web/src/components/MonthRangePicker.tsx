import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { MonthRange } from './stats';

interface Props {
  value: MonthRange;
  onChange: (range: MonthRange) => void;
}

/** A month range inside one calendar year (the statistics are defined for a period within one year). */
export function MonthRangePicker({ value, onChange }: Props) {
  return (
    <DatePicker.RangePicker
      picker="month"
      allowClear={false}
      data-testid="month-range"
      value={[dayjs(`${value.from}-01`), dayjs(`${value.to}-01`)]}
      disabledDate={(current: Dayjs, info?: { from?: Dayjs }) =>
        current.isAfter(dayjs(), 'month') || (info?.from ? current.year() !== info.from.year() : false)
      }
      onChange={(dates) => {
        const [from, to] = dates ?? [];
        if (!from || !to) return;
        // a range across years keeps the end's year
        const start = from.year() === to.year() ? from : to.startOf('year');
        onChange({ from: start.format('YYYY-MM'), to: to.format('YYYY-MM') });
      }}
    />
  );
}

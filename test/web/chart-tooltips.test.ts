/**
 * Stored XSS through chart tooltips (issue 10, item 9): every HTML string an ECharts formatter returns escapes the
 * names it shows (web/src/components/html.ts). A name like <img src=x onerror=…> must come out as text.
 */
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../web/src/components/html';
import { subRegionMapOption } from '../../web/src/components/charts/map-options';
import { horizontalFundsOption, monthlyOption } from '../../web/src/components/charts/options';

const PAYLOAD = `<img src=x onerror="window.__xss=1">&'`;
const ESCAPED = '&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;&amp;&#39;';

type Formatter = (params: unknown) => string;
function tooltipFormatter(option: unknown): Formatter {
  return (option as { tooltip: { formatter: Formatter } }).tooltip.formatter;
}

describe('chart tooltips', () => {
  it('escapeHtml turns every markup character into an entity', () => {
    expect(escapeHtml(PAYLOAD)).toBe(ESCAPED);
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(12)).toBe('12');
  });

  it('the funds bars (sub-regions, parks, rankings) escape the name and the series name', () => {
    const format = tooltipFormatter(horizontalFundsOption([{ name: PAYLOAD, fundsYuan: 100 }], PAYLOAD));
    const html = format([{ name: PAYLOAD, seriesName: PAYLOAD, data: { value: 1, yuan: 100 } }]);
    expect(html).not.toContain('<img');
    expect(html).toContain(ESCAPED);
  });

  it('the monthly chart escapes the axis name and the series names, keeping ECharts\' marker', () => {
    const format = tooltipFormatter(monthlyOption({ year: 2026, thisYear: [1], lastYear: [1] }, 1));
    const marker = '<span style="background-color:#c8102e;"></span>';
    const html = format([{ name: PAYLOAD, seriesName: PAYLOAD, marker, data: { value: 1, yuan: 100 } }]);
    expect(html).not.toContain('<img');
    expect(html).toContain(ESCAPED);
    expect(html).toContain(marker);
  });

  it('the sub-region map escapes the region name and the labels', () => {
    const option = subRegionMapOption('m', { '650109': PAYLOAD }, [{ code: '650109', name: PAYLOAD, fundsYuan: 100, yoyPct: 1 }], {
      funds: PAYLOAD,
      yoy: '同比',
      noData: PAYLOAD,
    });
    const format = tooltipFormatter(option);
    for (const html of [format({ name: '650109', data: { name: '650109', value: 100, yoyPct: 1 } }), format({ name: '650109' })]) {
      expect(html).not.toContain('<img');
      expect(html).toContain(ESCAPED);
    }
  });
});

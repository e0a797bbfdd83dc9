import { describe, expect, it } from 'vitest';
import type { IndicatorSectionInput, IndicatorSectionItem } from './indicator-section-input.js';
import { sparkline } from './indicator-sparkline.js';
import { renderCommitteeReport } from './render-committee-report.js';
import { renderIndicatorDocument } from './render-indicator-document.js';
import { directionOfTravel, renderIndicators } from './render-indicators.js';
import { createStatusPalette } from './status-colours.js';
import { sampleCommitteeReportInput as sample } from './test-support/sample-committee-report-input.js';
import { indicatorSectionIssues } from './validate-indicator-section.js';

const bv12: IndicatorSectionItem = {
  code: 'BV12',
  title: 'Working Days Lost Due to Sickness Absence',
  polarity: 'lower',
  value: '9.3',
  target: '7.5',
  previous: '8.7',
  direction: 'worsening',
  targetMet: false,
  status: 'Satisfactory',
  derivedStatus: 'Alert',
  note: '*July 2019 figure',
  trend: [
    { period: '2017/18', value: 13.6 },
    { period: '2018/19', value: 8.7 },
    { period: '2019/20 Q1', value: 9.3 },
  ],
};
const bv8: IndicatorSectionItem = {
  code: 'BV8',
  title: 'Invoices paid within 30 days',
  polarity: 'higher',
  value: '99.5%',
  target: '99%',
  previous: null,
  direction: null,
  targetMet: true,
  status: 'Satisfactory',
  derivedStatus: 'Satisfactory',
  trend: [{ period: '2019/20 Q1', value: 99.5 }],
};
const section: IndicatorSectionInput = {
  period: '2019/20 Q1',
  counts: [
    { status: 'Satisfactory', count: 1 },
    { status: 'Alert', count: 1 },
  ],
  items: [bv12, bv8],
  disagreements: ['BV12'],
};
const palette = () => createStatusPalette();

describe('renderIndicators', () => {
  it('prints each indicator with value, target met or not, previous, direction in words and both statuses', () => {
    const page = renderIndicators(section, palette()).value;
    expect(page).toContain('<h2 id="indicators-heading">Indicators, 2019/20 Q1</h2>');
    expect(page).toContain('2 indicators: 1 Satisfactory, 1 Alert');
    const row = page.slice(page.indexOf('data-code="BV12"'), page.indexOf('data-code="BV8"'));
    expect(row).toContain('<td class="num">9.3</td>');
    expect(row).toContain('7.5<span class="sub">not met</span>');
    expect(row).toContain('lower is better');
    // Worsening for a lower-is-better indicator: the value went up.
    expect(row).toContain('<span aria-hidden="true">↑</span> worsening');
    expect(row).toContain('class="mismatch"');
    expect(row).toContain('*July 2019 figure');
    const other = page.slice(page.indexOf('data-code="BV8"'));
    expect(other).toContain('no previous value');
    expect(other).not.toContain('class="mismatch"');
  });

  it('lists the disagreements among the exceptions, in words', () => {
    const page = renderIndicators(section, palette()).value;
    expect(page).toContain(
      'reported status disagrees with the figures <span class="exception-count">(1)</span>',
    );
    expect(page).toContain(
      '<li><strong>BV12</strong> Working Days Lost Due to Sickness Absence: reported Satisfactory, but the value 9.3 against the target 7.5 is not met (derived Alert).</li>',
    );
    const none = renderIndicators({ ...section, disagreements: [] }, palette()).value;
    expect(none).toContain('Every reported indicator status agrees with the figures.');
  });

  it('escapes text from the input', () => {
    const page = renderIndicators(
      { ...section, items: [{ ...bv12, title: '<script>x</script>' }, bv8] },
      palette(),
    ).value;
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;');
  });
});

describe('directionOfTravel', () => {
  it.each([
    ['improving', 'higher', '↑'],
    ['improving', 'lower', '↓'],
    ['worsening', 'higher', '↓'],
    ['worsening', 'lower', '↑'],
    ['unchanged', 'higher', '→'],
  ] as const)('%s for %s-is-better draws %s beside the word', (direction, polarity, arrow) => {
    expect(directionOfTravel(direction, polarity).value).toBe(
      `<span class="travel ${direction}"><span aria-hidden="true">${arrow}</span> ${direction}</span>`,
    );
  });
});

describe('sparkline', () => {
  it('is an image whose accessible name lists every period and value, with gaps for missing ones', () => {
    const svg = sparkline('BV12', [
      { period: '2017/18', value: 13.6 },
      { period: '2018/19', value: null },
      { period: '2019/20 Q1', value: 9.3 },
      { period: '2019/20 Q2', value: 9.1 },
    ]).value;
    expect(svg).toContain('role="img"');
    expect(svg).toContain(
      'aria-label="Trend of BV12: 2017/18 13.6; 2018/19 no value; 2019/20 Q1 9.3; 2019/20 Q2 9.1"',
    );
    // Two pieces: a lone point, then a new move after the gap.
    expect(svg.match(/M/g)).toHaveLength(2);
  });

  it('prints only the text when there are fewer than two values', () => {
    expect(sparkline('BV8', [{ period: '2019/20 Q1', value: 99.5 }]).value).toBe(
      '<span class="sparkline-text">2019/20 Q1 99.5</span>',
    );
  });
});

describe('the committee report with an indicators section', () => {
  it('adds the section after the exceptions, and leaves a report without one unchanged', () => {
    const without = renderCommitteeReport(sample);
    const withSection = renderCommitteeReport({ ...sample, indicators: section });
    expect(without).not.toContain('id="indicators"');
    expect(withSection.indexOf('id="indicators"')).toBeGreaterThan(withSection.indexOf('id="exceptions"'));
    // Without a section not even its styles are added, so earlier reports keep their bytes
    // (the golden-file test of render-committee-report checks exactly that).
    expect(without).not.toContain('indicators-table');
    expect(withSection).toContain('.indicators-table {');
  });

  it('refuses an indicators section whose counts do not add up or whose disagreements name no item', () => {
    expect(indicatorSectionIssues(section)).toEqual([]);
    expect(
      indicatorSectionIssues({ ...section, counts: [{ status: 'Alert', count: 1 }], disagreements: ['X1'] }),
    ).toEqual([
      'indicators.counts: counts sum to 1, not the 2 items',
      "indicators.disagreements[0]: 'X1' is not an item",
    ]);
    expect(() =>
      renderCommitteeReport({ ...sample, indicators: { ...section, disagreements: ['X1'] } }),
    ).toThrow(/indicators.disagreements\[0\]/);
  });
});

describe('renderIndicatorDocument', () => {
  it('is a self-contained page with the section, its styles and no script', () => {
    const page = renderIndicatorDocument(section, { title: 'Indicators 2019/20 Q1', basis: 'as now known' });
    expect(page).toMatch(/^<!DOCTYPE html>/);
    expect(page).toContain('<h1>Indicators 2019/20 Q1</h1>');
    expect(page).toContain('.indicators-table {');
    expect(page).toContain('data-code="BV12"');
    expect(page).not.toMatch(/<script|src="http/);
    expect(() =>
      renderIndicatorDocument({ ...section, disagreements: ['X1'] }, { title: 't', basis: 'b' }),
    ).toThrow(/'X1' is not an item/);
  });
});

import { describe, expect, it } from 'vitest';
import { statusBarChart, statusLabelWidth } from './status-bar-chart.js';
import { createStatusPalette } from './status-colours.js';

const render = (counts: readonly { status: string; count: number }[], total: number) =>
  statusBarChart({
    id: 'chart',
    title: 'Actions by RAG status',
    counts,
    total,
    palette: createStatusPalette(),
  }).value;

const barWidths = (svg: string) =>
  [...svg.matchAll(/<rect class="bar" [^>]*width="([\d.]+)"/g)].map((match) => Number(match[1]));

describe('statusBarChart', () => {
  const counts = [
    { status: 'Green', count: 11 },
    { status: 'Amber', count: 0 },
    { status: 'Red', count: 2 },
    { status: 'Complete', count: 3 },
  ];

  it('draws one bar per status, labelled with the status and "count (percent)"', () => {
    const svg = render(counts, 16);
    expect(svg.match(/<g class="bar-row"/g)).toHaveLength(4);
    expect(svg).toContain('>Green</text>');
    expect(svg).toContain('>11 (68.8%)</text>');
    expect(svg).toContain('>0 (0%)</text>');
    expect(svg).toContain('>2 (12.5%)</text>');
    expect(svg).toContain('>3 (18.8%)</text>');
  });

  it('scales bars to the largest count, and draws a zero as no bar', () => {
    const [green, amber, red] = barWidths(render(counts, 16));
    expect(amber).toBe(0);
    expect(green! / red!).toBeCloseTo(11 / 2, 1);
  });

  it('names itself and lists every value for screen readers', () => {
    const svg = render(counts, 16);
    expect(svg).toMatch(
      /^<svg class="bar-chart" role="img" aria-labelledby="chart-title" aria-describedby="chart-desc"/,
    );
    expect(svg).toContain('<title id="chart-title">Actions by RAG status</title>');
    expect(svg).toContain(
      '<desc id="chart-desc">Green: 11 (68.8%); Amber: 0 (0%); Red: 2 (12.5%); Complete: 3 (18.8%)</desc>',
    );
  });

  it('escapes status words', () => {
    const svg = render([{ status: '<script>x</script>', count: 1 }], 1);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;x&lt;/script&gt;');
  });

  it('widens the label column for long statuses, within limits', () => {
    expect(statusLabelWidth(['Red'])).toBe(90);
    expect(statusLabelWidth(['Behind > 1 quarter'])).toBeGreaterThan(120);
    expect(statusLabelWidth(['x'.repeat(200)])).toBe(220);
  });
});

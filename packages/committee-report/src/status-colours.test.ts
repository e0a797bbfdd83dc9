import { describe, expect, it } from 'vitest';
import { createStatusPalette, neutralStatusColours } from './status-colours.js';

describe('status colours', () => {
  it('gives RAG and Pentana words their conventional colours, ignoring case and spacing', () => {
    const palette = createStatusPalette();
    expect(palette.colourOf('Green')).toBe('#2e8540');
    expect(palette.colourOf(' AMBER ')).toBe('#f2a900');
    expect(palette.colourOf('red')).toBe('#c8102e');
    expect(palette.colourOf('Overdue')).toBe(palette.colourOf('Red'));
    expect(palette.colourOf('Warning')).toBe(palette.colourOf('Amber'));
    expect(palette.colourOf('Complete')).toBe(palette.colourOf('Completed'));
    expect(palette.colourOf('Blue')).toBe(palette.colourOf('Completed'));
    expect(palette.colourOf('Complete')).not.toBe(palette.colourOf('Green'));
    expect(palette.colourOf('in  progress')).toBe(palette.colourOf('In Progress'));
    expect(palette.colourOf('Cancelled')).not.toBe(palette.colourOf('Not Started'));
  });

  it('hands out neutral colours to other words in order of first use, stably', () => {
    const palette = createStatusPalette();
    expect(palette.colourOf('Parked')).toBe(neutralStatusColours[0]);
    expect(palette.colourOf('On hold')).toBe(neutralStatusColours[1]);
    expect(palette.colourOf('parked')).toBe(neutralStatusColours[0]);
    for (const colour of neutralStatusColours) {
      expect(['#2e8540', '#f2a900', '#c8102e']).not.toContain(colour);
    }
  });

  it('takes hex overrides and ignores anything else, so no CSS can be injected', () => {
    const palette = createStatusPalette({
      green: '#00703C',
      Red: 'red;background:url(https://example.org/x)',
      Amber: '#ffdd0',
    });
    expect(palette.colourOf('Green')).toBe('#00703c');
    expect(palette.colourOf('Red')).toBe('#c8102e');
    expect(palette.colourOf('Amber')).toBe('#f2a900');
  });
});

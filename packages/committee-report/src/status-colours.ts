/**
 * Default colours for the status words of the built-in keys (RAG, Pentana action and indicator,
 * delivery-plan), matched ignoring case and spacing. Completed is blue, not green (as in BRAG,
 * where Blue means complete), so that it stays distinct from Green in a RAG report. Every colour is drawn with a dark outline and a
 * printed label, so nothing depends on colour alone.
 *
 * @example
 * ```ts
 * defaultStatusColours.get('overdue'); // '#c8102e'
 * ```
 */
export const defaultStatusColours: ReadonlyMap<string, string> = new Map([
  ['green', '#2e8540'],
  ['on track', '#2e8540'],
  ['in progress', '#2e8540'],
  ['satisfactory', '#2e8540'],
  ['blue', '#1d70b8'],
  ['complete', '#1d70b8'],
  ['completed', '#1d70b8'],
  ['✓', '#1d70b8'],
  ['√', '#1d70b8'],
  ['amber', '#f2a900'],
  ['warning', '#f2a900'],
  ['slightly behind', '#f2a900'],
  ['behind > 1 quarter', '#e06b10'],
  ['δ', '#e06b10'],
  ['red', '#c8102e'],
  ['overdue', '#c8102e'],
  ['alert', '#c8102e'],
  ['to be closed', '#8b1a1a'],
  ['×', '#8b1a1a'],
  ['not started', '#a0a8ad'],
  ['cancelled', '#505a5f'],
  ['unknown', '#c4c8cb'],
  ['data only', '#5694ca'],
]);

/**
 * Muted colours, none of them red, amber or green, for statuses with no conventional meaning,
 * handed out in order of first appearance.
 */
export const neutralStatusColours: readonly string[] = Object.freeze([
  '#6a4c93',
  '#1b7f79',
  '#8d6e63',
  '#3d5a80',
  '#4a6572',
  '#9c4f96',
  '#2f4858',
  '#9a7b4f',
]);

const hexColour = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/**
 * Gives each status a stable colour for one report: the caller's override if it is a hex colour,
 * else the default for a known word, else the next neutral colour in order of first request.
 *
 * @example
 * ```ts
 * const palette = createStatusPalette({ Green: '#00703c' }, { Completed: '✓' });
 * palette.symbolOf('completed'); // '✓'
 * palette.colourOf('GREEN'); // '#00703c'
 * palette.colourOf('Red'); // '#c8102e'
 * palette.colourOf('Parked'); // '#6a4c93' (the first neutral colour)
 * ```
 */
export function createStatusPalette(
  overrides: Readonly<Record<string, string>> = {},
  symbols: Readonly<Record<string, string>> = {},
): StatusPalette {
  const chosen = new Map<string, string>();
  for (const [status, colour] of Object.entries(overrides)) {
    if (hexColour.test(colour)) chosen.set(normaliseStatus(status), colour.toLowerCase());
  }
  const symbolOf = new Map<string, string>();
  for (const [status, symbol] of Object.entries(symbols)) {
    if (symbol.trim() !== '') symbolOf.set(normaliseStatus(status), symbol.trim());
  }
  let nextNeutral = 0;
  return {
    symbolOf(status: string): string | undefined {
      return symbolOf.get(normaliseStatus(status));
    },
    colourOf(status: string): string {
      const key = normaliseStatus(status);
      const known = chosen.get(key) ?? defaultStatusColours.get(key);
      if (known) return known;
      const colour = neutralStatusColours[nextNeutral % neutralStatusColours.length] ?? '#4a6572';
      nextNeutral += 1;
      chosen.set(key, colour);
      return colour;
    },
  };
}

/**
 * A status-to-colour lookup, see {@link createStatusPalette}.
 *
 * @example
 * ```ts
 * const colour: string = palette.colourOf('Amber');
 * ```
 */
export interface StatusPalette {
  /** The hex colour for a status word, matched ignoring case and repeated spaces. */
  colourOf(status: string): string;
  /** The symbol printed before a status word ("✓", "Δ", "×"), if the report has one for it. */
  symbolOf(status: string): string | undefined;
}

function normaliseStatus(status: string): string {
  return status.trim().replace(/\s+/g, ' ').toLowerCase();
}

import { revealHiddenCharacters } from '@perfledger/core/text';

/**
 * A fragment of markup that is already safe to place in the document. Only {@link html} and
 * {@link rawHtml} make one, so every other value that reaches the page is escaped.
 *
 * @example
 * ```ts
 * html`<p>${'<script>'}</p>`.value; // '<p>&lt;script&gt;</p>'
 * ```
 */
export class SafeHtml {
  readonly value: string;

  constructor(value: string) {
    this.value = value;
  }

  toString(): string {
    return this.value;
  }
}

/** What a template hole accepts: text (escaped), markup, lists of markup, or nothing. */
export type HtmlValue =
  | string
  | number
  | SafeHtml
  | readonly (SafeHtml | null | undefined | false)[]
  | null
  | undefined
  | false;

const replacements: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for an HTML or SVG text node or a quoted attribute. Hidden characters (control
 * characters but tab and line feed, bidirectional controls such as U+202E, invisible format
 * characters) are first shown as `[U+202E]` markers by core's `revealHiddenCharacters`, so
 * text stored by an older build can neither make the file invalid nor reorder what the committee
 * reads.
 *
 * @example
 * ```ts
 * escapeHtml('Tom & Jerry <b>"quoted"</b>'); // 'Tom &amp; Jerry &lt;b&gt;&quot;quoted&quot;&lt;/b&gt;'
 * escapeHtml('Pay \u202E0001£'); // 'Pay [U+202E]0001£'
 * ```
 */
export function escapeHtml(text: string): string {
  return revealHiddenCharacters(text).replace(
    /[&<>"']/g,
    (character) => replacements[character] ?? character,
  );
}

/**
 * A tagged template that escapes every hole unless it is already {@link SafeHtml}. `null`,
 * `undefined` and `false` print nothing, so conditional fragments read naturally.
 *
 * @example
 * ```ts
 * const title = '<script>alert(1)</script>';
 * html`<td>${title}</td>`.value; // '<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>'
 * html`<ul>${['a', 'b'].map((item) => html`<li>${item}</li>`)}</ul>`.value; // '<ul><li>a</li><li>b</li></ul>'
 * ```
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

/**
 * Marks trusted markup, such as the style sheet, as safe. Never pass user text to it.
 *
 * @example
 * ```ts
 * rawHtml('<br>').value; // '<br>'
 * ```
 */
export function rawHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (typeof value === 'number') return escapeHtml(String(value));
  if (typeof value === 'string') return escapeHtml(value);
  return value.map((fragment) => (fragment ? fragment.value : '')).join('');
}

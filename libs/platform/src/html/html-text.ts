const replacements: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML and SVG content and for quoted attribute values alike. Every text of a page goes through it:
 * labels, notes and footnotes come from hub metadata that an administrator types.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => replacements[character] ?? character);
}

/** A tagged template that escapes every interpolated value unless it is already markup (`raw`). */
export function html(strings: TemplateStringsArray, ...values: readonly (string | number | Markup | readonly Markup[])[]): Markup {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });
  return new Markup(out);
}

/** Text that is already safe markup, built by `html` (or `raw` for constants of the page itself). */
export class Markup {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

/** Marks a constant of the page's own source (a style sheet, an SVG path) as markup. Never for data. */
export function raw(text: string): Markup {
  return new Markup(text);
}

function render(value: string | number | Markup | readonly Markup[]): string {
  if (value instanceof Markup) return value.text;
  if (Array.isArray(value)) return value.map((item: Markup) => item.text).join('');
  return escapeHtml(String(value));
}

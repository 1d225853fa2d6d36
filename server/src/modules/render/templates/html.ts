/**
 * A tiny tagged template for HTML: every interpolated value is escaped unless it is itself
 * the result of `html` (or `unsafeHtml`), so a report that contains `<script>` prints as text.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** For markup the code itself produced (the stylesheet); never for user text. */
export function unsafeHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** Text with line breaks as paragraphs (each escaped). */
export function paragraphs(text: string, className = 'para'): SafeHtml {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  return html`${lines.map((l) => html`<p class="${className}">${l}</p>`)}`;
}

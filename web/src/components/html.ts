/**
 * The one way the web app puts text into an HTML string. React escapes what it renders; HTML built by hand —
 * ECharts tooltip formatters return markup — must pass every value that comes from data (region, park, project,
 * investor and industry names, series names, labels) through escapeHtml, or a name such as
 * `<img src=x onerror=…>` runs as script.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

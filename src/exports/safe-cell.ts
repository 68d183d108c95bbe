/**
 * Formula-injection protection for exported spreadsheets (CSV/xlsx injection): a text cell that
 * starts with = + - @ tab or carriage return is prefixed with an apostrophe, so Excel, WPS and
 * LibreOffice show it as text instead of evaluating it.
 */
const DANGEROUS_START = /^[=+\-@\t\r]/;

export function safeCell(value: string): string {
  return DANGEROUS_START.test(value) ? `'${value}` : value;
}

/** safeCell for optional text; null and undefined stay empty. */
export function safeText(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : safeCell(value);
}

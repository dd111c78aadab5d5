/** Number formats shared by the bench's tables. */

/** A figure with `digits` decimals and thousands separators. */
export const fmt = (n: number, digits = 2) => n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
/** A whole number with thousands separators (counts, megabytes). */
export const whole = (n: number) => Math.round(n).toLocaleString('en');
/** `a` as a multiple of `b` ("1.21×"), or a dash when `b` is 0. */
export const ratio = (a: number, b: number) => (b > 0 ? `${fmt(a / b)}×` : '—');

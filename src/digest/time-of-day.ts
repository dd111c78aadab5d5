/** A time of day as stored: HH:MM on a 24-hour clock. */
export const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A time of day as a person types it (H:MM or HH:MM, 24-hour), as stored; null when it is not one. */
export function parseTimeOfDay(text: string): string | null {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return match ? `${match[1]!.padStart(2, '0')}:${match[2]}` : null;
}

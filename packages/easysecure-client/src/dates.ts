/**
 * p_StartDate / p_ExpireDate: "datetime format string (yyyy-mm-dd hh:ii:ss)" (the ESWS user insert/update page).
 * The string carries no zone; the vendor reads it as its own local time. EasySecure International is a Dutch
 * company whose servers keep Dutch time, so a `Date` is written as the wall-clock time in "Europe/Amsterdam"
 * unless the client is configured with another IANA zone (`timeZone` option). Strings are sent as given.
 *
 * The vendor "will add the current date" / "2030-12-31" when a value "is not provided or the format is not
 * ok" — silently — so the client checks the format and that the value is a real calendar date and time.
 */

export const DEFAULT_TIME_ZONE = "Europe/Amsterdam";

/** `yyyy-mm-dd hh:ii:ss`, the contract's tns:esDateTime without its empty alternative. */
export const ESWS_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

export type DateFormatter = (date: Date) => string;

/**
 * A formatter for `Date`s in `timeZone`.
 * @throws RangeError when `timeZone` is not a time zone Intl knows.
 */
export function createDateFormatter(timeZone: string): DateFormatter {
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  });
  return (date) => {
    const parts: Record<string, string> = {};
    for (const part of format.formatToParts(date)) parts[part.type] = part.value;
    const year = (parts.year ?? "").padStart(4, "0");
    return `${year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
  };
}

/** Whether a `yyyy-mm-dd hh:ii:ss` string names a real date and time (no 2024-02-30, no 24:00:00). */
export function isRealDateTime(text: string): boolean {
  const m = ESWS_DATE_TIME.exec(text);
  if (m === null) return false;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day <= daysInMonth;
}

/**
 * Numbers that identify a person, as they can turn up inside an error's message or stack (a
 * database error quoting a row, a library echoing its input): a phone with its country code
 * (`+86 138 0000 0001`, `008613800000001`, `8613800000001`), a Chinese mobile without it
 * (`13800000001`), and an 18-digit resident ID number. Telegram chat ids (up to 10 digits) and
 * epoch seconds stay readable: they are what an operator needs to follow a failure.
 */
const personalNumbers: readonly RegExp[] = [
  // Resident ID: 17 digits and a check digit or X.
  /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g,
  // International, with + or 00: at least 7 digits, spaces and hyphens allowed between them.
  /(?:\+|(?<!\d)00)\d[\d\s-]{5,}\d/g,
  // A Chinese mobile, bare or behind 86.
  /(?<!\d)(?:86)?1[3-9]\d{9}(?!\d)/g,
];

/** `text` with every personal number of {@link personalNumbers} replaced by `[redacted]`. */
export function redactPersonalNumbers(text: string): string {
  return personalNumbers.reduce((redacted, pattern) => redacted.replace(pattern, "[redacted]"), text);
}

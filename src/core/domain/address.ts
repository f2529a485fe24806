/**
 * How owners write an address, read as the register writes it. Owners type "5栋", "五栋",
 * "5号楼", "5幢", "Building 5" or full-width "５栋" for the register's building "5", and "0802",
 * "802" or "802室" for its unit "0802"; taking only the register's exact spelling left them at a
 * dead end ("5栋 栋没有 0802 这个房号").
 */

const chineseDigits: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Full-width digits and letters to ASCII, spaces dropped, lower case. */
function plain(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .toLowerCase();
}

/** "五" → 5, "十二" → 12, "二十" → 20; null for anything else. */
function chineseNumber(text: string): number | null {
  if (text === "") return null;
  if (text.includes("十")) {
    const [tens, ones] = text.split("十");
    const t = tens === "" || tens === undefined ? 1 : chineseDigits[tens];
    const o = ones === "" || ones === undefined ? 0 : chineseDigits[ones];
    return t === undefined || o === undefined ? null : t * 10 + o;
  }
  let value = 0;
  for (const char of text) {
    const digit = chineseDigits[char];
    if (digit === undefined) return null;
    value = value * 10 + digit;
  }
  return value;
}

/** The building as the register would write it: "5栋", "五栋", "5号楼", "5幢", "Building 5", "第5栋" → "5". */
export function normalizeBuilding(text: string): string {
  const stripped = plain(text)
    .replace(/^(building|bldg\.?|block|tower|no\.?|第)/, "")
    .replace(/(号楼|号栋|栋|幢|座|楼|号)$/, "");
  const chinese = chineseNumber(stripped);
  if (chinese !== null) return String(chinese);
  return stripped.toUpperCase();
}

/** The unit without decoration: "802室", "Room 802", "#0802" → "802" / "0802" as typed. */
export function normalizeUnit(text: string): string {
  return plain(text)
    .replace(/^(room|unit|flat|apt\.?|no\.?|#)/, "")
    .replace(/(室|号|房)$/, "")
    .toUpperCase();
}

/**
 * The spellings of a unit the register may hold, most likely first: as typed, then with the
 * leading zeros registers often use or omit ("802" and "0802").
 */
export function unitCandidates(text: string): string[] {
  const unit = normalizeUnit(text);
  const candidates = [unit];
  if (/^\d+$/.test(unit)) {
    const bare = unit.replace(/^0+(?=\d)/, "");
    candidates.push(bare, bare.padStart(4, "0"));
  }
  return [...new Set(candidates)];
}

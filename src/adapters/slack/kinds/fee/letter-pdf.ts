import { existsSync } from "node:fs";
import { formatFen } from "../../../../core/domain/money.js";
import type { FeeType } from "../../../../core/domain/fees.js";
import { feeTypeNames } from "../../../../core/kinds/fee/household.js";

/** One line of a demand letter: what is owed for one fee type and period. */
export interface DemandLetterLine {
  feeType: FeeType;
  period: string;
  /** What is still outstanding, in fen. */
  amountFen: number;
  /** Local date `YYYY-MM-DD` it fell due. */
  dueDate: string;
}

/** Everything a demand letter (催缴函) says; drawn from the fee case and its charges at delivery. */
export interface DemandLetter {
  companyName: string;
  /** `DL-YYYY-NNNNNN`. */
  letterNumber: string;
  /** The letter's date, local `YYYY-MM-DD`. */
  date: string;
  building: string;
  unit: string;
  ownerName: string;
  lines: readonly DemandLetterLine[];
}

/** Fonts with Chinese glyphs, tried in order: Debian's Noto CJK collection first. */
export const cjkFontCandidates: readonly { path: string; family?: string }[] = [
  { path: "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", family: "NotoSansCJKsc-Regular" },
  { path: "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", family: "NotoSerifCJKsc-Regular" },
];

/** The first font of `candidates` present on this machine; without one a letter cannot be drawn (its Chinese would be blank). */
export function findCjkFont(candidates: readonly { path: string; family?: string }[] = cjkFontCandidates): { path: string; family?: string } {
  const found = candidates.find((candidate) => existsSync(candidate.path));
  if (!found) throw new Error(`no CJK font found for demand letters (looked for ${candidates.map((candidate) => candidate.path).join(", ")})`);
  return found;
}

/** `2026-12-01` as a letter dates it: `2026年12月1日`. */
export function chineseDate(date: string): string {
  const [year, month, day] = date.split("-").map(Number);
  return `${year}年${month}月${day}日`;
}

/** The letter's file name in Slack. */
export function demandLetterFilename(letter: Pick<DemandLetter, "letterNumber">): string {
  return `${letter.letterNumber}.pdf`;
}

/**
 * Draws the demand letter (催缴函) as an A4 PDF: the company, the number, the household (building,
 * unit, owner), one line per fee type and period with its amount and due date, the total, the
 * request to pay and the date. The letter is in Chinese, its fee types named as on the owner's
 * receipts and reminders. Deterministic for the same letter, so a redelivery uploads the
 * same file.
 */
export async function renderDemandLetter(letter: DemandLetter, font = findCjkFont()): Promise<Buffer> {
  // Loaded at the first letter, not with the product: pdfkit adds about 30 MB to every instance.
  const { default: PDFDocument } = await import("pdfkit");
  const doc = new PDFDocument({ size: "A4", margin: 64, info: { Title: `催缴函 ${letter.letterNumber}`, Author: letter.companyName, CreationDate: new Date(`${letter.date}T00:00:00Z`) } });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.registerFont("cjk", font.path, font.family);
  doc.font("cjk");
  const total = letter.lines.reduce((sum, line) => sum + line.amountFen, 0);
  doc.fontSize(20).text("物业费催缴函", { align: "center" });
  doc.moveDown(0.5).fontSize(11).text(`编号：${letter.letterNumber}`, { align: "right" });
  doc.moveDown().fontSize(12).text(`${letter.ownerName} 业主：`);
  doc.moveDown(0.5).text(`您名下的 ${letter.building} 栋 ${letter.unit} 室截至本函发出之日尚有以下费用未缴纳：`);
  doc.moveDown(0.5);
  for (const line of letter.lines) {
    doc.text(`${line.period}　${feeTypeNames[line.feeType].zh}　${formatFen(line.amountFen)}　（应缴日期 ${line.dueDate}）`, { indent: 16 });
  }
  doc.moveDown(0.5).text(`合计：${formatFen(total)}`, { indent: 16 });
  doc.moveDown().text("根据《物业管理条例》及物业服务合同的约定，请您自收到本函之日起十五日内缴清上述费用。如对费用有异议，请与物业服务中心联系。逾期仍未缴纳的，我司将依法追缴。");
  doc.moveDown(2).text(letter.companyName, { align: "right" });
  doc.text(chineseDate(letter.date), { align: "right" });
  doc.end();
  return finished;
}

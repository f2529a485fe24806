import { extractText } from "unpdf";

/** The text a reader of the PDF sees, with the layout's spacing folded away. */
export async function pdfText(bytes: Buffer): Promise<string> {
  const { text } = await extractText(new Uint8Array(bytes), { mergePages: true });
  return text.replace(/\s+/g, "");
}

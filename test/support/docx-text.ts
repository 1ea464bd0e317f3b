import mammoth from 'mammoth';

/** The text of a DOCX as an independent reader (mammoth) extracts it, one paragraph a line. */
export async function docxText(bytes: Buffer): Promise<string> {
  const { value } = await mammoth.extractRawText({ buffer: bytes });
  return value.replace(/\n{2,}/g, '\n');
}

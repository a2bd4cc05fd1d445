/**
 * What a file is when it is not one of our data formats: an image, an archive, a NumPy
 * array, an HTML page, UTF-16 text. Looked up from the first bytes (magic numbers win) and
 * then the extension, so "Open a file…" says "this is a PNG image" instead of reading
 * binary noise as a one-column table. Shared by the table loader and the embedding importer.
 */

const IMAGE_MAGIC: [string, number[]][] = [
  ['PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['JPEG', [0xff, 0xd8, 0xff]],
  ['GIF', [0x47, 0x49, 0x46, 0x38]], // GIF8(7|9)a
  ['BMP', [0x42, 0x4d]],
  ['TIFF', [0x49, 0x49, 0x2a, 0x00]],
  ['TIFF', [0x4d, 0x4d, 0x00, 0x2a]],
];

const IMAGE_EXTENSIONS: Record<string, string> = {
  png: 'PNG', jpg: 'JPEG', jpeg: 'JPEG', gif: 'GIF', webp: 'WebP', bmp: 'BMP', tif: 'TIFF', tiff: 'TIFF', avif: 'AVIF', heic: 'HEIC',
};

const at = (bytes: Uint8Array, magic: number[], offset = 0): boolean => magic.every((b, i) => bytes[offset + i] === b);
const ascii = (bytes: Uint8Array, text: string, offset = 0): boolean => at(bytes, Array.from(text, (c) => c.charCodeAt(0)), offset);

export const extensionOf = (name: string): string => name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';

/** The image kind of these bytes (by magic number), or null. */
export function imageKind(bytes: Uint8Array): string | null {
  for (const [kind, magic] of IMAGE_MAGIC) if (at(bytes, magic)) return kind === 'BMP' && bytes.length < 26 ? null : kind;
  if (ascii(bytes, 'RIFF') && ascii(bytes, 'WEBP', 8)) return 'WebP';
  return null;
}

/**
 * Why these bytes are not a data file we read, or null when they may be. `what` names what
 * the caller reads ("a table" / "an embedding file") so the message fits where it is shown.
 */
export function notDataFile(name: string, head: Uint8Array, what: 'table' | 'embedding'): string | null {
  const target = what === 'table' ? 'a table file' : 'an embedding file';
  const image = imageKind(head);
  if (image) return `this is a ${image} image, not ${what === 'table' ? 'a table' : 'a data'} file (tables are CSV, TSV, JSON, Parquet or Arrow)`;
  const ext = extensionOf(name);
  const named = IMAGE_EXTENSIONS[ext];
  if (named && head.length > 0) return `the file is named .${ext} (a ${named} image) but is not a ${named} image, and an image is not ${target}: rename it if it holds data`;
  if (at(head, [0x50, 0x4b, 0x03, 0x04]) || at(head, [0x50, 0x4b, 0x05, 0x06])) {
    return what === 'table'
      ? 'this is a zip archive (an Excel .xlsx workbook?), not a table: save the sheet as CSV'
      : 'this is a zip archive (an .npz?): save a single array with numpy.save(…) to a .npy file';
  }
  if (at(head, [0xff, 0xfe]) || at(head, [0xfe, 0xff])) {
    return `this text is UTF-16 (${head[0] === 0xff ? 'little' : 'big'}-endian, as Excel's "Unicode text" writes): save it as UTF-8`;
  }
  if (ascii(head, '%PDF-')) return `this is a PDF document, not ${target}`;
  if (what === 'table' && ((head[0] === 0x93 && ascii(head, 'NUMPY', 1)) || ext === 'npy')) {
    return 'this is a NumPy array (.npy), not a table: add it on the map with "Add embeddings from a file…"';
  }
  if (looksLikeHtml(head)) return 'this is an HTML page, not a data file (a download that went wrong?)';
  return null;
}

function looksLikeHtml(head: Uint8Array): boolean {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  const start = new TextDecoder().decode(head.subarray(i, i + 16)).toLowerCase();
  return start.startsWith('<!doctype html') || start.startsWith('<html');
}

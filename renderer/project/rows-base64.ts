/** Row numbers saved inside JSON artefacts: little-endian uint32, as base64 (compact, exact). */
export function rowsToBase64(rows: Uint32Array): string {
  let s = '';
  const b = new Uint8Array(rows.buffer, rows.byteOffset, rows.byteLength);
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return btoa(s);
}

export function rowsFromBase64(text: string): Uint32Array {
  const b = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  return new Uint32Array(b.buffer, 0, b.length >> 2);
}

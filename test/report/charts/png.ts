// Reading the few PNG facts the chart tests check: the signature and the IHDR size.
export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function isPng(bytes: Uint8Array): boolean {
  return PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

/** Width and height from the IHDR chunk, which a valid PNG has first, right after the signature. */
export function pngSize(bytes: Uint8Array): { width: number; height: number; chunk: string } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunk = String.fromCharCode(...bytes.slice(12, 16));
  return { chunk, width: view.getUint32(16), height: view.getUint32(20) };
}

/**
 * The offset of the first byte of `bytes` that starts an ill-formed UTF-8 sequence (RFC 3629:
 * a stray continuation byte, a truncated or overlong sequence, a surrogate, a code point above
 * U+10FFFF), or -1 when every sequence is well formed. A sequence cut off by the end of `bytes`
 * counts as ill-formed unless `partialEnd` is true.
 *
 * @example
 * ```ts
 * firstInvalidUtf8(Buffer.from([0x61, 0xa3, 0x62])); // 1
 * ```
 */
export function firstInvalidUtf8(bytes: Uint8Array, partialEnd = false): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0; // overlong
      if (lead === 0xed) high = 0x9f; // surrogates
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90; // overlong
      if (lead === 0xf4) high = 0x8f; // above U+10FFFF
    } else return i;
    for (let k = 1; k < length; k++) {
      if (i + k >= bytes.length) return partialEnd ? -1 : i;
      const next = bytes[i + k]!;
      if (next < (k === 1 ? low : 0x80) || next > (k === 1 ? high : 0xbf)) return i;
    }
    i += length;
  }
  return -1;
}

/**
 * How many bytes at the end of `bytes` begin a UTF-8 sequence that is not complete yet (0 to 3).
 * `bytes` must be well formed up to that point.
 *
 * @example
 * ```ts
 * incompleteTail(Buffer.from([0x61, 0xe2, 0x82])); // 2: the start of '€'
 * ```
 */
export function incompleteTail(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(4, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: keep looking for the lead
    const length = byte < 0x80 ? 1 : byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
    return length > back ? back : 0;
  }
  return 0;
}

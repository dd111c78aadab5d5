/**
 * Decodes a fetched document: the charset named by a byte-order mark wins, then the HTTP
 * Content-Type header's, then the XML declaration's (or an HTML meta tag's); UTF-8 otherwise.
 * An unknown label falls through to the next source.
 */
export function decodeBody(bytes: Uint8Array, contentType: string | null): string {
  const bom = bomCharset(bytes);
  const candidates = [bom, headerCharset(contentType), declaredCharset(bytes), 'utf-8'];
  for (const label of candidates) {
    if (!label) continue;
    try {
      // TextDecoder drops a BOM matching its own encoding.
      return new TextDecoder(label).decode(bytes);
    } catch {
      // unknown label: try the next source
    }
  }
  return new TextDecoder().decode(bytes);
}

function bomCharset(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return null;
}

function headerCharset(contentType: string | null): string | null {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '');
  return m ? m[1]! : null;
}

/** `<?xml ... encoding="..."?>` or `<meta charset=...>` within the first bytes (ASCII-compatible encodings only). */
function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  const m = /^\s*<\?xml[^>]*\sencoding\s*=\s*["']([^"']+)["']/i.exec(head) ?? /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head);
  return m ? m[1]! : null;
}

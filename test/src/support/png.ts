import { inflateSync } from 'node:zlib';

export interface DecodedPng {
  width: number;
  height: number;
  /** RGBA, 8 bits a channel, row by row. */
  pixels: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * Decodes the PNGs a browser writes for a screenshot: 8-bit greyscale, RGB or RGBA (with or
 * without alpha), not interlaced. Anything else is refused rather than misread.
 */
export function decodePng(file: Buffer): DecodedPng {
  if (!file.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG file');
  let offset = 8;
  let width = 0;
  let height = 0;
  let colourType = -1;
  const data: Buffer[] = [];
  while (offset < file.length) {
    const length = file.readUInt32BE(offset);
    const type = file.toString('latin1', offset + 4, offset + 8);
    const body = file.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const bitDepth = body[8]!;
      colourType = body[9]!;
      const interlace = body[12]!;
      if (bitDepth !== 8 || !(colourType in CHANNELS) || interlace !== 0) {
        throw new Error(`unsupported PNG: bit depth ${bitDepth}, colour type ${colourType}, interlace ${interlace}`);
      }
    } else if (type === 'IDAT') {
      data.push(body);
    } else if (type === 'IEND') {
      break;
    }
    offset += 12 + length;
  }
  if (!width || !height) throw new Error('PNG without a header');
  const channels = CHANNELS[colourType]!;
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  if (raw.length !== height * (stride + 1)) throw new Error('PNG data is truncated');
  const rows = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? rows[out + x - channels]! : 0;
      const b = y > 0 ? rows[out - stride + x]! : 0;
      const c = x >= channels && y > 0 ? rows[out - stride + x - channels]! : 0;
      const v = line[x]!;
      rows[out + x] = filter === 0 ? v
        : filter === 1 ? v + a
          : filter === 2 ? v + b
            : filter === 3 ? v + ((a + b) >> 1)
              : filter === 4 ? v + paeth(a, b, c)
                : (() => { throw new Error(`unknown PNG filter ${filter}`); })();
    }
  }
  const pixels = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const s = i * channels;
    const [r, g, b, alpha] = channels === 4 ? [rows[s]!, rows[s + 1]!, rows[s + 2]!, rows[s + 3]!]
      : channels === 3 ? [rows[s]!, rows[s + 1]!, rows[s + 2]!, 255]
        : channels === 2 ? [rows[s]!, rows[s]!, rows[s]!, rows[s + 1]!]
          : [rows[s]!, rows[s]!, rows[s]!, 255];
    pixels.set([r, g, b, alpha], i * 4);
  }
  return { width, height, pixels };
}

/** How the picture is made: its commonest colour (the background) and how many pixels differ from it. */
export function pixelCensus(png: DecodedPng): { background: number; differing: number; colours: number } {
  const counts = new Map<number, number>();
  for (let i = 0; i < png.width * png.height; i++) {
    const key = ((png.pixels[i * 4]! << 16) | (png.pixels[i * 4 + 1]! << 8) | png.pixels[i * 4 + 2]!) >>> 0;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let background = 0;
  let most = 0;
  for (const [colour, n] of counts) if (n > most) [background, most] = [colour, n];
  return { background, differing: png.width * png.height - most, colours: counts.size };
}

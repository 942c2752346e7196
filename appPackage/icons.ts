// Draws the two Teams app icons (source assets, committed next to this file):
//   color.png   192×192, the Flipside mark in white on a rounded square in the accent colour;
//   outline.png  32×32,  the same mark in white on transparent (Teams requires white + alpha only).
// The mark is two arrows chasing each other round a circle: the top one carries the junior's
// knowledge to the senior, the bottom one brings it back, i.e. mentoring flipped both ways.
// Run with `npx tsx appPackage/icons.ts` after changing the drawing; the PNGs are committed.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The accent colour, also `accentColor` in manifest.json. */
export const ACCENT = '#4F52B2';
/** The second arrow's tint on the colour icon. */
const WARM = '#FFD27A';

/** A decoded RGBA image, the shape pngjs uses. */
export interface RgbaImage {
  width: number;
  height: number;
  /** width * height * 4 bytes, RGBA, row by row. */
  data: Buffer;
}

interface PngConstructor {
  new (options: { width: number; height: number }): RgbaImage;
  sync: {
    read(buffer: Buffer): RgbaImage;
    write(png: RgbaImage): Buffer;
  };
}

// pngjs ships no type declarations; this is the small part of its API used here.
const requireCjs = createRequire(import.meta.url);
const { PNG } = requireCjs('pngjs') as { PNG: PngConstructor };

export function decodePng(buffer: Buffer): RgbaImage {
  return PNG.sync.read(buffer);
}

export function encodePng(image: RgbaImage): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  image.data.copy(png.data);
  return PNG.sync.write(png);
}

type Rgb = readonly [number, number, number];

function hex(colour: string): Rgb {
  const n = Number.parseInt(colour.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

/** Which part of the mark a point (in a unit square, y down) belongs to. */
type Part = 'none' | 'arrowA' | 'arrowB';

interface Geometry {
  /** Ring centre radius and stroke width, in units of the square's side. */
  radius: number;
  stroke: number;
  /** Angular half-gap (radians) left at 0 and π for the arrowheads. */
  gap: number;
  headLength: number;
  headWidth: number;
}

const MARK: Geometry = { radius: 0.27, stroke: 0.085, gap: 0.5, headLength: 0.16, headWidth: 0.23 };
// At 32 px thin strokes blur into mush, so the outline mark is drawn bolder.
const BOLD: Geometry = { radius: 0.29, stroke: 0.12, gap: 0.55, headLength: 0.2, headWidth: 0.3 };

function sign(ax: number, ay: number, bx: number, by: number, px: number, py: number): number {
  return (px - bx) * (ay - by) - (ax - bx) * (py - by);
}

function inTriangle(p: [number, number], a: [number, number], b: [number, number], c: [number, number]): boolean {
  const d1 = sign(p[0], p[1], a[0], a[1], b[0], b[1]);
  const d2 = sign(p[0], p[1], b[0], b[1], c[0], c[1]);
  const d3 = sign(p[0], p[1], c[0], c[1], a[0], a[1]);
  const hasNeg = d1 < 0 || d2 < 0 || d3 < 0;
  const hasPos = d1 > 0 || d2 > 0 || d3 > 0;
  return !(hasNeg && hasPos);
}

/**
 * The mark, in maths coordinates centred on the square (x right, y up, side 1).
 * Arrow A runs clockwise over the top from the left to the right and points down at its end;
 * arrow B runs clockwise under the bottom from the right to the left and points up.
 */
function partAt(x: number, y: number, g: Geometry): Part {
  const r = Math.hypot(x, y);
  let theta = Math.atan2(y, x);
  if (theta < 0) theta += 2 * Math.PI;
  const onRing = Math.abs(r - g.radius) <= g.stroke / 2;
  // Arcs: A covers (gap, π - gap), B covers (π + gap, 2π - gap); the heads sit in the gaps.
  if (onRing && theta > g.gap && theta < Math.PI - g.gap) return 'arrowA';
  if (onRing && theta > Math.PI + g.gap && theta < 2 * Math.PI - g.gap) return 'arrowB';
  // Heads: at the clockwise end of each arc, pointing along the clockwise tangent (sin θ, -cos θ).
  const heads: Array<[number, Part]> = [
    [g.gap, 'arrowA'],
    [Math.PI + g.gap, 'arrowB'],
  ];
  for (const [angle, part] of heads) {
    const bx = g.radius * Math.cos(angle);
    const by = g.radius * Math.sin(angle);
    const tx = Math.sin(angle);
    const ty = -Math.cos(angle);
    const nx = Math.cos(angle);
    const ny = Math.sin(angle);
    const tip: [number, number] = [bx + tx * g.headLength, by + ty * g.headLength];
    const left: [number, number] = [bx + nx * (g.headWidth / 2), by + ny * (g.headWidth / 2)];
    const right: [number, number] = [bx - nx * (g.headWidth / 2), by - ny * (g.headWidth / 2)];
    if (inTriangle([x, y], tip, left, right)) return part;
  }
  return 'none';
}

/** Inside a rounded square covering the whole image (corner radius as a share of the side). */
function inRoundedSquare(u: number, v: number, cornerRadius: number): boolean {
  const cx = Math.min(Math.max(u, cornerRadius), 1 - cornerRadius);
  const cy = Math.min(Math.max(v, cornerRadius), 1 - cornerRadius);
  return Math.hypot(u - cx, v - cy) <= cornerRadius;
}

const SUBSAMPLES = 4;

/** Renders by supersampling: each pixel averages SUBSAMPLES² samples (premultiplied, then un-premultiplied). */
function render(size: number, shade: (u: number, v: number) => [number, number, number, number]): RgbaImage {
  const data = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SUBSAMPLES; sy++) {
        for (let sx = 0; sx < SUBSAMPLES; sx++) {
          const u = (px + (sx + 0.5) / SUBSAMPLES) / size;
          const v = (py + (sy + 0.5) / SUBSAMPLES) / size;
          const [cr, cg, cb, ca] = shade(u, v);
          r += cr * ca;
          g += cg * ca;
          b += cb * ca;
          a += ca;
        }
      }
      const i = (py * size + px) * 4;
      const n = SUBSAMPLES * SUBSAMPLES;
      if (a > 0) {
        data[i] = Math.round(r / a);
        data[i + 1] = Math.round(g / a);
        data[i + 2] = Math.round(b / a);
      } else {
        // Fully transparent pixels are white too, so the outline icon holds only white + alpha.
        data[i] = 255;
        data[i + 1] = 255;
        data[i + 2] = 255;
      }
      data[i + 3] = Math.round((a / n) * 255);
    }
  }
  return { width: size, height: size, data };
}

export function renderColorIcon(): RgbaImage {
  const accent = hex(ACCENT);
  const warm = hex(WARM);
  return render(192, (u, v) => {
    if (!inRoundedSquare(u, v, 0.2)) return [255, 255, 255, 0];
    const part = partAt(u - 0.5, 0.5 - v, MARK);
    if (part === 'arrowA') return [255, 255, 255, 1];
    if (part === 'arrowB') return [warm[0], warm[1], warm[2], 1];
    // A faint lighter disc behind the mark gives the square some depth.
    const inDisc = Math.hypot(u - 0.5, v - 0.5) < 0.41;
    const lift = inDisc ? 14 : 0;
    return [Math.min(255, accent[0] + lift), Math.min(255, accent[1] + lift), Math.min(255, accent[2] + lift), 1];
  });
}

export function renderOutlineIcon(): RgbaImage {
  return render(32, (u, v) => {
    const part = partAt(u - 0.5, 0.5 - v, BOLD);
    return part === 'none' ? [255, 255, 255, 0] : [255, 255, 255, 1];
  });
}

export function writeIcons(folder: URL = new URL('./', import.meta.url)): void {
  writeFileSync(new URL('color.png', folder), encodePng(renderColorIcon()));
  writeFileSync(new URL('outline.png', folder), encodePng(renderOutlineIcon()));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeIcons();
  console.log(`icons written to ${fileURLToPath(new URL('./', import.meta.url))}`);
}

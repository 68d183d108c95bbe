/**
 * Finds a CJK font for PDFs: YINFENG_PDF_FONT (a .ttf, .otf or .ttc; for a collection the
 * simplified-Chinese face is chosen, or name one with `path#PostScriptName`), else Debian's
 * fonts-noto-cjk or fonts-wqy-microhei / fonts-wqy-zenhei. Without one a PDF would show boxes
 * instead of Chinese, so we refuse with a message that says how to install one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../domain/app-error';
import { msg, renderMessage, type Message } from '../domain/messages/catalog';

export const NO_FONT_MESSAGE = renderMessage(msg('font.missing'), 'zh');

/** No usable font, with why (a catalog message: the HTTP answer is in the reader's language). */
function noFont(why?: Message): AppError {
  return new AppError('CONFLICT', why ? msg('font.missingBecause', { missing: msg('font.missing'), why }) : msg('font.missing'));
}

/** One face: a file and, for a collection (.ttc), the PostScript name of the face in it. */
export interface FontFace {
  file: string;
  postscriptName: string | null;
  /** the face's PostScript name, also for a single font */
  faceName: string;
}

export interface CjkFont {
  normal: FontFace;
  /** a bold face when one is installed next to the regular one; else the regular face */
  bold: FontFace;
  /** the PostScript name embedded in the PDF (e.g. NotoSansCJKsc-Regular) */
  name: string;
}

const CANDIDATES: { regular: string; bold?: string }[] = [
  { regular: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', bold: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc' },
  { regular: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', bold: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc' },
  { regular: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', bold: '/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc' },
  { regular: '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc', bold: '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc' },
  { regular: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc' },
  { regular: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc' },
];

/** PostScript names (name ID 6) of the faces in a font file; one entry for a single font. */
export function postscriptNames(buf: Buffer): string[] {
  const tag = buf.toString('latin1', 0, 4);
  const offsets: number[] = [];
  if (tag === 'ttcf') {
    const n = buf.readUInt32BE(8);
    for (let i = 0; i < n; i++) offsets.push(buf.readUInt32BE(12 + 4 * i));
  } else {
    offsets.push(0);
  }
  return offsets.map((o) => faceName(buf, o) ?? '');
}

function faceName(buf: Buffer, offset: number): string | null {
  const numTables = buf.readUInt16BE(offset + 4);
  for (let i = 0; i < numTables; i++) {
    const rec = offset + 12 + 16 * i;
    if (buf.toString('latin1', rec, rec + 4) !== 'name') continue;
    const table = buf.readUInt32BE(rec + 8);
    const count = buf.readUInt16BE(table + 2);
    const strings = table + buf.readUInt16BE(table + 4);
    let fallback: string | null = null;
    for (let j = 0; j < count; j++) {
      const r = table + 6 + 12 * j;
      const platform = buf.readUInt16BE(r);
      const nameId = buf.readUInt16BE(r + 6);
      if (nameId !== 6) continue;
      const len = buf.readUInt16BE(r + 8);
      const start = strings + buf.readUInt16BE(r + 10);
      const raw = buf.subarray(start, start + len);
      if (platform === 3 || platform === 0) {
        const swapped = Buffer.from(raw);
        swapped.swap16();
        return swapped.toString('utf16le');
      }
      fallback ??= raw.toString('latin1');
    }
    return fallback;
  }
  return null;
}

/** Reads just enough of a font file to name its faces (the name table lies near the start of each face). */
function readFaces(file: string): string[] {
  const buf = fs.readFileSync(file);
  return postscriptNames(buf);
}

const faceCache = new Map<string, FontFace>();

/** The face to use in a file: the one named after '#', the simplified-Chinese face of a collection, or the first. */
function pickFace(spec: string): FontFace {
  const hash = spec.lastIndexOf('#');
  const file = hash > 0 ? spec.slice(0, hash) : spec;
  const wanted = hash > 0 ? spec.slice(hash + 1) : null;
  const cached = faceCache.get(spec);
  if (cached) return cached;
  let names: string[];
  try {
    names = readFaces(file);
  } catch {
    throw noFont(msg('font.unreadable', { file }));
  }
  const isCollection = names.length > 1;
  let name: string | null;
  if (wanted) {
    if (!names.includes(wanted)) throw new AppError('CONFLICT', msg('font.faceMissing', { file, face: wanted, available: names.join(', ') }));
    name = wanted;
  } else {
    name = names.find((n) => /sc-|SC\b|SC-/.test(n)) ?? names[0] ?? null;
  }
  if (!name) throw noFont(msg('font.unusable', { file }));
  const face: FontFace = { file, postscriptName: isCollection ? name : null, faceName: name };
  faceCache.set(spec, face);
  return face;
}

function fileOf(spec: string): string {
  const hash = spec.lastIndexOf('#');
  return hash > 0 ? spec.slice(0, hash) : spec;
}

/** The CJK font to embed, or an AppError('CONFLICT') telling the operator how to install one. */
export function resolveCjkFont(env: NodeJS.ProcessEnv = process.env): CjkFont {
  const configured = env.YINFENG_PDF_FONT?.trim();
  if (configured) {
    const file = fileOf(configured);
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
      throw noFont(msg('font.configuredMissing', { file }));
    }
    if (!/\.(ttf|otf|ttc)$/i.test(file)) throw noFont(msg('font.notFontFile', { file: path.basename(file) }));
    const face = pickFace(configured);
    return { normal: face, bold: face, name: face.faceName };
  }
  for (const c of CANDIDATES) {
    if (!fs.existsSync(c.regular)) continue;
    const normal = pickFace(c.regular);
    const bold = c.bold && fs.existsSync(c.bold) ? pickFace(c.bold) : normal;
    return { normal, bold, name: normal.faceName };
  }
  throw noFont();
}

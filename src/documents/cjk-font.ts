/**
 * Finds a CJK font for PDFs: YINFENG_PDF_FONT (a .ttf, .otf or .ttc; for a collection the
 * simplified-Chinese face is chosen, or name one with `path#PostScriptName`), else Debian's
 * fonts-noto-cjk or fonts-wqy-microhei / fonts-wqy-zenhei. Without one a PDF would show boxes
 * instead of Chinese, so we refuse with a message that says how to install one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../domain/app-error';

export const NO_FONT_MESSAGE = '未找到中文字体：请安装 fonts-noto-cjk（apt-get install -y fonts-noto-cjk）或设置 YINFENG_PDF_FONT 指向字体文件';

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
    throw new AppError('CONFLICT', `${NO_FONT_MESSAGE}（无法读取字体文件 ${file}）`);
  }
  const isCollection = names.length > 1;
  let name: string | null;
  if (wanted) {
    if (!names.includes(wanted)) throw new AppError('CONFLICT', `字体文件 ${file} 中没有字形“${wanted}”（可用：${names.join('、')}）`);
    name = wanted;
  } else {
    name = names.find((n) => /sc-|SC\b|SC-/.test(n)) ?? names[0] ?? null;
  }
  if (!name) throw new AppError('CONFLICT', `${NO_FONT_MESSAGE}（${file} 不是可用的字体文件）`);
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
      throw new AppError('CONFLICT', `${NO_FONT_MESSAGE}（YINFENG_PDF_FONT 指向的 ${file} 不存在）`);
    }
    if (!/\.(ttf|otf|ttc)$/i.test(file)) throw new AppError('CONFLICT', `${NO_FONT_MESSAGE}（${path.basename(file)} 不是 .ttf/.otf/.ttc 字体文件）`);
    const face = pickFace(configured);
    return { normal: face, bold: face, name: face.faceName };
  }
  for (const c of CANDIDATES) {
    if (!fs.existsSync(c.regular)) continue;
    const normal = pickFace(c.regular);
    const bold = c.bold && fs.existsSync(c.bold) ? pickFace(c.bold) : normal;
    return { normal, bold, name: normal.faceName };
  }
  throw new AppError('CONFLICT', NO_FONT_MESSAGE);
}

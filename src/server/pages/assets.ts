/**
 * Static assets: GET /assets/site.css (the one stylesheet), /favicon.svg and /favicon.ico. Each answers
 * with an ETag from its content and a 304 to a matching If-None-Match; the stylesheet, linked with its
 * content hash in the URL, may be cached for a year.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SITE_CSS, SITE_CSS_HASH } from '../views/stylesheet.ts';

const YEAR = 'public, max-age=31536000, immutable';
const DAY = 'public, max-age=86400';

/** The mark: two overlapping rings (two sources agreeing) on the accent colour. */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1f5fae"/><circle cx="12.5" cy="16" r="7" fill="none" stroke="#fff" stroke-width="2.6"/><circle cx="19.5" cy="16" r="7" fill="none" stroke="#fff" stroke-width="2.6"/></svg>`;

/** Registers the stylesheet and favicon routes. */
export function assets(app: FastifyInstance): void {
  const ico = faviconIco();
  app.get<{ Querystring: { v?: string } }>('/assets/site.css', async (req, reply) => {
    const cache = req.query.v === SITE_CSS_HASH ? YEAR : 'public, max-age=300';
    return send(req, reply, 'text/css; charset=utf-8', SITE_CSS, SITE_CSS_HASH, cache);
  });
  const svgTag = hashOf(FAVICON_SVG);
  app.get('/favicon.svg', async (req, reply) => send(req, reply, 'image/svg+xml', FAVICON_SVG, svgTag, DAY));
  const icoTag = hashOf(ico);
  app.get('/favicon.ico', async (req, reply) => send(req, reply, 'image/x-icon', ico, icoTag, DAY));
}

function hashOf(body: string | Buffer): string {
  return createHash('sha256').update(body).digest('hex').slice(0, 12);
}

function send(
  req: FastifyRequest,
  reply: FastifyReply,
  type: string,
  body: string | Buffer,
  tag: string,
  cache: string,
) {
  const etag = `"${tag}"`;
  reply.header('ETag', etag).header('Cache-Control', cache);
  const asked = req.headers['if-none-match'];
  if (asked && asked.split(',').some((t) => t.trim().replace(/^W\//, '') === etag))
    return reply.status(304).send();
  return reply.type(type).send(body);
}

/**
 * A 16×16 icon in the ICO format (one 32-bit BMP image), drawn from the same shapes as the SVG: browsers
 * that ask for /favicon.ico without reading the page's <link> get the same mark.
 */
export function faviconIco(): Buffer {
  const size = 16;
  const pixels = Buffer.alloc(size * size * 4);
  const mask = Buffer.alloc(size * 4); // the AND mask: 16 bits a row padded to 32; alpha does the work
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixelAt(x + 0.5, y + 0.5, size);
      const row = size - 1 - y; // BMP rows run bottom-up
      pixels.set([b, g, r, a], (row * size + x) * 4);
    }
  }
  const header = Buffer.alloc(6 + 16 + 40);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size, 6);
  header.writeUInt8(size, 7);
  header.writeUInt16LE(1, 10); // planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(40 + pixels.length + mask.length, 14);
  header.writeUInt32LE(22, 18); // offset of the image
  header.writeUInt32LE(40, 22); // BITMAPINFOHEADER
  header.writeInt32LE(size, 26);
  header.writeInt32LE(size * 2, 30); // height counts the image and its mask
  header.writeUInt16LE(1, 34);
  header.writeUInt16LE(32, 36);
  header.writeUInt32LE(pixels.length + mask.length, 42);
  return Buffer.concat([header, pixels, mask]);
}

/** RGBA of the icon at a point of a size×size square: white rings over an accent rounded square. */
function pixelAt(x: number, y: number, size: number): [number, number, number, number] {
  const s = size / 32;
  const inSquare =
    Math.hypot(
      Math.max(0, Math.abs(x - size / 2) - (16 - 7) * s),
      Math.max(0, Math.abs(y - size / 2) - 9 * s),
    ) <=
    7 * s;
  if (!inSquare) return [0, 0, 0, 0];
  const ring = (cx: number) => Math.abs(Math.hypot(x - cx * s, y - 16 * s) - 7 * s) <= 1.4 * s;
  return ring(12.5) || ring(19.5) ? [255, 255, 255, 255] : [0x1f, 0x5f, 0xae, 255];
}

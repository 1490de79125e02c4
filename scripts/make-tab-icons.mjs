#!/usr/bin/env node
// Generates the tab bar icons in src/assets/tab/ (81x81 RGBA PNG, transparent
// background). Dependency-free: shapes are rasterised by distance-to-stroke
// coverage with a 1px soft edge, then encoded with node:zlib + our own CRC32.
//
// Usage: node scripts/make-tab-icons.mjs

import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZE = 81;
const STROKE = 5;
const COLORS = { normal: '#5b6470', on: '#c2410c' };
const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'assets', 'tab');

// ---------------------------------------------------------------------------
// Geometry helpers

function distToSegment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / len2;
  t = Math.max(0, Math.min(1, t));
  const ex = px - (ax + t * dx);
  const ey = py - (ay + t * dy);
  return Math.hypot(ex, ey);
}

/** Points along an elliptical arc (angles in degrees, y axis pointing down). */
function arc(cx, cy, rx, ry, fromDeg, toDeg, steps = 24) {
  const pts = [];
  for (let i = 0; i <= steps; i++) {
    const a = ((fromDeg + ((toDeg - fromDeg) * i) / steps) * Math.PI) / 180;
    pts.push([cx + rx * Math.cos(a), cy + ry * Math.sin(a)]);
  }
  return pts;
}

/** Closed rounded-rectangle outline as a point list (clockwise from top-left). */
function roundRect(x0, y0, x1, y1, r) {
  return [
    ...arc(x0 + r, y0 + r, r, r, 180, 270, 8),
    ...arc(x1 - r, y0 + r, r, r, 270, 360, 8),
    ...arc(x1 - r, y1 - r, r, r, 0, 90, 8),
    ...arc(x0 + r, y1 - r, r, r, 90, 180, 8),
    [x0, y0 + r],
  ];
}

// Shape primitives. Each returns the pixel coverage (0..1) at (x, y).
const edge = (d, halfWidth) => Math.max(0, Math.min(1, halfWidth + 0.5 - d));

function polyline(points, width = STROKE) {
  const segs = [];
  for (let i = 1; i < points.length; i++) segs.push([points[i - 1], points[i]]);
  return (x, y) => {
    let d = Infinity;
    for (const [a, b] of segs) d = Math.min(d, distToSegment(x, y, a, b));
    return edge(d, width / 2);
  };
}

function ring(cx, cy, r, width = STROKE) {
  return (x, y) => edge(Math.abs(Math.hypot(x - cx, y - cy) - r), width / 2);
}

function disc(cx, cy, r) {
  return (x, y) => edge(Math.hypot(x - cx, y - cy), r);
}

// ---------------------------------------------------------------------------
// Icons (coordinates in pixel space, pixel centres at i + 0.5)

const ICONS = {
  // House: roof triangle, body, door.
  home: [
    polyline([[9, 40], [40.5, 12], [72, 40]]),
    polyline([[19, 33], [19, 70], [62, 70], [62, 33]]),
    polyline([[34, 70], [34, 51], [47, 51], [47, 70]]),
  ],
  // Clipboard with a clip on top, a check mark and a text line.
  tasks: [
    polyline([[31, 15], [19, 15], [19, 72], [62, 72], [62, 15], [50, 15]]),
    polyline(roundRect(31, 9, 50, 21, 3)),
    polyline([[28, 41], [36, 49], [52, 33]]),
    polyline([[28, 61], [53, 61]]),
  ],
  // Speech bubble: rounded body with a tail at the bottom left, three dots.
  messages: [
    polyline([
      [24, 59],
      ...arc(21, 48, 11, 11, 90, 180, 8),
      ...arc(21, 25, 11, 11, 180, 270, 8),
      ...arc(60, 25, 11, 11, 270, 360, 8),
      ...arc(60, 48, 11, 11, 0, 90, 8),
      [38, 59],
      [22, 71],
      [24, 59],
    ]),
    disc(28, 37, 3.6),
    disc(40.5, 37, 3.6),
    disc(53, 37, 3.6),
  ],
  // Person: head circle and shoulders.
  me: [
    ring(40.5, 26, 12.5),
    polyline(arc(40.5, 73, 25, 23, 180, 360, 32)),
  ],
};

// ---------------------------------------------------------------------------
// Rasterise + PNG encode

function hexToRgb(hex) {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function render(shapes, hex) {
  const [r, g, b] = hexToRgb(hex);
  const stride = SIZE * 4 + 1; // leading filter byte per row
  const raw = Buffer.alloc(stride * SIZE);
  for (let y = 0; y < SIZE; y++) {
    raw[y * stride] = 0; // filter: None
    for (let x = 0; x < SIZE; x++) {
      let cov = 0;
      for (const shape of shapes) {
        cov = Math.max(cov, shape(x + 0.5, y + 0.5));
        if (cov >= 1) break;
      }
      const a = Math.round(cov * 255);
      const o = y * stride + 1 + x * 4;
      // Keep colour channels zero where fully transparent: compresses better.
      if (a > 0) {
        raw[o] = r;
        raw[o + 1] = g;
        raw[o + 2] = b;
        raw[o + 3] = a;
      }
    }
  }
  return raw;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function encodePng(raw) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0); // width
  ihdr.writeUInt32BE(SIZE, 4); // height
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter method
  ihdr[12] = 0; // interlace: none
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(OUT_DIR, { recursive: true });
for (const [name, shapes] of Object.entries(ICONS)) {
  for (const [variant, hex] of Object.entries(COLORS)) {
    const file = `${name}${variant === 'on' ? '-on' : ''}.png`;
    const png = encodePng(render(shapes, hex));
    writeFileSync(join(OUT_DIR, file), png);
    console.log(`${file.padEnd(16)} ${png.length} bytes`);
  }
}

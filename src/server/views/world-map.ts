/**
 * A world map as server-drawn SVG: the countries of Natural Earth at 1:110m (the world-atlas package,
 * TopoJSON, read with topojson-client) in the Natural Earth projection, and events as points on it,
 * sized by their independent sources, each a link to its event. No tiles and no script: the page is
 * the picture. The countries' path string is computed once per process.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { formatDate, formatPlace, plural } from './format.ts';
import { html, SafeHtml } from './html.ts';

/** Width of the whole world in the drawing's units; its height follows from the projection. */
const WORLD_WIDTH = 1000;
/** The least width of a fitted view, in drawing units (about 50° of longitude), so a lone point has context. */
const MIN_VIEW_WIDTH = 140;
/** Height to width of a fitted view. */
const VIEW_ASPECT = 0.55;
/** Point radius in screen pixels of a 1000-unit-wide map: 4 for one source, growing with the square root. */
const BASE_RADIUS = 4;
const MAX_RADIUS = 16;

/** What the map needs of an event. */
export interface MapEvent {
  id: string;
  title: string;
  date: Parameters<typeof formatDate>[0];
  place: { name: string; country: string | null; lat: number | null; lon: number | null } | null;
  level: string | null;
  independentSources: number;
}

/** The Natural Earth projection (Šavrič et al. 2011), radians in, unit-less plane out (y up). */
export function naturalEarth(lon: number, lat: number): [number, number] {
  const l = (lon * Math.PI) / 180;
  const p = (lat * Math.PI) / 180;
  const p2 = p * p;
  const p4 = p2 * p2;
  return [
    l * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4))),
    p * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4))),
  ];
}

const [X_MAX] = naturalEarth(180, 0);
const [, Y_MAX] = naturalEarth(0, 90);
const SCALE = WORLD_WIDTH / (2 * X_MAX);
/** Height of the whole world in drawing units. */
export const WORLD_HEIGHT = Math.ceil(2 * Y_MAX * SCALE);

/** Returns a longitude/latitude as a point of the drawing (x right, y down). */
export function project(lon: number, lat: number): [number, number] {
  const [x, y] = naturalEarth(lon, lat);
  return [x * SCALE + WORLD_WIDTH / 2, WORLD_HEIGHT / 2 - y * SCALE];
}

let worldPath: string | undefined;

/** Returns the SVG path of every country, computed on first use and kept. */
export function worldOutline(): string {
  worldPath ??= outlineOf(loadCountries());
  return worldPath;
}

function loadCountries(): GeoJSON.FeatureCollection {
  const require = createRequire(import.meta.url);
  const file = require.resolve('world-atlas/countries-110m.json');
  const topology = JSON.parse(readFileSync(file, 'utf8')) as Topology<{ countries: GeometryCollection }>;
  return feature(topology, topology.objects.countries) as GeoJSON.FeatureCollection;
}

/** Returns one path for all the polygons' rings, in whole drawing units, repeated points dropped. */
function outlineOf(countries: GeoJSON.FeatureCollection): string {
  const parts: string[] = [];
  const ring = (coords: GeoJSON.Position[]) => {
    let d = '';
    let last = '';
    let prevLon: number | null = null;
    for (const [lon, lat] of coords) {
      const [x, y] = project(lon!, lat!);
      const pt = `${Math.round(x)} ${Math.round(y)}`;
      // A ring that crosses the antimeridian starts again on the other side rather than streak across.
      const jump = prevLon !== null && Math.abs(lon! - prevLon) > 180;
      if (pt !== last || jump) d += `${d && !jump ? 'L' : 'M'}${pt}`;
      last = pt;
      prevLon = lon!;
    }
    if (d) parts.push(`${d}Z`);
  };
  for (const f of countries.features) {
    const g = f.geometry;
    if (g?.type === 'Polygon') g.coordinates.forEach(ring);
    else if (g?.type === 'MultiPolygon') g.coordinates.forEach((poly) => poly.forEach(ring));
  }
  return parts.join('');
}

interface Placed {
  e: MapEvent;
  x: number;
  y: number;
  r: number;
}

/**
 * Returns the map of the events that have coordinates: fitted to them (or the whole world), points of
 * events at the same place fanned out so that each can be reached.
 */
export function worldMap(events: MapEvent[], opts: { whole: boolean; label: string }): SafeHtml {
  const points = events
    .filter((e) => e.place?.lat != null && e.place.lon != null)
    .map((e) => {
      const [x, y] = project(e.place!.lon!, e.place!.lat!);
      const r = Math.min(MAX_RADIUS, BASE_RADIUS + 2 * Math.sqrt(Math.max(0, e.independentSources - 1)));
      return { e, x, y, r };
    });
  const view = opts.whole || !points.length ? { x: 0, y: 0, w: WORLD_WIDTH, h: WORLD_HEIGHT } : fit(points);
  // Points keep their size on screen whatever the zoom: radii are given for the whole-world width.
  const k = view.w / WORLD_WIDTH;
  const placed = fanOut(points, k);
  const n = placed.length;
  return html`<figure class="chart map-chart"><svg xmlns="http://www.w3.org/2000/svg" viewBox="${r1(view.x)} ${r1(view.y)} ${r1(view.w)} ${r1(view.h)}" role="group" aria-labelledby="map-title" aria-describedby="map-desc">
<title id="map-title">${opts.label}</title>
<desc id="map-desc">${plural(n, 'event')} drawn where ${n === 1 ? 'it' : 'they'} happened; a larger point has more independent sources. Each point links to its event; the list below has the same events.</desc>
<rect class="map-sea" x="${r1(view.x)}" y="${r1(view.y)}" width="${r1(view.w)}" height="${r1(view.h)}"/>
<path class="map-land" vector-effect="non-scaling-stroke" d="${new SafeHtml(worldOutline())}"/>
${[...placed]
  .sort((a, b) => b.r - a.r)
  .map(
    (p) =>
      html`<a href="/events/${encodeURIComponent(p.e.id)}"><circle class="map-point" vector-effect="non-scaling-stroke" cx="${r1(p.x)}" cy="${r1(p.y)}" r="${r1(p.r * k)}"><title>${p.e.title} — ${formatPlace(p.e.place)}, ${formatDate(p.e.date)}, ${plural(p.e.independentSources, 'independent source')}${p.e.level ? `, ${p.e.level}` : ''}</title></circle></a>`,
  )}
</svg></figure>`;
}

/** Points of events at the same spot, spread on a small sunflower spiral around it (golden angle). */
function fanOut(points: Placed[], k: number): Placed[] {
  const seen = new Map<string, number>();
  return points.map((p) => {
    const key = `${Math.round(p.x)},${Math.round(p.y)}`;
    const i = seen.get(key) ?? 0;
    seen.set(key, i + 1);
    if (!i) return p;
    const a = i * 2.39996;
    const d = k * BASE_RADIUS * 2.2 * Math.sqrt(i);
    return { ...p, x: p.x + Math.cos(a) * d, y: p.y + Math.sin(a) * d };
  });
}

/** The view box around the points, with a margin, at least MIN_VIEW_WIDTH wide, inside the world. */
function fit(points: Placed[]): { x: number; y: number; w: number; h: number } {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  let w = Math.max(MIN_VIEW_WIDTH, (x1 - x0) * 1.3, ((y1 - y0) * 1.3) / VIEW_ASPECT);
  w = Math.min(w, WORLD_WIDTH);
  const h = Math.min(w * VIEW_ASPECT, WORLD_HEIGHT);
  const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
  const x = clamp((x0 + x1) / 2 - w / 2, 0, WORLD_WIDTH - w);
  const y = clamp((y0 + y1) / 2 - h / 2, 0, WORLD_HEIGHT - h);
  return { x, y, w, h };
}

function r1(v: number): number {
  return Math.round(v * 10) / 10;
}

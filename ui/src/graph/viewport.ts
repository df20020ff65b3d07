/**
 * Zoom to fit and absolute positions: arithmetic the canvas needs but that has nothing to do with
 * React, so it is tested here.
 */
import type { Graph } from './definition-to-graph.js';
import type { Layout } from './layout.js';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Viewport {
  /** Screen = world × zoom + (x, y). */
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
}

/** Each visible node's box in canvas coordinates (layout boxes are relative to their parent). */
export function absoluteBoxes(graph: Graph, layout: Layout): Map<string, Rect> {
  const out = new Map<string, Rect>();
  for (const node of graph.nodes) {
    const box = layout.boxes.get(node.id);
    if (!box || box.hidden) continue;
    // Parents precede children in graph.nodes, so the parent's absolute box is already known.
    const parent = node.parentId === undefined ? undefined : out.get(node.parentId);
    out.set(node.id, { x: box.x + (parent?.x ?? 0), y: box.y + (parent?.y ?? 0), width: box.width, height: box.height });
  }
  return out;
}

export function boundsOf(rects: Iterable<Rect>): Rect {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const r of rects) {
    minX = Math.min(minX, r.x);
    minY = Math.min(minY, r.y);
    maxX = Math.max(maxX, r.x + r.width);
    maxY = Math.max(maxY, r.y + r.height);
  }
  if (minX === Infinity) return { x: 0, y: 0, width: 0, height: 0 };
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

export interface FitOptions {
  /** Margin around the content, as a fraction of the screen. */
  readonly padding?: number;
  readonly minZoom?: number;
  readonly maxZoom?: number;
}

/** The viewport that shows `bounds` whole and centred on a screen of the given size. */
export function fitView(bounds: Rect, screen: { width: number; height: number }, options: FitOptions = {}): Viewport {
  const padding = options.padding ?? 0.1;
  const minZoom = options.minZoom ?? 0.1;
  const maxZoom = options.maxZoom ?? 1;
  const usableW = screen.width * (1 - 2 * padding);
  const usableH = screen.height * (1 - 2 * padding);
  const raw = bounds.width > 0 && bounds.height > 0 ? Math.min(usableW / bounds.width, usableH / bounds.height) : maxZoom;
  const zoom = Math.min(maxZoom, Math.max(minZoom, raw));
  return {
    zoom,
    x: screen.width / 2 - (bounds.x + bounds.width / 2) * zoom,
    y: screen.height / 2 - (bounds.y + bounds.height / 2) * zoom,
  };
}

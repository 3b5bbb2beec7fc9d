/**
 * The front end's walls, read from the import statements of src/ (ts, tsx and scss):
 *  - src/ never imports server/ (the pure core/ and the API contract types/ are fine);
 *  - a subpackage (src/packages/<area>) never imports another subpackage's files: what two of them share lives in
 *    src/shared/ (subpackages only) or src/components/ (the main package too);
 *  - the main package (everything in src/ outside packages/ and shared/) never imports subpackage or shared code, so
 *    none of it is pulled into the main package;
 *  - no import cycles among the scripts.
 * Platform twins (`x.weapp.ts` beside `x.ts`) are read as files of their own.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const SRC = path.join(ROOT, 'src');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return walk(full);
    return /\.(tsx?|scss)$/.test(d.name) ? [full] : [];
  });
}

const SUFFIXES = ['', '.ts', '.tsx', '.scss', '/index.ts', '/index.tsx', '/index.scss'];
const IMPORT = /(?:(?:import|export)[^'";]*?from\s+|import\s+|@(?:use|import|forward)\s+|require\(|import\()(['"])([^'"]+)\1/g;

function resolve(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  for (const s of SUFFIXES) {
    const file = base + s;
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  return null;
}

interface Edge {
  from: string;
  to: string;
}

function edges(): { files: string[]; edges: Edge[]; unresolved: string[] } {
  const files = walk(SRC);
  const out: Edge[] = [];
  const unresolved: string[] = [];
  for (const from of files) {
    const text = readFileSync(from, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[2];
      if (!spec.startsWith('.')) continue;
      const to = resolve(from, spec);
      if (to) out.push({ from, to });
      else unresolved.push(`${rel(from)}: ${spec}`);
    }
  }
  return { files, edges: out, unresolved };
}

function rel(file: string): string {
  return path.relative(ROOT, file).split(path.sep).join('/');
}

/** 'main', 'shared', 'pkg:<area>', or the folder outside src/ (server, core, types…). */
function roomOf(file: string): string {
  const r = rel(file);
  if (!r.startsWith('src/')) return r.split('/')[0];
  const parts = r.split('/');
  if (parts[1] === 'packages') return `pkg:${parts[2]}`;
  if (parts[1] === 'shared') return 'shared';
  return 'main';
}

const graph = edges();

describe('front-end walls', () => {
  it('resolves every relative import of src/', () => {
    expect(graph.unresolved).toEqual([]);
  });

  it('never imports server/ from src/', () => {
    const bad = graph.edges.filter((e) => roomOf(e.to) === 'server').map((e) => `${rel(e.from)} → ${rel(e.to)}`);
    expect(bad).toEqual([]);
  });

  it("never lets a subpackage import another subpackage's files", () => {
    const bad = graph.edges
      .filter((e) => roomOf(e.from).startsWith('pkg:') && roomOf(e.to).startsWith('pkg:') && roomOf(e.from) !== roomOf(e.to))
      .map((e) => `${rel(e.from)} → ${rel(e.to)}`);
    expect(bad).toEqual([]);
  });

  it('never lets the main package import subpackage or shared code', () => {
    const bad = graph.edges
      .filter((e) => roomOf(e.from) === 'main' && (roomOf(e.to).startsWith('pkg:') || roomOf(e.to) === 'shared'))
      .map((e) => `${rel(e.from)} → ${rel(e.to)}`);
    expect(bad).toEqual([]);
  });

  it('never lets shared code import a subpackage', () => {
    const bad = graph.edges.filter((e) => roomOf(e.from) === 'shared' && roomOf(e.to).startsWith('pkg:')).map((e) => `${rel(e.from)} → ${rel(e.to)}`);
    expect(bad).toEqual([]);
  });

  it('has no import cycles among the scripts', () => {
    const scripts = graph.edges.filter((e) => !e.to.endsWith('.scss') && e.to.startsWith(SRC));
    const next = new Map<string, string[]>();
    for (const e of scripts) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
    // Tarjan's strongly connected components: any component of more than one file (or a file importing itself) is a cycle.
    let index = 0;
    const idx = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    const visit = (v: string): void => {
      idx.set(v, index);
      low.set(v, index++);
      stack.push(v);
      onStack.add(v);
      for (const w of next.get(v) ?? []) {
        if (!idx.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
      if (low.get(v) === idx.get(v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(rel(w));
        } while (w !== v);
        if (comp.length > 1 || (next.get(v) ?? []).includes(v)) cycles.push(comp.sort());
      }
    };
    for (const f of graph.files) if (!idx.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });
});

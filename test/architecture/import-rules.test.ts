// The layering of docs/development.md, checked on the source's own imports (static, dynamic and
// type-only alike), so that it still holds after the next feature lands.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(join(repo, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'dist' || entry.name === 'node_modules' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every module of src/ and actions/<name>/src/ with the modules of the toolkit it imports. */
function importGraph(): Map<string, string[]> {
  const actionSources = readdirSync(join(repo, 'actions'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => sourceFiles(join('actions', entry.name, 'src')));
  const files = [...sourceFiles('src'), ...actionSources].filter((file) => file !== join('src', 'assets.generated.ts'));
  const specifier = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;
  return new Map(files.map((file) => {
    const text = readFileSync(join(repo, file), 'utf8');
    const targets = [...text.matchAll(specifier)]
      .map((match) => relative(repo, resolve(repo, dirname(file), match[1])).replace(/\.js$/, '.ts'))
      .filter((target) => target.endsWith('.ts') && target !== join('src', 'assets.generated.ts'));
    return [file, [...new Set(targets)]];
  }));
}

const graph = importGraph();
const edges = [...graph].flatMap(([from, targets]) => targets.map((to) => ({ from, to })));
const under = (folder: string) => (path: string) => path.startsWith(`${folder}/`);
const isEntry = (path: string) => under('src/cli')(path) || under('src/actions')(path) || /^actions\/[^/]+\/src\//.test(path);

function violations(from: (path: string) => boolean, to: (path: string) => boolean): string[] {
  return edges.filter((edge) => from(edge.from) && to(edge.to)).map((edge) => `${edge.from} -> ${edge.to}`);
}

/** Strongly connected components of more than one module (or a module importing itself): Tarjan. */
function cycles(): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

describe('import rules', () => {
  test('the graph is read: every import resolves to a module of the toolkit', () => {
    expect(graph.size).toBeGreaterThan(50);
    const unresolved = edges.filter((edge) => !graph.has(edge.to)).map((edge) => `${edge.from} -> ${edge.to}`);
    expect(unresolved).toEqual([]);
  });

  test('operations and swarm know no provider: the cluster interface lives in core', () => {
    expect(violations((path) => under('src/operations')(path) || under('src/swarm')(path), under('src/providers'))).toEqual([]);
  });

  test('core and render know no provider, operations, swarm or entry code', () => {
    const upper = (path: string) => under('src/providers')(path) || under('src/operations')(path) || under('src/swarm')(path) || isEntry(path);
    expect(violations((path) => under('src/core')(path) || under('src/render')(path), upper)).toEqual([]);
  });

  test('providers know no operations and no entry code', () => {
    expect(violations(under('src/providers'), (path) => under('src/operations')(path) || isEntry(path))).toEqual([]);
  });

  test('entry code reaches the providers only through src/providers/index.ts (providerFor)', () => {
    expect(violations(isEntry, (path) => under('src/providers')(path) && path !== 'src/providers/index.ts')).toEqual([]);
  });

  test('there are no import cycles', () => {
    expect(cycles()).toEqual([]);
  });
});

/**
 * The import rules that `npm run check:imports` applies to the tree (.dependency-cruiser.cjs), tried on a
 * small tree made for the purpose: each rule must refuse what it is there to refuse.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cruise, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The files of a tree, path → the files it imports. */
type Tree = Record<string, string[]>;

let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'lovit-imports-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function violations(name: string, tree: Tree): Promise<string[]> {
  const base = path.join(root, name);
  for (const [file, imports] of Object.entries(tree)) {
    const at = path.join(base, file);
    await mkdir(path.dirname(at), { recursive: true });
    const lines = imports.map((target, i) => {
      const specifier = target.startsWith('node:')
        ? target
        : path.relative(path.dirname(at), path.join(base, target));
      return `import * as m${i} from '${specifier.startsWith('.') || specifier.startsWith('node:') ? specifier : `./${specifier}`}';`;
    });
    await writeFile(at, `${lines.join('\n')}\nexport const here = 1;\n`);
  }
  const options = await extractDepcruiseOptions(path.resolve('.dependency-cruiser.cjs'));
  const { tsConfig: _ignored, ...rest } = options;
  const folders = ['src', 'web'].filter((folder) =>
    Object.keys(tree).some((file) => file.startsWith(`${folder}/`)),
  );
  const result = await cruise(folders, { ...rest, baseDir: base, outputType: 'json' });
  const output = typeof result.output === 'string' ? JSON.parse(result.output) : result.output;
  return (output.summary.violations as IViolation[]).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
}

describe('the import rules of the tree', () => {
  it('accept modules that use the ones before them through their service, contract, events or ports', async () => {
    expect(
      await violations('clean', {
        'src/kernel/db.ts': [],
        'src/modules/identity/service.ts': ['src/kernel/db.ts'],
        'src/modules/exchange/events.ts': [],
        'src/modules/cases/service.ts': [
          'src/modules/identity/service.ts',
          'src/modules/exchange/events.ts',
          'src/modules/cases/store.ts',
        ],
        'src/modules/cases/store.ts': ['src/kernel/db.ts'],
        'src/modules/cases/rules.ts': ['src/modules/cases/contract.ts'],
        'src/modules/cases/contract.ts': [],
        'web/modules/cases/Page.tsx': ['src/modules/cases/contract.ts'],
      }),
    ).toEqual([]);
  });

  it('refuse a cycle between files, a module using one after it, and a way in other than its surface', async () => {
    expect(
      await violations('broken', {
        'src/modules/cases/service.ts': ['src/modules/cases/worklist.ts'],
        'src/modules/cases/worklist.ts': ['src/modules/cases/service.ts'],
        'src/modules/cases/store.ts': [],
        'src/modules/exchange/service.ts': ['src/modules/cases/service.ts'],
        'src/modules/council/service.ts': ['src/modules/cases/store.ts'],
      }),
    ).toEqual([
      'module-order-exchange: src/modules/exchange/service.ts → src/modules/cases/service.ts',
      'module-surface: src/modules/council/service.ts → src/modules/cases/store.ts',
      'no-circular: src/modules/cases/service.ts → src/modules/cases/worklist.ts',
    ]);
  });

  it('keep the kernel below the modules, rules pure, and the web on the contracts', async () => {
    expect(
      await violations('layers', {
        'src/kernel/db.ts': ['src/modules/cases/service.ts'],
        'src/modules/cases/service.ts': [],
        'src/modules/cases/store.ts': [],
        'src/modules/cases/rules.ts': ['node:fs', 'src/modules/cases/store.ts'],
        'web/modules/cases/Page.tsx': ['src/modules/cases/store.ts'],
      }),
    ).toEqual([
      'kernel-below-modules: src/kernel/db.ts → src/modules/cases/service.ts',
      'rules-are-pure: src/modules/cases/rules.ts → src/modules/cases/store.ts',
      'rules-no-io-builtins: src/modules/cases/rules.ts → fs',
      'web-reads-contracts: web/modules/cases/Page.tsx → src/modules/cases/store.ts',
    ]);
  });
});

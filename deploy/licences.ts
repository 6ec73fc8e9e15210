/**
 * The licences of what LOVIT ships (its runtime dependencies, all the way down), written to docs/licences.md
 * for an administration that reuses it: `npm run licences` writes the file, `npm run licences -- --check`
 * fails when the file no longer matches what is installed or a licence is not one LOVIT's EUPL-1.2 may ship.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { init } from 'license-checker-rseidelsohn';
import parse from 'spdx-expression-parse';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const LICENCES_FILE = `${ROOT}docs/licences.md`;

/**
 * Licences compatible with distribution under the EUPL-1.2: permissive ones, and the MPL-2.0, whose copyleft
 * stays with the files of the library it covers (listed as compatible in the EUPL's appendix).
 */
const ACCEPTED = new Set([
  'MIT',
  'MIT-0',
  'ISC',
  'Apache-2.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  '0BSD',
  'BlueOak-1.0.0',
  'PSF-2.0',
  'Unlicense',
  'CC0-1.0',
  'Zlib',
  'MPL-2.0',
]);

export type Dependency = { name: string; version: string; licence: string; repository: string | null };

type Expression = { license: string; plus?: boolean; exception?: string } | Conjunction;
type Conjunction = { left: Expression; conjunction: 'and' | 'or'; right: Expression };

/** Whether a parsed licence expression lets LOVIT ship the package: AND needs both sides, OR either. */
function permits(expression: Expression): boolean {
  if ('conjunction' in expression)
    return expression.conjunction === 'and'
      ? permits(expression.left) && permits(expression.right)
      : permits(expression.left) || permits(expression.right);
  return ACCEPTED.has(expression.license) && expression.exception === undefined;
}

/** Whether the SPDX expression of a licence lets LOVIT ship the package: every side of an AND, one side of an OR. */
export function acceptable(dependency: Dependency): boolean {
  try {
    return permits(parse(dependency.licence));
  } catch {
    // not an SPDX expression ("UNKNOWN", "MIT*"): nothing to accept without reading it by hand
    return false;
  }
}

export function installedDependencies(): Promise<Dependency[]> {
  return new Promise((resolve, reject) =>
    init({ start: ROOT, production: true, excludePrivatePackages: true }, (error, packages) => {
      if (error) return reject(error);
      resolve(
        Object.entries(packages)
          .map(([id, info]) => {
            const at = id.lastIndexOf('@');
            const licences = info.licenses ?? 'UNKNOWN';
            return {
              name: id.slice(0, at),
              version: id.slice(at + 1),
              licence: Array.isArray(licences) ? licences.join(' OR ') : licences,
              repository: info.repository ?? null,
            };
          })
          .sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version)),
      );
    }),
  );
}

export function licencesDocument(dependencies: readonly Dependency[]): string {
  const counts = new Map<string, number>();
  for (const { licence } of dependencies) counts.set(licence, (counts.get(licence) ?? 0) + 1);
  return [
    '# Licences of the runtime dependencies',
    '',
    `LOVIT is distributed under the EUPL-1.2. It ships ${dependencies.length} packages from the npm registry, under`,
    'licences compatible with it (MPL-2.0, the one weak copyleft among them, covers lightningcss, used unmodified).',
    'This file is written by `npm run licences` and checked by `npm test` against what `npm ci` installs.',
    '',
    '| Licence | Packages |',
    '|---|---|',
    ...[...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([l, n]) => `| ${l} | ${n} |`),
    '',
    '## Packages',
    '',
    '| Package | Version | Licence | Source |',
    '|---|---|---|---|',
    ...dependencies.map((d) => `| ${d.name} | ${d.version} | ${d.licence} | ${d.repository ?? ''} |`),
    '',
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dependencies = await installedDependencies();
  const refused = dependencies.filter((d) => !acceptable(d));
  for (const d of refused) console.error(`${d.name}@${d.version}: ${d.licence} is not accepted`);
  const text = licencesDocument(dependencies);
  if (process.argv.includes('--check')) {
    const stale = readFileSync(LICENCES_FILE, 'utf8') !== text;
    if (stale)
      console.error('docs/licences.md does not match the installed dependencies: run `npm run licences`');
    process.exit(stale || refused.length > 0 ? 1 : 0);
  }
  writeFileSync(LICENCES_FILE, text);
  process.exit(refused.length > 0 ? 1 : 0);
}

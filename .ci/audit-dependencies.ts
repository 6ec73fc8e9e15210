/**
 * Reads `npm audit --json` on stdin: fails on a high or critical advisory of a runtime dependency that the
 * allow-list does not excuse (or excuses past its date); says plainly when the advisory service gave no report.
 */
import { readFileSync } from 'node:fs';

type Advisory = { source?: number; url?: string; title?: string; severity?: string };
type Vulnerability = { name: string; severity: string; via: (Advisory | string)[] };
type Excuse = { advisory: string; package: string; reason: string; reviewUntil: string };

const input = readFileSync(0, 'utf8').trim();
const report = input
  ? (JSON.parse(input) as {
      vulnerabilities?: Record<string, Vulnerability>;
      statusCode?: number;
      message?: string;
    })
  : {};
if (!report.vulnerabilities) {
  // e.g. "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk" from a
  // proxy that lets only GET and HEAD through: npm has no advisory query by GET.
  console.log(
    `advisory service unavailable (${report.message ?? report.statusCode ?? 'no answer'}): dependencies not checked here`,
  );
  process.exit(0);
}
const allowList = JSON.parse(readFileSync('docs/audit-allow-list.json', 'utf8')) as Excuse[];
const today = new Date().toISOString().slice(0, 10);
const serious = Object.values(report.vulnerabilities).filter((v) =>
  ['high', 'critical'].includes(v.severity),
);
const unexcused = serious.flatMap((vulnerability) =>
  vulnerability.via
    // a package's own advisories (a name is a dependency's, reported under that one), high or critical only
    .filter(
      (via): via is Advisory => typeof via === 'object' && ['high', 'critical'].includes(via.severity ?? ''),
    )
    .filter((via) => {
      const excuse = allowList.find((e) => e.package === vulnerability.name && e.advisory === via.url);
      return !excuse || excuse.reviewUntil < today;
    })
    .map((via) => `${vulnerability.name}: ${via.severity} – ${via.title} (${via.url})`),
);
for (const line of unexcused) console.error(line);
console.log(
  `${serious.length} high or critical, ${unexcused.length} not excused by docs/audit-allow-list.json`,
);
process.exit(unexcused.length > 0 ? 1 : 0);

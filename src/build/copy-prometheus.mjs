// Copies the Prometheus rules and their unit tests into dist/prometheus/
// (packaging/prometheus is the source), so the package ships the rules the
// tests ran on.
import { copyFileSync, mkdirSync } from 'node:fs';

mkdirSync('dist/prometheus', { recursive: true });
for (const name of ['sitrep.rules.yml', 'sitrep.rules.test.yml']) copyFileSync(`packaging/prometheus/${name}`, `dist/prometheus/${name}`);

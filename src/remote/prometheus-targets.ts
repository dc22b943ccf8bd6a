/**
 * From a Prometheus `instance` label to the SSH target `sitrep ssh` opens.
 * The rule: the instance without its port (`web1.example.com:9100` →
 * `web1.example.com`, `[2001:db8::1]:9100` → `2001:db8::1`). The override file
 * (`--ssh-map FILE`) has lines `INSTANCE TARGET` (# comments), for instances
 * that are not SSH names (a relabelled name, a jump host, another user).
 */
import { readFileSync } from 'node:fs';

/** The target the rule gives for `instance`. */
export function ruleTarget(instance: string): string {
  const v6 = /^\[([^\]]+)\](?::\d+)?$/.exec(instance);
  if (v6) return v6[1]!;
  return instance.replace(/:\d+$/, '');
}

/** Reads the override file: instance → target. Throws on a malformed line (its number said). */
export function readSshMap(file: string): Map<string, string> {
  const map = new Map<string, string>();
  readFileSync(file, 'utf8').split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) return;
    const words = line.split(/\s+/);
    if (words.length !== 2) throw new Error(`${file}:${i + 1}: expected INSTANCE TARGET`);
    map.set(words[0]!, words[1]!);
  });
  return map;
}

/** A target ssh may be given: no option-looking or control-laden names (a hostile label must not become an ssh option). */
export function safeTarget(target: string): string | null {
  return /^[A-Za-z0-9_.@:%-]+$/.test(target) && !target.startsWith('-') ? target : null;
}

/** The target for `instance`: the override, else the rule; null when it is not a safe ssh name. */
export function sshTarget(instance: string, overrides: ReadonlyMap<string, string>): string | null {
  return safeTarget(overrides.get(instance) ?? ruleTarget(instance));
}

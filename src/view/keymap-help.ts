/**
 * The help overlay's lines and the README's key table, both generated from the
 * keymap table, so neither can drift from what the keys do. Bindings are
 * grouped by where they apply: the replay transport, the main screen, the
 * drill-down, the Log search, the overlays, the dialogs and the help itself.
 */
import { KEYMAP, offReason, type KeyBinding, type KeyContext } from './keymap.js';

/** One line of the help: a section title or a binding. */
export type HelpLine = { readonly kind: 'section'; readonly title: string } | { readonly kind: 'binding'; readonly label: string; readonly help: string; readonly off?: string | null };

const SECTIONS = ['Fleet', 'Replay', 'Main screen', 'Drill-down', 'Log search', 'Overlays (detail, Services, log line)', 'Dialogs', 'Help'] as const;

/** The section a binding is listed under. */
function sectionOf(b: KeyBinding): (typeof SECTIONS)[number] {
  if (b.context === 'replay') return 'Replay';
  if (b.context === 'fleet') return 'Fleet';
  if (b.modes.includes('normal')) return 'Main screen';
  if (b.modes.includes('browse')) return 'Drill-down';
  if (b.modes.includes('log-search')) return 'Log search';
  if (b.modes.some((m) => m.startsWith('confirm-'))) return 'Dialogs';
  if (b.modes.includes('help')) return 'Help';
  return 'Overlays (detail, Services, log line)';
}

/** Every binding that applies in `context` (all of them for 'all'), by section, each once. */
export function helpLines(context: KeyContext | 'all', actionsOff: string | null = null): HelpLine[] {
  const out: HelpLine[] = [];
  for (const section of SECTIONS) {
    const seen = new Set<string>();
    const rows = KEYMAP.filter((b) => sectionOf(b) === section && (context === 'all' || b.context === undefined || b.context === context))
      .filter((b) => !seen.has(`${b.label}|${b.help}`) && seen.add(`${b.label}|${b.help}`));
    if (rows.length === 0) continue;
    out.push({ kind: 'section', title: section }, ...rows.map((b) => ({ kind: 'binding' as const, label: b.label, help: b.help, off: offReason(b, actionsOff) })));
  }
  return out;
}

/** Help lines that fit on screen at `height` (status line, border, title and the two "more" markers taken off). */
export function helpPageRows(height: number): number {
  return Math.max(1, height - 1 - 2 - 1 - 2);
}

/** The README's key table, as markdown rows. */
export function keyTableMarkdown(): string {
  const rows = helpLines('all').map((l) => (l.kind === 'section' ? `| **${l.title}** | |` : `| ${l.label.replace(/\|/g, '\\|')} | ${l.help.replace(/\|/g, '\\|')} |`));
  return ['| key | does |', '|---|---|', ...rows].join('\n');
}

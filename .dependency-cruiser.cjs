// The layer rules of ARCHITECTURE.md as an allowlist: a dependency that no
// `allowed` rule names is an error ("not-in-allowed"). The `forbidden` rules
// are transitive: what the UI and the pure core must never reach, by any path.
// `npm test` runs this (npm run layers); test/src/layers.test.ts proves that a
// planted violation fails it.
/** @type {import('dependency-cruiser').IConfiguration} */
const TYPES = '^src/stream/';
const MODEL = '^src/model/';
const TEXT = '^src/text/';
// The view core: state, reducer, keymap, selection, pane rows. Pure.
const VIEW = '^src/(core|view|panes)/|^src/effects/(intents|format-size|service-targets|refusals)\\.ts$';
const NODE_IO = '^(node:)?(fs|fs/promises|child_process|worker_threads|net|dgram)$';

module.exports = {
  allowed: [
    { from: { path: '.' }, to: { path: '^node_modules/' , pathNot: '^node_modules/(systeminformation)/' } },
    // The model is pure: itself and the message types.
    { from: { path: MODEL }, to: { path: [MODEL, TYPES] } },
    // …and the plain text order and digit grouping (no Intl: src/text/order.ts), a pure leaf.
    { from: { path: MODEL }, to: { path: '^src/text/order\\.ts$' } },
    { from: { path: TYPES }, to: { path: TYPES } },
    // The view core: the model, text, message types and itself.
    { from: { path: VIEW }, to: { path: [VIEW, MODEL, TEXT, TYPES] } },
    { from: { path: TEXT }, to: { path: TEXT } },
    // The fast path: the panes' styled lines straight to frame text (no Ink); the view core, the model and text.
    { from: { path: '^src/draw/' }, to: { path: ['^src/draw/', VIEW, MODEL, TEXT, TYPES] } },
    // Collectors read the system: Node, themselves and the message types only.
    { from: { path: '^collectors/' }, to: { path: ['^collectors/', TYPES] } },
    { from: { path: '^collectors/' }, to: { dependencyTypes: ['core'] } },
    // systeminformation: host facts only, loaded when asked (collectors/hardware/hardware.ts).
    { from: { path: '^collectors/hardware/hardware\\.ts$' }, to: { path: '^node_modules/systeminformation/' } },
    // The UI: Ink components over the view core, the model and text; no I/O, no actions, no sources.
    { from: { path: '^ui/' }, to: { path: ['^ui/', VIEW, MODEL, TEXT, TYPES] } },
    // Demos: seeded simulators on the message types, the model and the intents; SystemActions as a type only.
    { from: { path: '^demo/' }, to: { path: ['^demo/', TYPES, MODEL, '^src/effects/intents\\.ts$', '^src/cli/options-types\\.ts$'] } },
    { from: { path: '^demo/' }, to: { path: '^src/(effects/live-actions|sources/dir-service)\\.ts$', dependencyTypes: ['type-only'] } },
    { from: { path: '^demo/' }, to: { dependencyTypes: ['core'], pathNot: NODE_IO } },
    // Effects (actions), sources, recording, terminal: the system side, never the UI.
    { from: { path: '^src/effects/' }, to: { path: ['^src/effects/', '^collectors/', MODEL, TYPES, TEXT] } },
    { from: { path: '^src/sources/' }, to: { path: ['^src/sources/', '^collectors/', MODEL, TYPES, TEXT, '^src/record/'] } },
    // The link reads the agent's lines: the protocol's shapes, shared with the agent (src/remote/protocol.ts), as types.
    { from: { path: '^src/sources/remote-link\\.ts$' }, to: { path: '^src/remote/protocol\\.ts$', dependencyTypes: ['type-only'] } },
    // The remote session's actions are intents sent to an agent: the intent types only.
    { from: { path: '^src/sources/remote-source\\.ts$' }, to: { path: '^src/effects/intents\\.ts$', dependencyTypes: ['type-only'] } },
    { from: { path: '^src/record/' }, to: { path: ['^src/record/', TYPES, MODEL] } },
    // The agent protocol's checks name the protocol's types (the schema is generated from them).
    { from: { path: '^src/record/(validate-agent|agent-schema)\\.ts$' }, to: { path: '^src/remote/protocol\\.ts$', dependencyTypes: ['type-only'] } },
    { from: { path: '^src/term/' }, to: { path: ['^src/term/', TEXT] } },
    { from: { path: '^src/(effects|sources|record|term|build|app|cli|report|recorder|remote)/' }, to: { dependencyTypes: ['core'] } },
    // Build scripts: each other (the schema generators).
    { from: { path: '^src/build/' }, to: { path: '^src/build/' } },
    // The features and the wiring (src/cli, src/report, src/recorder, src/remote, src/app: main, modes,
    // console) may use every layer below them; the feature folders are split by what they do, not by layer.
    { from: { path: '^src/(app|cli|report|recorder|remote)/' }, to: { path: '^(src|ui|collectors|demo)/|^package\\.json$' } },
  ],
  allowedSeverity: 'error',
  forbidden: [
    {
      name: 'no-circular',
      comment: 'no module reaches itself: type-only imports count too (no via/viaOnly restriction, and tsPreCompilationDeps keeps them), so the imports have an order',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'ui-reaches-effects',
      comment: 'the UI draws the model; by no path may it reach actions that act, sources, collectors or node I/O',
      severity: 'error',
      from: { path: '^ui/' },
      to: { reachable: true, path: ['^src/effects/(live|path|service|log)-actions\\.ts$', '^src/effects/check-lock-chain\\.ts$', '^src/sources/', '^collectors/', '^src/(app|cli|report|recorder|remote)/', '^src/term/'] },
    },
    {
      name: 'pure-core-reaches-node',
      comment: 'the model, the view core and the fast path are pure: no Node, Ink or React by any path',
      severity: 'error',
      from: { path: [MODEL, VIEW, '^src/draw/'] },
      to: { reachable: true, path: ['^node_modules/(ink|react)/', '^collectors/', '^src/sources/', '^ui/'] },
    },
    {
      name: 'demo-reaches-the-machine',
      comment: 'a demo runs on any machine: never the live source or the collectors',
      severity: 'error',
      from: { path: '^demo/' },
      to: { reachable: true, path: ['^collectors/', '^src/sources/live-source\\.ts$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], mainFields: ['module', 'main'] },
    exclude: { path: '^(dist|bench/results|test)/' },
  },
};

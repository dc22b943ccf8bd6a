// The JSON Schema of `sitrep report --json` (schema/report.schema.json), made
// from the report's types in src/report/incident-types.ts with the same walker
// as the recording's schema (gen-schema.mjs): a field added to the types is in
// the schema, and a field the types lack fails it.
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { makeWalker } from './gen-schema.mjs';
import { toJson } from './recording-schema.mjs';

const SOURCE = fileURLToPath(new URL('../report/incident-types.ts', import.meta.url));

/** The schema document of an IncidentReport. */
export function reportSchema() {
  const program = ts.createProgram([SOURCE], { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, noEmit: true });
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(SOURCE);
  const decl = file.statements.find((s) => ts.isInterfaceDeclaration(s) && s.name.text === 'IncidentReport');
  const { walk, defs } = makeWalker(checker);
  const root = walk(checker.getTypeAtLocation(decl.name));
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://sitrep.invalid/schema/report.schema.json',
    title: 'sitrep report --json: the facts of an incident',
    description: 'Times are ms since the epoch (UTC); every text is as the system gave it (sanitize before showing it).',
    ...toJson(root),
    $defs: Object.fromEntries(Object.entries(defs).map(([name, node]) => [name, toJson(node)])),
  };
}

/** Exporters: a trace as canonical JSON, a Mermaid sequence diagram, or a Vitest regression test. */
export { exportJson } from './json.ts';
export { exportMermaid } from './mermaid.ts';
export { exportVitest, type VitestExportOptions } from './vitest.ts';

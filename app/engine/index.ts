/** The engine's public surface: what models, the CLI, the worker and the UI import. */
export { defineModel, variantBounds, DEFAULT_BOUNDS, FAULT_KINDS } from './model.ts';
export type {
  Bounds,
  FaultKind,
  LinkSpec,
  MetricPropertySpec,
  MetricSpec,
  Model,
  ModelSpec,
  ModelSystem,
  PoolSpec,
  PropertySpec,
  SchedulingPolicy,
  SimulationSpec,
  VariantSpec,
  WorldView,
} from './model.ts';
export { restart, send } from './send.ts';
export { Runtime } from './runtime.ts';
export { ModelError, InputError } from './errors.ts';
export { applyStep, initialWorld, valueLabel, type Happening } from './apply.ts';
export { enabledSteps, describeStep, eventLabel, formatTime, stepToJson, isFault, type Step, type StepJson } from './steps.ts';
export { exploreParallel, SPREAD_FROM, watchedWorkers, type Split } from './parallel/explore-parallel.ts';
export { ExpansionServer, inOrderChannel, inThreadWorker, type ExpansionWorker, type ExpansionRequest, type ExpansionReply } from './parallel/expansion.ts';
export { explore, type ExploreOptions, type ExploreResult, type Finding, type Witness, type Progress } from './explorer.ts';
export { makeTrace, parseTrace, replaySteps, resolveStep, traceJson, TRACE_FORMAT, TRACE_VERSION, type Trace, type Replay } from './trace.ts';
export { checkWorld, describeWorld, canReach, type StateFinding, type WorldReport } from './verdict.ts';
export { fingerprint, isRunning, type World } from './world.ts';
export { canonicalJson, prettyJson } from './canonical.ts';
export { View, viewOf } from './view.ts';
export type { CutReason } from './explorer.ts';
export * from './export/index.ts';
export { explainFinding, actorsRead, waitsFor, type Explanation, type Waiting } from './explain.ts';
export { createProbeBuffer, PROBE_SLOTS, probeSlots, readProbe, setSettleProbe, settleProbe, sharedProbe, type SettleProbe, type SharedProbe } from './settle-probe.ts';
export { mulberry32 } from './random.ts';
export { bytesText } from './bytes-text.ts';
export { simulate, simulateRun, type SimulateOptions, type SimulationResult, type RunResult, type RunTrace, type MetricReport, type PropertyReport } from './simulate.ts';
export { Recorder, measureReplay, summarize, checkMetricProperty, peakToMeanCycles, type Series, type Summary, type MetricVerdict, type StimulusTimes } from './metrics.ts';

/** Placeholder workbench: lists the bundled models and explores a variant in a Web Worker. */
import { useEffect, useRef, useState } from 'react';
import type { ExploreResult, Model, Progress } from '../engine/index.ts';
import type { ExploreReply, ExploreRequest } from './explore.worker.ts';
import { models } from './models.ts';

type Run =
  | { status: 'running'; progress?: Progress }
  | { status: 'done'; result: ExploreResult }
  | { status: 'error'; message: string };

export function App() {
  return (
    <>
      <header className="titlebar">
        <h1>Interleave</h1>
        <span className="muted">model checker for XState models of distributed-system bugs</span>
      </header>
      <main className="app">
        {models.length === 0 && <p className="muted">No models under machines/.</p>}
        {models.map((model) => (
          <ModelCard key={model.id} model={model} />
        ))}
      </main>
    </>
  );
}

function ModelCard({ model }: { model: Model }) {
  return (
    <section className="model" data-model={model.id}>
      <h2>
        {model.title} <code className="muted">{model.id}</code>
      </h2>
      <p className="summary">{model.summary}</p>
      <p className="muted small">seed: {model.seed}</p>
      <ul className="variants">
        {Object.entries(model.variants).map(([variant, spec]) => (
          <VariantRow key={variant} model={model} variant={variant} description={spec.description} />
        ))}
      </ul>
    </section>
  );
}

function VariantRow({ model, variant, description }: { model: Model; variant: string; description: string }) {
  const [run, setRun] = useState<Run | undefined>();
  const worker = useRef<Worker | undefined>(undefined);
  useEffect(() => () => worker.current?.terminate(), []);

  const start = () => {
    worker.current?.terminate();
    const w = new Worker(new URL('./explore.worker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    setRun({ status: 'running' });
    w.onmessage = (event: MessageEvent<ExploreReply>) => {
      const reply = event.data;
      if (reply.type === 'progress') setRun({ status: 'running', progress: reply.progress });
      else {
        setRun(reply.type === 'result' ? { status: 'done', result: reply.result } : { status: 'error', message: reply.message });
        w.terminate();
      }
    };
    w.onerror = (event) => {
      setRun({ status: 'error', message: event.message || 'the worker failed' });
      w.terminate();
    };
    const request: ExploreRequest = { model: model.id, variant };
    w.postMessage(request);
  };

  return (
    <li className="variant" data-variant={variant}>
      <div className="variant-head">
        <code className="variant-id">{variant}</code>
        <span className="description">{description}</span>
        <button type="button" onClick={start} disabled={run?.status === 'running'}>
          Explore
        </button>
      </div>
      {run && <RunView run={run} />}
    </li>
  );
}

function RunView({ run }: { run: Run }) {
  if (run.status === 'error') return <div className="result error" role="alert">error: {run.message}</div>;
  if (run.status === 'running') {
    return (
      <div className="result muted" aria-busy="true">
        exploring… {run.progress ? `${run.progress.states} states, depth ${run.progress.depth}` : ''}
      </div>
    );
  }
  const { result } = run;
  return (
    <div className="result" data-testid="result">
      <div className="stats">
        <span>states: {result.states}</span>
        <span>complete: {String(result.complete)}</span>
        <span className="muted">{Math.round(result.ms)} ms</span>
      </div>
      {result.inconclusive.length > 0 && (
        <div className="muted">inconclusive: {result.inconclusive.map((f) => f.property).join(', ')}</div>
      )}
      {result.findings.length === 0 ? (
        <div className="ok">no problems found</div>
      ) : (
        <ul className="findings">
          {result.findings.map((f) => (
            <li key={`${f.kind}:${f.property}`} className="finding">
              <span className="kind">{f.kind}</span> <code>{f.property}</code>
              <span className="muted"> — {f.message}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

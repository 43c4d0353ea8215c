/**
 * Restartable actors: a restart supersedes the running instance, the `overlap` fault lets the old
 * one keep running beside the new one, and a superseded instance's write is a stale-write finding.
 */
import { describe, expect, it } from 'vitest';
import { initialWorld } from '../../app/engine/index.ts';
import { storeWatcherSystem, watcher } from '../fixtures/store-watcher.ts';
import { exploreAll, labels, NO_FAULTS, runtimeOf, take, walk } from './helpers.ts';

describe('restartable actors', () => {
  it('a restart hands the old instance its writes in flight, and one landing is a stale write', () => {
    const rt = runtimeOf(storeWatcherSystem());
    const w = walk(
      rt,
      'watcher → store: Query',
      'store → watcher: Current {"status":"passing"}',
      'watcher → store: SetAlias {"status":"passing"}',
      'stimulus critical',
      'store → watcher: Notify {"status":"critical"}',
      'stimulus reregister',
    );
    expect(labels(rt, w, NO_FAULTS)).toContain('watcher~old → store: SetAlias {"status":"critical"}');
    const stale = take(rt, w, 'watcher~old → store: SetAlias {"status":"critical"}');
    expect(stale.stale).toBe(1);
  });

  it('without the overlap fault the old instance stops at once and its mail is lost', () => {
    const rt = runtimeOf(storeWatcherSystem());
    const w = walk(rt, 'watcher → store: Query', 'stimulus reregister');
    // The answer to the old instance's Query was on its way to it: gone with it.
    expect(w.snaps[rt.actor('watcher~old')]).toBe(-1);
    expect(labels(rt, w, NO_FAULTS).filter((l) => l.includes('exits'))).toEqual([]);
  });

  it('with the overlap fault the old instance keeps running until it exits', () => {
    const rt = runtimeOf(storeWatcherSystem());
    const w = walk(rt, 'watcher → store: Query', 'overlap watcher: its next restart leaves the old instance running', 'stimulus reregister');
    expect(w.snaps[rt.actor('watcher~old')]).toBeGreaterThanOrEqual(0);
    expect(labels(rt, w, NO_FAULTS)).toContain('store → watcher~old: Current {"status":"passing"}');
    expect(labels(rt, w, NO_FAULTS)).toContain('watcher~old exits');
    const exited = take(rt, w, 'watcher~old exits');
    expect(exited.snaps[rt.actor('watcher~old')]).toBe(-1);
    expect(labels(rt, exited, NO_FAULTS).some((l) => l.includes('watcher~old'))).toBe(false);
  });

  it('the explorer reports the stale write with its shortest trace', () => {
    const r = exploreAll(storeWatcherSystem(), { maxFaults: 0 });
    expect(r.complete).toBe(true);
    const stale = r.findings.find((f) => f.kind === 'stale-write');
    expect(stale).toBeDefined();
    expect(stale!.trace.at(-1)).toMatchObject({ do: 'deliver', from: 'watcher~old', to: 'store' });
    expect(stale!.message).toContain('after a newer watcher had started');
  });

  it('restarting an actor not declared restartable is a model error', () => {
    const bad = storeWatcherSystem();
    bad.actors.watcher = { machine: watcher };
    const rt = runtimeOf(bad);
    expect(() => take(rt, initialWorld(rt), 'stimulus reregister')).toThrow(/not an actor declared restartable/);
  });
});

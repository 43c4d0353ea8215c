/**
 * The bundled models in the browser: every `machines/<name>/index.ts`, found at build time by
 * Vite's import.meta.glob (the CLI's Node loader is app/cli/models.ts). Adding a folder adds a model.
 */
import type { Model } from '../engine/index.ts';
import { Catalog } from './session/catalog.ts';

const modules = import.meta.glob<{ default: Model }>('../../machines/*/index.ts', { eager: true });

export const models: Model[] = Object.entries(modules)
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([path, mod]) => {
    if (!mod.default || typeof mod.default.build !== 'function') {
      throw new Error(`${path} must default-export defineModel({...})`);
    }
    return mod.default;
  });

export function findModel(id: string): Model | undefined {
  return models.find((m) => m.id === id);
}

/** The models and their compiled runtimes, shared by the whole app. */
export const catalog = new Catalog(models);

/**
 * Finds the bundled models in Node: every `machines/<name>/index.ts` that default-exports a model.
 * Adding a folder adds a model; nothing here changes. (The browser build uses import.meta.glob.)
 */
import { readdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ModelError, type Model } from '../engine/index.ts';

/** The bundled models, or the folder named by INTERLEAVE_MACHINES (models of your own). */
export const MACHINES_DIR = process.env.INTERLEAVE_MACHINES
  ? resolve(process.env.INTERLEAVE_MACHINES)
  : resolve(dirname(fileURLToPath(import.meta.url)), '../../machines');

export async function loadModels(dir = MACHINES_DIR): Promise<Model[]> {
  const folders = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
  const models: Model[] = [];
  for (const folder of folders) {
    let mod: { default?: Model };
    try {
      mod = (await import(pathToFileURL(join(dir, folder, 'index.ts')).href)) as { default?: Model };
    } catch (e) {
      throw new ModelError(`machines/${folder}/index.ts failed to load: ${(e as Error).message}`);
    }
    const model = mod.default;
    if (!model || typeof model.build !== 'function' || typeof model.variants !== 'object') {
      throw new ModelError(`machines/${folder}/index.ts must default-export defineModel({...})`);
    }
    models.push(model);
  }
  return models;
}

export async function loadModel(id: string, dir = MACHINES_DIR): Promise<Model> {
  const models = await loadModels(dir);
  const model = models.find((m) => m.id === id);
  if (!model) throw new ModelError(`no model "${id}" (bundled: ${models.map((m) => m.id).join(', ')})`);
  return model;
}

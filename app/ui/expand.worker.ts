/**
 * One of the workers a single search is spread over (explore.worker.ts is the coordinator). Its first
 * message names the model variant; every later one is an expansion request, answered in order.
 */
import { ExpansionServer, Runtime, type ExpansionRequest } from '../engine/index.ts';
import { findModel } from './models.ts';

export interface ExpandInit {
  model: string;
  variant: string;
}

let server: ExpansionServer | null = null;

self.onmessage = (event: MessageEvent<ExpandInit | ExpansionRequest>) => {
  if (!server) {
    const { model: id, variant } = event.data as ExpandInit;
    const model = findModel(id);
    if (!model) throw new Error(`no model "${id}"`);
    server = new ExpansionServer(new Runtime(model, variant, { journal: true }));
    return;
  }
  const reply = server.handle(event.data as ExpansionRequest);
  self.postMessage(reply, { transfer: ExpansionServer.transfer(reply) });
};

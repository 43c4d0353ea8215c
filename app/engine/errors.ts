/** A model that cannot run: an undeclared link, a machine that throws, an unsupported action. */
export class ModelError extends Error {
  override name = 'ModelError';
}

/** Input from outside (a trace file, a link, CLI flags) that is not what it must be. */
export class InputError extends Error {
  override name = 'InputError';
}

/**
 * Canonical JSON: object keys sorted, no whitespace. Two values that are equal as data get the
 * same string whatever order their keys were built in, which makes it the basis of every key,
 * fingerprint and export the engine produces.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (value === undefined) return 'null';
    if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

/** Pretty canonical JSON (sorted keys, two-space indent, trailing newline) for files people read. */
export function prettyJson(value: unknown): string {
  return `${JSON.stringify(JSON.parse(canonicalJson(value)), null, 2)}\n`;
}

/** Assigns small integer ids to values by their canonical JSON. */
export class Interner<T> {
  private readonly ids = new Map<string, number>();
  readonly values: T[] = [];
  readonly keys: string[] = [];
  /** Told of each value as it gets its id (a runtime journals what it creates; see Runtime.record). */
  onCreate: ((value: T, key: string) => void) | null = null;

  id(value: T, key: string = canonicalJson(value)): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(key, id);
      this.values.push(value);
      this.keys.push(key);
      this.onCreate?.(value, key);
    }
    return id;
  }

  /** Forgets every value from id `size` on, as if they had never been interned. */
  truncate(size: number): void {
    for (let id = size; id < this.keys.length; id++) this.ids.delete(this.keys[id]);
    this.values.length = Math.min(this.values.length, size);
    this.keys.length = Math.min(this.keys.length, size);
  }

  lookup(key: string): number | undefined {
    return this.ids.get(key);
  }

  get size(): number {
    return this.values.length;
  }
}

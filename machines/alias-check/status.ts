/** A check's health, as consul's api package names it (warning plays no part in the seed). */
export type Status = 'passing' | 'critical';

/**
 * Which goroutine a call belongs to. The engine addresses an actor by name, and a superseded
 * watcher (`watcher~old`) shares its name with the new one, so a return value carries the epoch
 * of the CheckAlias that made the call and each watcher keeps only its own: what a Go function
 * return does by itself. The API numbers the CheckAlias values it creates: 1 for the check
 * restored from disk, 2 for the one the HTTP re-registration creates.
 */
export type Epoch = number;

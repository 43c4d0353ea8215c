// A search thread's entry. Node starts a thread without the TypeScript loader this process runs
// under (tsx), so the thread registers it before it loads its body.
import { register } from 'tsx/esm/api';

register();
await import('./search-thread-body.ts');

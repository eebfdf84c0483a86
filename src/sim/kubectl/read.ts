// kubectl run once, to read: describe, get -o yaml/jsonpath, logs. Whatever would wait (a
// watch, logs -f) is stopped after its first output, and no file can be read (so nothing can
// be applied by mistake). The inspector, lesson checks and the page's `kubectl edit` use it.
import type { Cluster } from '../cluster.ts';
import { kubectl } from './index.ts';

export function kubectlRead(cluster: Cluster, argv: string[]): { text: string; code: number } {
  let text = '';
  const o = { out: (t: string) => (text += t), err: (t: string) => (text += t) };
  const job = kubectl({ cluster, namespace: 'default', readFile: () => undefined }, argv, o);
  try {
    const r = job.next();
    if (r.done) return { text, code: r.value };
    job.return(0);
    return { text, code: 0 };
  } catch (e) {
    return { text: `${text}error: ${e instanceof Error ? e.message : String(e)}\n`, code: 1 };
  }
}

// Read-only kubectl for the inspector: describe, get -o yaml and logs, run straight against
// the live cluster. These never write to the cluster and are not recorded as actions (they
// change nothing a replay would need).

import type { LabDriver } from '../sim/runner/driver.ts';
import { parseKey, type ObjectKey } from './snapshot.ts';

export function kubectlText(driver: LabDriver, argv: string[]): string {
  return driver.read(argv).text;
}

/** `Pod/default/web#nginx` → the pod key and the container name. */
export function splitSelection(sel: string): { key: ObjectKey; container: string | undefined } {
  const i = sel.indexOf('#');
  return i < 0 ? { key: sel, container: undefined } : { key: sel.slice(0, i), container: sel.slice(i + 1) };
}

function target(key: ObjectKey): string[] {
  const { kind, namespace, name } = parseKey(key);
  return namespace ? [kind.toLowerCase(), name, '-n', namespace] : [kind.toLowerCase(), name];
}

export const describeObject = (d: LabDriver, key: ObjectKey) => kubectlText(d, ['describe', ...target(key)]);
export const objectYaml = (d: LabDriver, key: ObjectKey) => kubectlText(d, ['get', ...target(key), '-o', 'yaml']);
export function containerLogs(d: LabDriver, key: ObjectKey, container: string): string {
  const { namespace, name } = parseKey(key);
  return kubectlText(d, ['logs', name, '-n', namespace ?? 'default', '-c', container, '--tail=500']);
}

// kubectl events (pkg/cmd/events, v1.31): oldest first by when last seen, Kind/name objects,
// the "(xN over T)" interval of repeated events, --for, --types, -A and -w.

import { describe, expect, it } from 'vitest';
import { lab } from './lab.ts';

function withPods() {
  return lab().run('kubectl run web --image=nginx').advance('30s').run('kubectl run bad --image=nginx:nope').advance('2m');
}

describe('kubectl events', () => {
  it('lists a namespace\'s events by when they were last seen, repeats with their count', () => {
    const out = withPods().run('kubectl events').last;
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^LAST SEEN +TYPE +REASON +OBJECT +MESSAGE$/);
    expect(lines[1]).toMatch(/^2m30s +Normal +Scheduled +Pod\/web +Successfully assigned default\/web to node0\d$/);
    expect(out).toMatch(/\n\d+s \(x\d+ over \d+s\) +Warning +Failed +Pod\/bad +Error: ErrImagePull\n/);
    // Oldest first: the repeated pull of the bad image was seen last, after web's events.
    expect(lines.findIndex((l) => l.includes('Pod/web') && l.includes('Started'))).toBeLessThan(lines.findIndex((l) => l.includes('ErrImagePull')));
  });

  it('--for one object, --types of event, -A across namespaces', () => {
    const l = withPods();
    expect(l.run('kubectl events --for pod/web').last).not.toContain('Pod/bad');
    expect(l.run('kubectl events --for=pod/web').last).toContain('Pod/web');
    const warnings = l.run('kubectl events --types=Warning').last.trimEnd().split('\n').slice(1);
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.every((w) => /\sWarning\s/.test(w))).toBe(true);
    expect(l.run('kubectl events -A --types=Warning').last).toMatch(/^NAMESPACE +LAST SEEN +TYPE/);
    expect(l.run('kubectl events --types=Loud').last).toBe('error: valid --types are Normal or Warning\n');
    expect(l.run('kubectl events --for gizmo/x').last).toBe('error: the server doesn\'t have a resource type "gizmo"\n');
    expect(l.run('kubectl events -n kube-public').last).toBe('No events found in kube-public namespace.\n');
  });

  it('-w prints what happens next, a line each', () => {
    const out = lab().run('kubectl events -w --request-timeout=20s & sleep 1; kubectl run late --image=nginx; sleep 25').last;
    const created = out.indexOf('pod/late created');
    expect(created).toBeGreaterThan(0);
    // Nothing about the pod before it was made; its events after, each on its own line.
    expect(out.slice(0, created)).not.toContain('Pod/late');
    expect(out.slice(created)).toMatch(/\n\d+s +Normal +Scheduled +Pod\/late +Successfully assigned default\/late/);
    expect(out.slice(created)).toMatch(/\n\d+s +Normal +Started +Pod\/late +Started container late\n/);
  });
});

// ps in a container: the container's PID namespace (PID 1, what kubectl exec started, ps
// itself), and the images that have no ps at all.
import { describe, expect, it } from 'vitest';
import { lab } from './lab.ts';

function cluster() {
  return lab()
    .run('kubectl run box --image=busybox:1.36 -- sleep 3600')
    .run('kubectl run web --image=nginx:1.27')
    .run('kubectl run edge --image=nginx:1.27-alpine')
    .advance('15s');
}

describe('ps', () => {
  it('lists PID 1 and the exec\'d process in busybox\'s columns', () => {
    expect(cluster().kubectl('exec box -- ps')).toBe('PID   USER     TIME  COMMAND\n    1 root      0:00 sleep 3600\n    7 root      0:00 ps\n');
  });

  it('gives a command run from an exec\'d shell a PID after the shell\'s, and -o picks the columns', () => {
    const out = cluster().kubectl(`exec box -- sh -c 'ps -o pid,comm'`);
    expect(out).toBe('PID   COMMAND\n    1 sleep\n    7 sh\n    8 ps\n');
  });

  it('shows what nginx calls itself once the entrypoint has exec\'d it, with its two workers', () => {
    expect(cluster().kubectl('exec edge -- ps aux')).toBe(
      'PID   USER     TIME  COMMAND\n    1 root      0:00 nginx: master process nginx -g daemon off;\n   29 nginx     0:00 nginx: worker process\n   30 nginx     0:00 nginx: worker process\n   31 root      0:00 ps aux\n',
    );
  });

  it('is not in the Debian-based nginx image: the runtime refuses the exec, and a shell says not found', () => {
    const l = cluster();
    const direct = l.kubectl('exec web -- ps');
    expect(direct).toMatch(/^error: Internal error occurred: .*OCI runtime exec failed: exec failed: unable to start container process: exec: "ps": executable file not found in \$PATH: unknown\n$/);
    expect(direct).not.toContain('command terminated');
    expect(l.kubectl(`exec web -- sh -c 'ps'`)).toBe('sh: ps: not found\ncommand terminated with exit code 127\n');
  });

  it('says that ps does not know a column', () => {
    expect(cluster().kubectl('exec box -- ps -o pid,bogus')).toContain("ps: bad -o argument 'bogus'");
  });
});

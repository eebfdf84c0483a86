// busybox sed and xargs as a student types them, in a container or on the workstation.
import { describe, expect, it } from 'vitest';
import { runShell } from '../index.ts';
import { drive, fakeProcess } from '../testkit.ts';
import { sed } from './sed.ts';
import { xargs } from './proc.ts';

// sed and xargs come with kubectl's chunk (kubectl/tool.ts), beside the core table.
const applets = new Map([
  ['sed', sed],
  ['xargs', xargs],
]);

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.27\n';

function sh(script: string) {
  const p = fakeProcess({ files: { '/tmp/pod.yaml': POD, '/tmp/n.txt': 'one\ntwo\nthree\nfour\nfive\n' } });
  const r = drive(runShell(script, p.ctx, { applets }), p.clock);
  return { status: r.status, out: p.stdout(), err: p.stderr(), fs: p.ctx.fs };
}

describe('sed', () => {
  it.each([
    ["sed 's/o/0/' /tmp/n.txt", '0ne\ntw0\nthree\nf0ur\nfive\n'],
    ["sed 's/e/E/g' /tmp/n.txt", 'onE\ntwo\nthrEE\nfour\nfivE\n'],
    ["sed 's/e/E/2' /tmp/n.txt", 'one\ntwo\nthreE\nfour\nfive\n'],
    ["sed -n '2p' /tmp/n.txt", 'two\n'],
    ["sed -n '$p' /tmp/n.txt", 'five\n'],
    ["sed '2,4d' /tmp/n.txt", 'one\nfive\n'],
    ["sed '/^t/d' /tmp/n.txt", 'one\nfour\nfive\n'],
    ["sed '/two/,/four/d' /tmp/n.txt", 'one\nfive\n'],
    ["sed -n '/two/,+1p' /tmp/n.txt", 'two\nthree\n'],
    ["sed '3!d' /tmp/n.txt", 'three\n'],
    ["sed '2q' /tmp/n.txt", 'one\ntwo\n'],
    ["sed -n '/f/=' /tmp/n.txt", '4\n5\n'],
    ["sed 'y/abcdefghijklmnopqrstuvwxyz/ABCDEFGHIJKLMNOPQRSTUVWXYZ/' /tmp/n.txt", 'ONE\nTWO\nTHREE\nFOUR\nFIVE\n'],
    ["sed '1i first' /tmp/n.txt | head -n 2", 'first\none\n'],
    ["sed '$a last' /tmp/n.txt | tail -n 2", 'five\nlast\n'],
    ["sed '2c TWO' /tmp/n.txt | head -n 3", 'one\nTWO\nthree\n'],
    ["echo 'hello world' | sed 's/\\(hello\\) \\(world\\)/\\2 \\1/'", 'world hello\n'],
    ["echo 'hello world' | sed -E 's/(hello) (world)/[&] \\2/'", '[hello world] world\n'],
    ["echo 'a/b/c' | sed 's|/|:|g'", 'a:b:c\n'],
    ["echo 'Hello' | sed 's/hello/bye/I'", 'bye\n'],
    ["echo 'a b' | sed -e 's/a/x/' -e 's/b/y/'", 'x y\n'],
    ["echo 'abc' | sed 's/b/\\n/'", 'a\nc\n'],
    ["printf 'a\\nb\\n' | sed -n '/a/{s/a/A/;p}'", 'A\n'],
    ["sed -n 's/image: //p' /tmp/pod.yaml", '    nginx:1.27\n'],
  ])('%s', (script, expected) => {
    const r = sh(script);
    expect(r.err).toBe('');
    expect(r.out).toBe(expected);
  });

  it('edits a file in place, keeping a backup with -i.bak, the way a student changes an image', () => {
    const r = sh("sed -i.bak 's/nginx:1.27/nginx:1.28/' /tmp/pod.yaml; grep image /tmp/pod.yaml; grep image /tmp/pod.yaml.bak");
    expect(r.out).toBe('    image: nginx:1.28\n    image: nginx:1.27\n');
    expect(sh("sed -i 's/web/api/' /tmp/pod.yaml; grep name: /tmp/pod.yaml").out).toBe('  name: api\n  - name: nginx\n');
  });

  it.each([
    ["sed 's/a/b' /tmp/n.txt", "sed: unmatched '/'\n"],
    ["sed 's/a/b/z' /tmp/n.txt", 'sed: bad option in substitution expression\n'],
    ["sed 'k' /tmp/n.txt", 'sed: unsupported command k\n'],
    ["sed '/a/{p' /tmp/n.txt", 'sed: unmatched {\n'],
    ['sed', 'sed: no script specified\n'],
    ["sed p /nope", "sed: can't open '/nope': No such file or directory\n"],
  ])('%s says what is wrong', (script, message) => {
    const r = sh(script);
    expect(r.status).toBe(1);
    expect(r.err).toBe(message);
  });
});

describe('xargs', () => {
  it.each([
    ["echo 'a b c' | xargs", 'a b c\n'],
    ["echo 'a b c' | xargs -n 2 echo +", '+ a b\n+ c\n'],
    ["printf 'x\\ny\\n' | xargs -I {} echo '<{}>'", '<x>\n<y>\n'],
    ["echo \"'a b' c\" | xargs -n 1", 'a b\nc\n'],
    ['echo | xargs -r echo no', ''],
    ['echo | xargs echo yes', 'yes\n'],
    ["echo 'a END b' | xargs -E END", 'a\n'],
  ])('%s', (script, expected) => {
    const r = sh(script);
    expect(r.err).toBe('');
    expect(r.out).toBe(expected);
  });

  it('reports 123 when a command fails, and stops with 127 when it cannot run it', () => {
    expect(sh('echo /tmp/n.txt /nope | xargs -n 1 cat > /dev/null').status).toBe(123);
    const r = sh('echo a | xargs nosuchcommand');
    expect(r.status).toBe(127);
    expect(r.err).toContain('nosuchcommand: not found');
  });

  it('prints each command with -t', () => {
    expect(sh('echo a b | xargs -t -n 1 echo').err).toBe('echo a\necho b\n');
  });
});

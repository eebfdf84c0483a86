import { describe, expect, it } from 'vitest';
import { splitScript } from './script.ts';

describe('splitScript', () => {
  it.each([
    ['one command per line', 'kubectl get pods\nsleep 5\n', ['kubectl get pods', 'sleep 5']],
    ['backslash continuations join', 'kubectl run x \\\n  --image=nginx\n', ['kubectl run x   --image=nginx']],
    ['an open single quote continues on the next lines', "kubectl patch deploy d -p 'spec:\n  replicas: 2'\nkubectl get deploy\n", ["kubectl patch deploy d -p 'spec:\n  replicas: 2'", 'kubectl get deploy']],
    ['an open double quote too', 'echo "a\nb"\n', ['echo "a\nb"']],
    ["an apostrophe in a comment does not open a quote", "kubectl get pods # the pod's name\nsleep 1\n", ["kubectl get pods # the pod's name", 'sleep 1']],
    ['a comment line with an apostrophe', "# don't stop here\nsleep 1\n", ["# don't stop here", 'sleep 1']],
    ['an escaped quote inside double quotes', 'echo "say \\"hi\\""\nsleep 1\n', ['echo "say \\"hi\\""', 'sleep 1']],
    // As in sh, a quote never closed swallows the rest of the script (the shell then reports it).
    ['a quote never closed takes the rest of the script', "echo 'oops\nsleep 1\n", ["echo 'oops\nsleep 1\n"]],
  ])('%s', (_name, text, want) => {
    expect(splitScript(text).map((c) => c.line)).toEqual(want);
  });

  it('keeps the raw lines of a multi-line command for the transcript', () => {
    const [cmd] = splitScript("kubectl patch deploy d -p 'a:\n  b: 1'\n");
    expect(cmd?.raw).toEqual(["kubectl patch deploy d -p 'a:", "  b: 1'"]);
    expect(cmd?.lineNo).toBe(1);
  });

  it('attaches a heredoc body to its line', () => {
    const [cmd] = splitScript('kubectl apply -f - <<EOF\nkind: Pod\nEOF\n');
    expect(cmd?.heredoc).toBe('kind: Pod\n');
  });
});

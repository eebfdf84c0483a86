import { describe, expect, it } from 'vitest';
import { formatLabels, noResourcesFound, printTable, renderTable } from './table.ts';

describe('printTable', () => {
  it('pads every column but the last to max(6, widest + 3)', () => {
    expect(printTable(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'], [['nginx', '1/1', 'Running', '0', '5s']])).toBe(
      'NAME    READY   STATUS    RESTARTS   AGE\nnginx   1/1     Running   0          5s\n',
    );
    expect(printTable(['A', 'B'], [['x', 'y']])).toBe('A     B\nx     y\n');
  });

  it('keeps trailing padding before an empty last cell, as the tabwriter does', () => {
    expect(printTable(['NAME', 'MESSAGE'], [['e1', '']])).toBe('NAME   MESSAGE\ne1     \n');
  });

  it('cuts a cell at its first line break and marks it with ...', () => {
    expect(printTable(['A', 'B'], [['x', 'one\ntwo'], ['y', 'cr\rhere']])).toBe('A     B\nx     one...\ny     cr...\n');
  });

  it('prints nothing for no rows, with or without headers', () => {
    expect(printTable(['NAME'], [])).toBe('');
    expect(printTable(['NAME'], [], { noHeaders: true })).toBe('');
  });
});

describe('renderTable decorations', () => {
  const rows = [
    { cells: ['web', '1/1'], namespace: 'default', labels: { tier: 'fe', app: 'web' } },
    { cells: ['db', '0/1'], namespace: 'prod' },
  ];

  it.each([
    [{}, 'NAME   READY\nweb    1/1\ndb     0/1\n'],
    [{ allNamespaces: true }, 'NAMESPACE   NAME   READY\ndefault     web    1/1\nprod        db     0/1\n'],
    [{ showLabels: true }, 'NAME   READY   LABELS\nweb    1/1     app=web,tier=fe\ndb     0/1     <none>\n'],
    [{ noHeaders: true }, 'web   1/1\ndb    0/1\n'],
    [{ labelColumns: ['app', 'example.com/tier'] }, 'NAME   READY   APP   TIER\nweb    1/1     web   \ndb     0/1           \n'],
    [{ labelColumns: ['tier'], showLabels: true }, 'NAME   READY   TIER   LABELS\nweb    1/1     fe     app=web,tier=fe\ndb     0/1            <none>\n'],
    [{ kindPrefix: 'pod' }, 'NAME      READY\npod/web   1/1\npod/db    0/1\n'],
  ])('%j', (options, want) => {
    expect(renderTable(['NAME', 'READY'], rows, options)).toBe(want);
  });
});

describe('helpers', () => {
  it('formats labels sorted by key', () => {
    expect(formatLabels({ b: '2', a: '1' })).toBe('a=1,b=2');
    expect(formatLabels({})).toBe('<none>');
    expect(formatLabels(undefined)).toBe('<none>');
  });

  it('says No resources found like kubectl get', () => {
    expect(noResourcesFound('default')).toBe('No resources found in default namespace.\n');
    expect(noResourcesFound()).toBe('No resources found\n');
  });
});

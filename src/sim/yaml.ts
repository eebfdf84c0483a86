// YAML as Kubernetes reads and writes it. kubectl and the kubelet turn YAML into JSON with
// sigs.k8s.io/yaml, which sits on go-yaml v2: YAML 1.1, so `yes`, `no`, `on`, `off`, `y` and
// `n` are booleans (`value: on` in an env var fails to decode), and `0644` is octal 420
// (`defaultMode: 0644` is valid). go-yaml v2 has no sexagesimal numbers (`1:30` stays a
// string) and reads timestamps into a string; the yaml library's 1.1 schema has both, so they
// are taken out. Writing with the same schema quotes every string a YAML 1.1 reader would take
// for something else (`"yes"`), as kubectl's -o yaml does.

import type { ScalarTag, Tags } from 'yaml';

const FLOAT = 'tag:yaml.org,2002:float';

function kubeTags(tags: Tags): Tags {
  return tags
    .filter((t) => typeof t !== 'object' || !(t.format === 'TIME' || t.tag === 'tag:yaml.org,2002:timestamp'))
    .map((t) => {
      if (typeof t !== 'object' || t.tag !== FLOAT || 'collection' in t) return t;
      const scalar: ScalarTag = t;
      // go-yaml v2 takes a plain scalar for a float only if Go's ParseFloat does (after
      // dropping underscores): a digit is needed, so `.` (as in `directory: .`) stays a string.
      if (scalar.format === 'EXP') return { ...scalar, test: /^[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9][0-9_]*)[eE][-+]?[0-9]+$/ };
      if (!scalar.format && !String(scalar.test).includes('inf')) return { ...scalar, test: /^[-+]?(?:[0-9][0-9_]*\.[0-9_]*|\.[0-9][0-9_]*)$/ };
      return t;
    });
}

/** Options for parse/parseAllDocuments/Document: read and write as Kubernetes does. */
export const KUBE_YAML = { version: '1.1', customTags: kubeTags } as const;

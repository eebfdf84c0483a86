// Image references as containerd normalises them: `nginx` is docker.io/library/nginx:latest.

export interface ImageRef {
  /** As written in the manifest. */
  raw: string;
  registry: string;
  /** Repository path without registry, e.g. library/nginx, bbachin1/adapter-node-server. */
  repository: string;
  tag: string;
  digest?: string;
  /** Fully qualified: docker.io/library/nginx:latest. */
  full: string;
}

export function parseImageRef(raw: string): ImageRef {
  let rest = raw.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag = '';
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  let registry = 'docker.io';
  const first = parts[0] ?? '';
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first;
    parts.shift();
  }
  let repository = parts.join('/');
  if (registry === 'docker.io' && parts.length === 1) repository = `library/${repository}`;
  if (!tag && !digest) tag = 'latest';
  const full = `${registry}/${repository}${tag ? ':' + tag : ''}${digest ? '@' + digest : ''}`;
  const ref: ImageRef = { raw, registry, repository, tag, full };
  if (digest) ref.digest = digest;
  return ref;
}

// openssl on the workstation and the nodes, for the steps tutorials take before a TLS Secret
// or Ingress: make a key, a certificate request and a self-signed certificate. The lab does no
// cryptography: the files are PEM blocks of the right kind and about the right size, made
// from the cluster's seeded randomness, which is all that kubectl create secret tls and the
// ingress controller here look at. Output, prompts and errors follow OpenSSL 3.

import type { Proc, ProcessContext } from '../runtime/process.ts';
import { normalizePath } from '../runtime/vfs.ts';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A PEM block of `bytes` random bytes, 64 characters a line, as OpenSSL writes them. */
function pem(label: string, bytes: number, random: () => number, prefix = ''): string {
  let body = prefix;
  const chars = Math.ceil((bytes * 4) / 3);
  while (body.length < chars) body += B64[random() % 64];
  body = body.slice(0, chars - (chars % 4)) + '='.repeat((4 - (chars % 4)) % 4);
  const lines = body.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** Sizes of DER encodings OpenSSL makes for an RSA key of `bits`. */
const KEY_BYTES = (bits: number): number => Math.round(bits * 0.595);
const CERT_BYTES = (bits: number): number => Math.round(bits * 0.39) + 300;
const CSR_BYTES = (bits: number): number => Math.round(bits * 0.33) + 140;

function opt(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

const PROMPTS = [
  'Country Name (2 letter code) [AU]:',
  'State or Province Name (full name) [Some-State]:',
  'Locality Name (eg, city) []:',
  'Organization Name (eg, company) [Internet Widgits Pty Ltd]:',
  'Organizational Unit Name (eg, section) []:',
  'Common Name (e.g. server FQDN or YOUR name) []:',
  'Email Address []:',
];

export function* openssl(argv: string[], ctx: ProcessContext): Proc {
  const random = (): number => ctx.random();
  const path = (p: string): string => normalizePath(p, ctx.cwd);
  const write = (file: string | undefined, text: string): boolean => {
    if (file === undefined) {
      ctx.stdout(text);
      return true;
    }
    try {
      ctx.fs.writeFile(path(file), text);
      return true;
    } catch {
      ctx.stderr(`Could not open file or uri for output ${file}\n`);
      return false;
    }
  };
  const read = (file: string | undefined, what: string): string | undefined => {
    const node = file === undefined ? undefined : ctx.fs.stat(path(file));
    if (node?.kind === 'file') return node.content;
    ctx.stderr(`Could not open file or uri for loading ${what} from ${file ?? '(none)'}\n`);
    return undefined;
  };
  const [sub, ...args] = argv.slice(1);
  switch (sub) {
    case 'genrsa': {
      const bits = Number(args.find((a) => /^\d+$/.test(a)) ?? 2048);
      return write(opt(args, '-out'), pem('PRIVATE KEY', KEY_BYTES(bits), random, 'MIIE')) ? 0 : 1;
    }
    case 'req': {
      const x509 = args.includes('-x509');
      const newkey = opt(args, '-newkey');
      const bits = Number(/^rsa:(\d+)$/.exec(newkey ?? '')?.[1] ?? 2048);
      if (newkey !== undefined) {
        if (!/^rsa:\d+$/.test(newkey)) {
          ctx.stderr(`req: Unknown algorithm ${newkey.split(':')[0]} for -newkey\n`);
          return 1;
        }
        if (!write(opt(args, '-keyout') ?? 'privkey.pem', pem('PRIVATE KEY', KEY_BYTES(bits), random, 'MIIE'))) return 1;
      } else if (read(opt(args, '-key'), 'private key') === undefined) {
        return 1;
      }
      // Without -subj, OpenSSL asks for each field; with nothing typed, it takes the defaults.
      if (opt(args, '-subj') === undefined) {
        ctx.stdout('You are about to be asked to enter information that will be incorporated\ninto your certificate request.\n-----\n');
        ctx.stdout(PROMPTS.join('') + '\n');
        if (!x509) ctx.stdout('\nPlease enter the following \'extra\' attributes\nto be sent with your certificate request\nA challenge password []:An optional company name []:\n');
      }
      return write(opt(args, '-out'), x509 ? pem('CERTIFICATE', CERT_BYTES(bits), random, 'MIID') : pem('CERTIFICATE REQUEST', CSR_BYTES(bits), random, 'MIIC')) ? 0 : 1;
    }
    case 'x509': {
      const input = read(opt(args, '-in'), args.includes('-req') ? 'certificate request' : 'certificate');
      if (input === undefined) return 1;
      if (args.includes('-req')) {
        if (read(opt(args, '-signkey'), 'private key') === undefined) return 1;
        ctx.stderr('Certificate request self-signature ok\nsubject=C = AU, ST = Some-State, O = Internet Widgits Pty Ltd\n');
        return write(opt(args, '-out'), pem('CERTIFICATE', CERT_BYTES(2048), random, 'MIID')) ? 0 : 1;
      }
      return write(opt(args, '-out'), args.includes('-noout') ? '' : input) ? 0 : 1;
    }
    case 'version':
      ctx.stdout('OpenSSL 3.0.13 30 Jan 2024 (Library: OpenSSL 3.0.13 30 Jan 2024)\n');
      return 0;
    case undefined:
      ctx.stderr('openssl: use one of the commands genrsa, req, x509 (this lab has those)\n');
      return 1;
    default:
      ctx.stderr(`Invalid command '${sub}'; type "help" for a list.\n`);
      return 1;
  }
}

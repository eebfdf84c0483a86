// monaco-yaml's documented Vite workaround: its worker imported from a local file, which the
// build bundles as its own worker chunk (imported with ?worker in monaco.ts).
import 'monaco-yaml/yaml.worker.js';

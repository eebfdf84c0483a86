// Import for its effect: the schema with its doc comments, at once. Node entry points (the
// headless runner, tests, the bench) use it; the page loads the descriptions lazily instead.
import table from './k8s-descriptions.json';
import { loadDescriptions } from './document.ts';

loadDescriptions(table);

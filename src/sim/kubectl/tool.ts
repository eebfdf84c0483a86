// kubectl as a workstation has it installed: the command registry, the read-only runner the
// inspector and lesson checks use, and what `kubectl exec -it POD -- sh` needs to drop a
// session into a container's shell. A Session is given this rather than importing it, so the
// page can draw its first cluster before kubectl (about a tenth of the page's code) arrives,
// and load it alongside the terminal and the editor.

import { kubectl } from './index.ts';
import { execIn, findContainer } from './commands/containers.ts';
import { kubectlRead } from './read.ts';

export const KUBECTL = { run: kubectl, read: kubectlRead, execIn, findContainer };

export type KubectlTool = typeof KUBECTL;

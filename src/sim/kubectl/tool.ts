// kubectl as a workstation has it installed: the command registry, the read-only runner the
// inspector and lesson checks use, and what `kubectl exec -it POD -- sh` needs to drop a
// session into a container's shell. A Session is given this rather than importing it, so the
// page can draw its first cluster before kubectl (about a tenth of the page's code) arrives,
// and load it alongside the terminal and the editor. What only a person typing meets comes
// with it: the kubeconfig, the nodes' crictl and systemctl, the tools the lab lacks.

import { kubectl } from './index.ts';
import { execIn, findContainer } from './commands/containers.ts';
import { kubectlRead } from './read.ts';
import { awk } from '../runtime/shell/applets/awk.ts';
import { sed } from '../runtime/shell/applets/sed.ts';
import { xargs } from '../runtime/shell/applets/proc.ts';
import type { Applet, ExtraCommand } from '../runtime/shell/types.ts';
import { openssl } from '../runner/openssl.ts';
import { TOOL_HINTS } from '../runner/toolhints.ts';
import { KubeConfig } from './kubeconfig.ts';
import { crictlFor } from '../kubelet/crictl.ts';
import { systemctlFor } from '../kubelet/systemctl.ts';
import type { Kubelet } from '../kubelet/kubelet.ts';

/**
 * The applets beyond busybox's core table: big or only typed by people, so they load with
 * kubectl, apart from the page's first load. Every shell in the cluster gets them when a
 * Session with kubectl is made (installTools); nothing a person types runs before that.
 */
const APPLETS: Record<string, Applet> = { awk, sed, xargs };

/** Programs the workstation and the nodes have beside busybox (not the containers). */
const HOST_COMMANDS: Record<string, ExtraCommand> = { openssl };

/** A node's own tools, made for the node's kubelet. */
const NODE_COMMANDS: Record<string, (kubelet: Kubelet | undefined) => ExtraCommand> = { systemctl: systemctlFor, crictl: crictlFor };

export const KUBECTL = { run: kubectl, read: kubectlRead, execIn, findContainer, applets: APPLETS, hostCommands: HOST_COMMANDS, nodeCommands: NODE_COMMANDS, toolHints: TOOL_HINTS, KubeConfig };

/** What a Session is given; the kubeconfig, the node's tools and the tool hints come with kubectl only. */
export type KubectlTool = Omit<typeof KUBECTL, 'toolHints' | 'KubeConfig' | 'nodeCommands'> & Partial<Pick<typeof KUBECTL, 'toolHints' | 'KubeConfig' | 'nodeCommands'>>;

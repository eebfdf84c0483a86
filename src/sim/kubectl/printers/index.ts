// Public surface of the kubectl output printers. Everything here is a pure function of
// API objects and a "now" in virtual milliseconds.

export { formatRFC1123Z, humanDuration, parseTimestamp, shortHumanDuration, translateTimestampSince } from './duration.ts';
export { DESCRIBE_TABWRITER, formatTabbed, GET_TABWRITER, type TabwriterSettings } from './tabwriter.ts';
export { formatLabels, noResourcesFound, printTable, renderTable, type TableOptions, type TableRow } from './table.ts';
export {
  addQuantity,
  canonicalQuantity,
  cmpQuantity,
  formatQuantity,
  milliValue,
  parseQuantity,
  quantityValue,
  type Quantity,
} from './quantity.ts';
export { getPodsTable, isRestartableInitContainer, podColumns, podRow, POD_HEADERS, POD_WIDE_HEADERS, type PodColumns } from './pod.ts';
export { getNodesTable, nodeRoles, nodeRow, nodeStatus, NODE_HEADERS, NODE_WIDE_HEADERS } from './node.ts';
export { getNamespacesTable, namespaceRow, NAMESPACE_HEADERS } from './namespace.ts';
export { configMapRow, getConfigMapsTable, getSecretsTable, secretRow, CONFIGMAP_HEADERS, SECRET_HEADERS } from './config.ts';
export {
  describeService,
  endpointSliceRow,
  endpointsRow,
  formatEndpoints,
  getEndpointsTable,
  getServicesTable,
  makePortString,
  serviceExternalIP,
  serviceRow,
  ENDPOINTS_HEADERS,
  ENDPOINTSLICE_HEADERS,
  SERVICE_HEADERS,
  SERVICE_WIDE_HEADERS,
} from './service.ts';
export { eventObject, eventRow, eventTimes, formatEventSource, getEventsTable, EVENT_HEADERS, EVENT_WIDE_HEADERS } from './event.ts';
export { computeQOSClass, podQOSClass, podRequestsAndLimits } from '../../podresources.ts';
// Building blocks for further describers (deployments, services, ...).
export { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, LEVEL_4, PrefixWriter, tabbedString } from './prefix-writer.ts';
export { describeContainers, describeProbe, describeStatus, podEnvResolver, type EnvResolver } from './describe-containers.ts';
export { describeVolumes } from './describe-volumes.ts';
export {
  describeEvents,
  formatLabelSelector,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printTaintsMultiline,
  printTolerationsMultiline,
  taintToString,
} from './describe-common.ts';
export { describeNode, describePod, type DescribeNodeOptions, type DescribePodOptions } from './describe.ts';
export { describeDeployment, describePodTemplate, describeWorkload, type DeploymentView, type RSSummary, type WorkloadView } from './describe-workload.ts';

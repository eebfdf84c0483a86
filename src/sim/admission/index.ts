// Public surface of admission: what a create/update request goes through before it is stored.
export type { DefaultingOptions } from './defaults.ts';
export { applyDefaults, applyPodSpecDefaults, defaultImagePullPolicy, imageTag } from './defaults.ts';
export type { FieldError, FieldErrorType, FieldValue, GoLiteral } from './fieldErrors.ts';
export {
  aggregateMessage,
  errorBody,
  formatInvalid,
  goQuote,
  invalidStatusMessage,
  renderFieldError,
} from './fieldErrors.ts';
export type { NameRule } from './names.ts';
export { nameRuleForKind, validateObjectName } from './names.ts';
export type { ValidationOptions } from './validate.ts';
export {
  findMalformedBase64,
  findMalformedQuantity,
  nodePortAllocatedError,
  validateCreate,
  validatePodSpec,
  validateUpdate,
} from './validate.ts';
export type { ApiResourcesOptions, ResolveKindResult, ResolveResourceResult, ServedResource } from './apiVersions.ts';
export {
  SERVED_RESOURCES,
  apiResourcesTable,
  qualifiedSingular,
  resolveKind,
  resolveResourceType,
  resourceMappingError,
  resourcesInCategory,
  tabulate,
} from './apiVersions.ts';

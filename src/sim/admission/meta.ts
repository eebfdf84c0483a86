// ObjectMeta validation (apimachinery pkg/api/validation/objectmeta.go plus core's finalizer
// rule), shared by every kind.

import type { FieldError } from './fieldErrors.ts';
import { child, forbidden, goStringSlice, index, invalid, required, tooLong } from './fieldErrors.ts';
import type { Obj } from './loose.ts';
import { getArr, getNum, getStr, objects, sortedKeys, stringMap } from './loose.ts';
import { byteLength, isQualifiedName, isValidLabelValue, nameIsDNSLabel } from './names.ts';

export type Errs = FieldError[];
export type NameFn = (name: string, prefix: boolean) => string[];

export const FIELD_IMMUTABLE = 'field is immutable';
export const IS_NEGATIVE = 'must be greater than or equal to 0';
/** apimachinery TotalAnnotationSizeLimitB: 256 KiB. */
export const MAX_ANNOTATIONS_SIZE = 256 * 1024;

export function validateObjectMeta(meta: Obj | undefined, requiresNamespace: boolean, nameFn: NameFn, path = 'metadata'): Errs {
  const errs: Errs = [];
  const generateName = getStr(meta, 'generateName');
  if (generateName) for (const m of nameFn(generateName, true)) errs.push(invalid(child(path, 'generateName'), generateName, m));
  const name = getStr(meta, 'name');
  if (!name) errs.push(required(child(path, 'name'), 'name or generateName is required'));
  else for (const m of nameFn(name, false)) errs.push(invalid(child(path, 'name'), name, m));
  const namespace = getStr(meta, 'namespace');
  if (requiresNamespace) {
    if (!namespace) errs.push(required(child(path, 'namespace')));
    else for (const m of nameIsDNSLabel(namespace)) errs.push(invalid(child(path, 'namespace'), namespace, m));
  } else if (namespace) {
    errs.push(forbidden(child(path, 'namespace'), 'not allowed on this type'));
  }
  const generation = getNum(meta, 'generation');
  if (generation !== undefined && generation < 0) errs.push(invalid(child(path, 'generation'), generation, IS_NEGATIVE));
  errs.push(...validateLabels(stringMap(meta, 'labels'), child(path, 'labels')));
  errs.push(...validateAnnotations(stringMap(meta, 'annotations'), child(path, 'annotations')));
  errs.push(...validateOwnerReferences(objects(meta, 'ownerReferences'), child(path, 'ownerReferences')));
  errs.push(...validateFinalizers(getArr(meta, 'finalizers'), child(path, 'finalizers')));
  return errs;
}

/** ValidateLabels: keys and values are reported against the map itself (`metadata.labels`). */
export function validateLabels(labels: Record<string, string> | undefined, path: string): Errs {
  const errs: Errs = [];
  for (const k of sortedKeys(labels)) {
    for (const m of isQualifiedName(k)) errs.push(invalid(path, k, m));
    const v = labels![k]!;
    for (const m of isValidLabelValue(v)) errs.push(invalid(path, v, m));
  }
  return errs;
}

/** ValidateAnnotations: keys are qualified names (case-insensitively); 256 KiB in total. */
export function validateAnnotations(annotations: Record<string, string> | undefined, path: string): Errs {
  const errs: Errs = [];
  let total = 0;
  for (const k of sortedKeys(annotations)) {
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, k, m));
    total += byteLength(k) + byteLength(annotations![k]!);
  }
  if (total > MAX_ANNOTATIONS_SIZE) errs.push(tooLong(path, MAX_ANNOTATIONS_SIZE));
  return errs;
}

function validateOwnerReferences(refs: Obj[], path: string): Errs {
  const errs: Errs = [];
  let firstController = '';
  for (const ref of refs) {
    const apiVersion = getStr(ref, 'apiVersion');
    const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
    if (!version) errs.push(invalid(child(path, 'apiVersion'), apiVersion, 'version must not be empty'));
    if (!getStr(ref, 'kind')) errs.push(invalid(child(path, 'kind'), getStr(ref, 'kind'), 'must not be empty'));
    if (!getStr(ref, 'name')) errs.push(invalid(child(path, 'name'), getStr(ref, 'name'), 'must not be empty'));
    if (!getStr(ref, 'uid')) errs.push(invalid(child(path, 'uid'), getStr(ref, 'uid'), 'must not be empty'));
    if (ref['controller'] === true) {
      const current = `${getStr(ref, 'kind')}/${getStr(ref, 'name')}`;
      if (firstController) {
        errs.push(
          invalid(
            path,
            { go: '[]v1.OwnerReference{...}' },
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`,
          ),
        );
      } else firstController = current;
    }
  }
  return errs;
}

export const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

function validateFinalizers(finalizers: unknown[], path: string): Errs {
  const errs: Errs = [];
  const names = finalizers.map((f) => (typeof f === 'string' ? f : String(f)));
  for (const f of names) for (const m of isQualifiedName(f)) errs.push(invalid(path, f, m));
  if (names.includes('orphan') && names.includes('foregroundDeletion')) {
    errs.push(invalid(path, goStringSlice(names), 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  // core's extra rule: an unqualified finalizer must be one of the standard ones.
  names.forEach((f, i) => {
    if (!f.includes('/') && !STANDARD_FINALIZERS.has(f)) {
      errs.push(invalid(index(path, i), f, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  });
  return errs;
}

export function validateObjectMetaUpdate(newMeta: Obj | undefined, oldMeta: Obj | undefined): Errs {
  const errs: Errs = [];
  for (const f of ['name', 'namespace']) {
    if (getStr(newMeta, f) !== getStr(oldMeta, f)) errs.push(invalid(`metadata.${f}`, getStr(newMeta, f), FIELD_IMMUTABLE));
  }
  // An update without a uid inherits the stored one before validation.
  const uid = getStr(newMeta, 'uid');
  if (uid && uid !== getStr(oldMeta, 'uid')) errs.push(invalid('metadata.uid', uid, FIELD_IMMUTABLE));
  errs.push(...validateLabels(stringMap(newMeta, 'labels'), 'metadata.labels'));
  errs.push(...validateAnnotations(stringMap(newMeta, 'annotations'), 'metadata.annotations'));
  errs.push(...validateOwnerReferences(objects(newMeta, 'ownerReferences'), 'metadata.ownerReferences'));
  errs.push(...validateFinalizers(getArr(newMeta, 'finalizers'), 'metadata.finalizers'));
  return errs;
}


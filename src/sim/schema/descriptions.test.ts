import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { attachDescriptions, splitDescriptions, type DescriptionTable } from './descriptions.ts';

// Read the files as written (the test setup has already attached descriptions to the imported JSON).
const read = (name: string): unknown => JSON.parse(readFileSync(new URL(name, import.meta.url), 'utf8'));
const structure = read('./k8s-schema.json') as { definitions: Record<string, unknown> };
const table = read('./k8s-descriptions.json') as DescriptionTable;

describe('schema descriptions kept apart', () => {
  it('the structure file carries no descriptions', () => {
    expect(JSON.stringify(structure.definitions)).not.toContain('"description"');
  });

  it('attach then split gives the same table back, so every path names a node of the structure', () => {
    const copy = structuredClone(structure.definitions);
    attachDescriptions(copy, table);
    expect(splitDescriptions(copy)).toEqual(table);
  });
});

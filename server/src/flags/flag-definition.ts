import type { JsonValue, Variation } from '@flagstaff/sdk-core';
import type { VariationInput } from './dto/flag.inputs.js';
import { ENTITY_KEY, type InputChecks, MAX_NAME_LENGTH } from '../validation/input-checks.js';

export const MAX_TAGS = 50;
export const MAX_TAG_LENGTH = 64;
export const MAX_VARIATIONS = 100;
export const MAX_METADATA_ENTRIES = 50;
export const MAX_METADATA_KEY_LENGTH = 64;
export const MAX_METADATA_TEXT_LENGTH = 1000;

/** The editable parts of a flag's definition as given by a client, before checking. */
export interface DefinitionInput {
  readonly name?: string | null;
  readonly description?: string | null;
  readonly tags?: readonly string[] | null;
  readonly owner?: string | null;
  readonly metadata?: unknown;
  readonly variations?: readonly VariationInput[] | null;
}

/** Tags match case-insensitively, so they are stored trimmed, lower-case and once each. */
export function normaliseTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim().toLowerCase()))];
}

export function variationsFromInput(inputs: readonly VariationInput[]): Variation[] {
  return inputs.map((v) => {
    const variation: Variation = { key: v.key, value: (v.value ?? null) as JsonValue };
    if (v.name != null && v.name !== '') variation.name = v.name;
    if (v.description != null && v.description !== '') variation.description = v.description;
    return variation;
  });
}

/**
 * The checks of a definition that need nothing but the input: lengths, counts and shapes.
 * sdk-core's validateFlag then judges the variations against the kind.
 */
export function checkDefinitionInput(checks: InputChecks, input: DefinitionInput): InputChecks {
  checks.name('/name', input.name).text('/description', input.description);
  if (input.owner != null) checks.text('/owner', input.owner, MAX_NAME_LENGTH);
  if (input.tags != null) {
    if (input.tags.length > MAX_TAGS) checks.add('/tags', 'TOO_MANY', `at most ${MAX_TAGS} tags`);
    input.tags.forEach((tag, i) => {
      const length = tag.trim().length;
      if (length === 0 || length > MAX_TAG_LENGTH) {
        checks.add(`/tags/${i}`, 'INVALID_TAG', `a tag is 1 to ${MAX_TAG_LENGTH} characters`);
      }
    });
  }
  if (input.metadata != null) checkMetadata(checks, input.metadata);
  if (input.variations != null) {
    if (input.variations.length > MAX_VARIATIONS) {
      checks.add('/variations', 'TOO_MANY', `at most ${MAX_VARIATIONS} variations`);
    }
    input.variations.forEach((v, i) => {
      checks.key(`/variations/${i}/key`, v.key, ENTITY_KEY);
      if (v.name != null) checks.text(`/variations/${i}/name`, v.name, MAX_NAME_LENGTH);
      checks.text(`/variations/${i}/description`, v.description);
    });
  }
  return checks;
}

function checkMetadata(checks: InputChecks, metadata: unknown): void {
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    checks.add('/metadata', 'INVALID_METADATA', 'metadata is an object of strings, numbers and booleans');
    return;
  }
  const entries = Object.entries(metadata);
  if (entries.length > MAX_METADATA_ENTRIES) {
    checks.add('/metadata', 'TOO_MANY', `at most ${MAX_METADATA_ENTRIES} metadata entries`);
  }
  for (const [key, value] of entries) {
    const path = `/metadata/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (key.length === 0 || key.length > MAX_METADATA_KEY_LENGTH) {
      checks.add(path, 'INVALID_KEY', `a metadata key is 1 to ${MAX_METADATA_KEY_LENGTH} characters`);
    }
    if (typeof value === 'string') checks.text(path, value, MAX_METADATA_TEXT_LENGTH);
    // Other types are judged by validateFlag (INVALID_METADATA at the same path).
  }
}

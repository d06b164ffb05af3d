/** An API enum value as words: "AWAITING_APPROVAL" → "awaiting approval". */
export function enumLabel(value: string): string {
  return value.toLowerCase().replaceAll('_', ' ');
}

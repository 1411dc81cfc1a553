/** Up to two letters from the first and last word: "Ana María López" -> "AL". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/);
  const first = [...(words[0] ?? '')][0] ?? '?';
  const last = words.length > 1 ? ([...(words.at(-1) ?? '')][0] ?? '') : '';
  return (first + last).toLocaleUpperCase();
}

/** One of eight avatar tones (see baseStyles), picked by id so a person keeps their colour everywhere. */
export const toneClass = (id: number) => `tone-${id % 8}`;

/** Keeping the API key out of every message hintc produces. */

/** The text with every occurrence of the secret replaced by `***`. */
export function redact(text: string, secret: string | null): string {
  if (secret === null || secret.length < 4) return text;
  return text.split(secret).join("***");
}

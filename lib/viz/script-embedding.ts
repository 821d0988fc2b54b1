/**
 * Safe embedding of JavaScript and JSON inside an HTML `<script>` element.
 *
 * A script element ends at the first `</script`, and `<!--` can change how the rest is parsed, so
 * both are rewritten with `\x3C` (valid in JS strings, templates and regular expressions alike).
 * JSON is embedded with every `<` written as `\u003c`, which stays valid JSON and JavaScript.
 */

/** `source` rewritten so that it can sit inside `<script>…</script>` unchanged in meaning. */
export function scriptSafeSource(source: string): string {
  return source.replace(/<\/script/gi, "\\x3C/script").replace(/<!--/g, "\\x3C!--");
}

/** `value` as JSON that can sit inside a `<script>` element (typed arrays become plain arrays). */
export function scriptSafeJson(value: unknown): string {
  const json = JSON.stringify(value, (_key, item: unknown) =>
    ArrayBuffer.isView(item) && !(item instanceof DataView) ? Array.from(item as unknown as ArrayLike<number>) : item,
  );
  if (json === undefined) throw new Error("cannot embed a value that has no JSON form (undefined or a function)");
  return json.replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

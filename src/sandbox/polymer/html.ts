/**
 * Comment and review bodies are stored as sanitized HTML: plain text is escaped and wrapped in
 * <p> (blank lines start new paragraphs, single newlines become <br>); HTML loses script-like
 * elements, on* event attributes and javascript: URLs.
 */
export function toSafeHtml(input: string): string {
  const text = input.trim();
  if (!/<[a-z!/][^>]*>/i.test(text)) return wrapPlainText(text);
  return text
    .replace(/<(script|style|iframe|object|embed)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<\/?(script|style|iframe|object|embed)\b[^>]*>/gi, '')
    .replace(/\s+on[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '')
    .replace(/\s+(href|src)\s*=\s*("\s*javascript:[^"]*"|'\s*javascript:[^']*'|javascript:[^\s>]*)/gi, '')
    .trim();
}

function wrapPlainText(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => `<p>${escapeHtml(paragraph.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

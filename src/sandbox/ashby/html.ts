/**
 * HTML notes keep only the tags Ashby allows (b, i, u, a, ul, li, ol, code, pre), without attributes except an
 * http(s) or mailto href on links; other tags are dropped with their text kept, scripts and styles with their text.
 */
const ALLOWED = new Set(['b', 'i', 'u', 'a', 'ul', 'li', 'ol', 'code', 'pre']);

export function reduceHtml(html: string): string {
  return html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<(\/?)([a-z][a-z0-9]*)\b([^>]*)>/gi, (_tag, closing: string, name: string, attributes: string) => {
      const tag = name.toLowerCase();
      if (!ALLOWED.has(tag)) return '';
      if (closing || tag !== 'a') return `<${closing}${tag}>`;
      const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(attributes);
      const url = href?.[1] ?? href?.[2];
      return url && /^(https?:|mailto:)/i.test(url.trim()) ? `<a href="${url.trim().replace(/"/g, '&quot;')}">` : '<a>';
    })
    .trim();
}

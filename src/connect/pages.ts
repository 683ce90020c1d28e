// The small server-rendered pages of connect links, for people without a Switchboard login: the key form and the
// outcome. Every value is escaped; no script runs; the one stylesheet is allowed by its hash.
import { createHash } from 'node:crypto';
import type { FieldProblem } from '../services/errors.ts';
import type { KeyForm } from '../services/connect.ts';

const style = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1c2024}
main{max-width:28rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 1px 3px #0002}
h1{font-size:1.4rem;margin-top:0}label{display:block;font-weight:600;margin-top:1rem}
input{box-sizing:border-box;width:100%;padding:.5rem;margin-top:.25rem;border:1px solid #b9bec6;border-radius:6px;font:inherit}
.hint{color:#5b626b;font-size:.875rem;margin:.25rem 0 0}.problem{color:#b3261e;font-size:.875rem;margin:.25rem 0 0}
.alert{padding:.75rem 1rem;border-radius:8px;background:#fdecea;color:#5f1712}.ok{background:#e7f5ec;color:#0f4d27}
button{margin-top:1.5rem;padding:.6rem 1.2rem;border:0;border-radius:6px;background:#2753d8;color:#fff;font:inherit;cursor:pointer}`;

/** What the pages' headers allow: their own stylesheet, forms posting back to this origin, nothing else. */
export const connectPageCsp = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`,
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function keyFormPage(input: { form: KeyForm; csrf: string; values?: Record<string, string>; problems?: FieldProblem[]; error?: string | undefined }): string {
  const { form } = input;
  const problemOf = (name: string) => input.problems?.find((problem) => problem.field === name)?.message;
  const fields = form.fields.map((field) => {
    const id = `f-${field.name.replace(/\W/g, '-')}`;
    const problem = problemOf(field.name);
    const value = field.secret ? '' : input.values?.[field.name] ?? '';
    return `<label for="${id}">${escapeHtml(field.label)}${field.required ? '' : ' (optional)'}</label>
<input id="${id}" name="${escapeHtml(field.name)}" type="${field.secret ? 'password' : 'text'}" value="${escapeHtml(value)}" maxlength="4096" autocomplete="off"${field.required ? ' required' : ''}${problem ? ' aria-invalid="true"' : ''}>
${field.description ? `<p class="hint">${escapeHtml(field.description)}</p>` : ''}${problem ? `<p class="problem">${escapeHtml(problem)}</p>` : ''}`;
  }).join('\n');
  const other = input.problems?.filter((problem) => !form.fields.some((field) => field.name === problem.field)) ?? [];
  const alerts = [input.error, ...other.map((problem) => `${problem.field}: ${problem.message}`)].filter(Boolean) as string[];
  return page(`Connect ${form.label}`, `<h1>Connect your ${escapeHtml(form.label)} account</h1>
<p>This connects <strong>${escapeHtml(form.accountName)}</strong>. Your key is checked with ${escapeHtml(form.label)}, then encrypted before it is stored; it is never shown again.</p>
${alerts.map((alert) => `<p class="alert" role="alert">${escapeHtml(alert)}</p>`).join('')}
<form method="post">
<input type="hidden" name="csrf" value="${escapeHtml(input.csrf)}">
${fields}
<button type="submit">Connect</button>
</form>`);
}

export function outcomePage(input: { title: string; message: string; ok: boolean; back?: { href: string; label: string } | undefined }): string {
  return page(input.title, `<h1>${escapeHtml(input.title)}</h1>
<p class="alert${input.ok ? ' ok' : ''}" role="${input.ok ? 'status' : 'alert'}">${escapeHtml(input.message)}</p>
${input.back ? `<p><a href="${escapeHtml(input.back.href)}">${escapeHtml(input.back.label)}</a></p>` : ''}`);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="same-origin"><title>${escapeHtml(title)} · Switchboard</title><style>${style}</style></head><body><main>
${body}
</main></body></html>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

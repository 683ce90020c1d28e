// Data several pages share, fetched once per session.
import { api, type IntegrationInfo } from './api.ts';

let integrations: Promise<IntegrationInfo[]> | undefined;

export function loadIntegrations(): Promise<IntegrationInfo[]> {
  integrations ??= api.integrations().catch((error: unknown) => {
    integrations = undefined;
    throw error;
  });
  return integrations;
}

export function forgetIntegrations(): void {
  integrations = undefined;
}

export function initials(label: string): string {
  return label.trim().slice(0, 1).toUpperCase() || '?';
}

export function logoClass(name: string): string {
  return ['pinpoint', 'polymer'].includes(name) ? `logo-${name}` : 'logo-default';
}

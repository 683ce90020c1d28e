// An OAuth error response (RFC 6749 section 5.2 shape): status, error code, and a description a person can act on.
export class OAuthError extends Error {
  readonly status: 400 | 401 | 403 | 404 | 429 | 503;
  readonly code: string;
  readonly description: string;
  constructor(status: OAuthError['status'], code: string, description: string) {
    super(`${code}: ${description}`);
    this.name = 'OAuthError';
    this.status = status;
    this.code = code;
    this.description = description;
  }

  toJSON(): { error: string; error_description: string } {
    return { error: this.code, error_description: this.description };
  }
}

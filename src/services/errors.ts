// Errors services raise for the caller to show: the admin API turns them into 400 and 404 answers, the CLI into
// usage messages.

export interface FieldProblem {
  /** Dot path of the offending input, e.g. "context.subdomain". */
  field: string;
  message: string;
}

export class ValidationError extends Error {
  readonly details: FieldProblem[];
  /** A sentence for the whole request when the problems deserve one (e.g. "No tool matches…"); else a generic one is shown. */
  readonly summary: string | undefined;
  constructor(details: FieldProblem[], summary?: string) {
    super(summary ?? details.map((problem) => `${problem.field}: ${problem.message}`).join('; '));
    this.name = 'ValidationError';
    this.details = details;
    this.summary = summary;
  }
}

export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** A quota is full (MCP servers per account, accounts or API tokens per tenant): the API answers 409. */
export class QuotaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuotaError';
  }
}

// The OAuth consent page (GET /authorize): an MCP client such as Claude.ai or ChatGPT sent the browser here to be
// allowed to use one MCP server. The signed-in member sees who asks for what, and allows or denies; the server then
// says where to send the browser back. Signing in happens in place, so the request in the address is kept.
import { useEffect, useState } from 'preact/hooks';
import { api, type AuthorizationAnswer, type ConsentDetails } from '../api.ts';
import { Logo } from '../components/Shell.tsx';
import { Alert, ErrorAlert, Loading } from '../components/ui.tsx';
import { plural } from '../format.ts';
import { clearToken, getUserSession } from '../session.ts';
import { SignInPage } from './SignIn.tsx';

/** "30 read-only tools", or "57 tools, 27 of which can change data". */
export function toolSummary(server: ConsentDetails['server']): string {
  const tools = server.write_tools === 0 ? `${plural(server.tools, 'read-only tool')}` : `${plural(server.tools, 'tool')}, ${server.write_tools} of which can change data`;
  return server.exposure === 'discovery' ? `${tools}, found through search` : tools;
}

export function ConsentPage({ signedIn, search }: { signedIn: boolean; search: string }) {
  const session = getUserSession();
  if (!signedIn || !session) {
    return <SignInPage next={null} inline intro="An application asks to use one of your team's MCP servers. Sign in to Switchboard to review it." />;
  }
  return <Consent search={search} email={session.user.email} />;
}

function Consent({ search, email }: { search: string; email: string }) {
  const [answer, setAnswer] = useState<AuthorizationAnswer | undefined>();
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = 'Allow access · Switchboard';
    api.authorization(search).then(setAnswer, setFailure);
  }, [search]);

  const decide = async (decision: 'approve' | 'deny') => {
    setBusy(true);
    try {
      const decided = await api.decide(search, decision);
      if (decided.status === 'redirect') {
        window.location.assign(decided.redirect_to);
        return;
      }
      setAnswer(decided);
    } catch (caught) {
      setFailure(caught);
    }
    setBusy(false);
  };

  let body;
  if (failure !== undefined) body = <ErrorAlert error={failure} title="The request could not be checked." />;
  else if (!answer) body = <Loading label="Checking the request…" />;
  else if (answer.status === 'error') {
    body = (
      <>
        <Alert kind="error" role="alert">
          <p><strong>This request cannot be allowed.</strong></p>
          <p data-testid="consent-error">{answer.error_description}</p>
        </Alert>
        {answer.redirect_to && <a class="btn btn-secondary" href={answer.redirect_to}>Return to the application</a>}
      </>
    );
  } else if (answer.status === 'consent') {
    const { client, server, tenant } = answer.details;
    body = (
      <>
        <p class="consent-question" data-testid="consent-question">
          <strong>{client.name}</strong> wants to use the MCP server <strong>{server.name}</strong> ({server.integration} account {server.account}; {toolSummary(server)}).
        </p>
        <ul class="consent-facts">
          <li>It acts as you, <strong>{email}</strong>, in the team {tenant.name}, until you or an admin disconnect it.</li>
          <li>You will be sent back to <span class="mono">{client.redirect_host}</span>.</li>
          {client.kind === 'metadata_document' && <li>The application identifies itself by <span class="mono">{client.id}</span>.</li>}
        </ul>
        <div class="row">
          <button type="button" class="btn btn-primary" disabled={busy} onClick={() => decide('approve')}>Allow</button>
          <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => decide('deny')}>Deny</button>
        </div>
      </>
    );
  }

  return (
    <div class="signin-page">
      <main id="main" class="card signin-card consent-card">
        <div class="card-body stack">
          <span class="brand"><Logo size={32} /> Switchboard</span>
          <h1>Allow access?</h1>
          {body}
          <p class="muted small">Signed in as {email}. <button type="button" class="btn btn-ghost btn-small" onClick={() => clearToken()}>Use another account</button></p>
        </div>
      </main>
    </div>
  );
}

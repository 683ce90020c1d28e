import { useEffect } from 'preact/hooks';
import { Link } from '../router.tsx';

export function NotFoundPage() {
  useEffect(() => {
    document.title = 'Not found · Switchboard';
  }, []);
  return (
    <div class="card">
      <div class="empty">
        <h1 tabIndex={-1}>Page not found</h1>
        <p class="muted">There is nothing at this address.</p>
        <Link class="btn btn-primary" href="/accounts">Go to integrated accounts</Link>
      </div>
    </div>
  );
}

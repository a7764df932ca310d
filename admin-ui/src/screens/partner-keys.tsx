/** Partner API keys: create (the secret is shown this one time, with copy), scopes, revoke, last used. */
import { useEffect, useState } from 'preact/hooks';
import {
  CreatePartnerKeyDocument,
  PartnerKeysDocument,
  RevokePartnerKeyDocument,
  type CreatePartnerKeyMutation,
  type PartnerKeyFieldsFragment,
  type PartnerKeysQuery,
} from '../../generated/graphql.js';
import { useSession } from '../api/session.js';
import { Empty, ErrorNotice, Loading } from '../ui/feedback.js';
import { formatTime } from '../ui/format.js';

/** The scopes the authorizer knows (docs/api.md, partner keys). */
const SCOPES = ['inventory:read', 'inventory:reserve', 'orders:write', 'orders:read'] as const;

type Created = CreatePartnerKeyMutation['createPartnerKey'];

export function PartnerKeys() {
  const { api } = useSession();
  const [keys, setKeys] = useState<PartnerKeyFieldsFragment[] | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [partnerId, setPartnerId] = useState('');
  const [scopes, setScopes] = useState<ReadonlySet<string>>(new Set(['inventory:read']));
  const [created, setCreated] = useState<Created | null>(null);
  const [copied, setCopied] = useState(false);
  const [busy, setBusy] = useState(false);

  async function load() {
    const all: PartnerKeyFieldsFragment[] = [];
    let nextToken: string | null = null;
    for (let page = 0; page < 20; page += 1) {
      const r: PartnerKeysQuery = await api.request(PartnerKeysDocument, { limit: 100, nextToken });
      all.push(...r.partnerKeys.items);
      nextToken = r.partnerKeys.nextToken ?? null;
      if (!nextToken) break;
    }
    setKeys(all);
  }
  useEffect(() => {
    load().catch((e: unknown) => {
      setError(e);
      setKeys([]);
    });
  }, [api]);

  async function run(task: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await task();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="keys-title">
      <h1 id="keys-title">Partner keys</h1>
      <form
        class="inline-form"
        aria-label="Create a partner key"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            const r = await api.request(CreatePartnerKeyDocument, { partnerId: partnerId.trim(), scopes: [...scopes] });
            setCreated(r.createPartnerKey);
            setCopied(false);
            await load();
          });
        }}
      >
        <label>
          Partner id
          <input type="text" name="partnerId" required value={partnerId} onInput={(e) => setPartnerId(e.currentTarget.value)} />
        </label>
        <fieldset>
          <legend>Scopes</legend>
          {SCOPES.map((scope) => (
            <label key={scope} class="check">
              <input
                type="checkbox"
                name="scope"
                value={scope}
                checked={scopes.has(scope)}
                onChange={(e) => {
                  const next = new Set(scopes);
                  if (e.currentTarget.checked) next.add(scope);
                  else next.delete(scope);
                  setScopes(next);
                }}
              />
              {scope}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={busy}>
          Create key
        </button>
      </form>
      {created && (
        <div class="secret" role="status">
          <p>
            Key <code>{created.keyId}</code> for {created.partnerId}. Copy the secret now: it is shown this one time.
          </p>
          <code data-testid="secret">{created.secret}</code>{' '}
          <button
            type="button"
            onClick={() =>
              void navigator.clipboard
                .writeText(created.secret)
                .then(() => setCopied(true))
                .catch(setError)
            }
          >
            {copied ? 'Copied' : 'Copy'}
          </button>{' '}
          <button type="button" class="secondary" onClick={() => setCreated(null)}>
            Done
          </button>
        </div>
      )}
      {error !== null && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      {keys === undefined && <Loading what="partner keys" />}
      {keys !== undefined && keys.length === 0 && <Empty>No partner keys yet.</Empty>}
      {keys && keys.length > 0 && (
        <div class="scroll">
          <table>
            <caption class="sr-only">Partner keys</caption>
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Partner</th>
                <th scope="col">Scopes</th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k.keyId} data-key={k.keyId}>
                  <th scope="row">
                    <code>{k.keyId}</code>
                  </th>
                  <td>{k.partnerId}</td>
                  <td>{k.scopes.join(', ')}</td>
                  <td data-col="status">{k.status === 'REVOKED' ? `revoked ${formatTime(k.revokedAt)}` : 'active'}</td>
                  <td>{formatTime(k.createdAt)}</td>
                  <td>{k.lastUsedAt ? formatTime(k.lastUsedAt) : 'never'}</td>
                  <td>
                    {k.status === 'ACTIVE' && (
                      <button
                        type="button"
                        class="danger"
                        disabled={busy}
                        aria-label={`Revoke key ${k.keyId}`}
                        onClick={() =>
                          void run(async () => {
                            if (!confirm(`Revoke key ${k.keyId} of ${k.partnerId}? Calls with it fail at once.`)) return;
                            await api.request(RevokePartnerKeyDocument, { keyId: k.keyId });
                            await load();
                          })
                        }
                      >
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

// A real OpenID Connect provider for browser tests of st.login (panva/oidc-provider, dev interactions).
// Environment: OIDC_PORT; OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URIS (comma-separated) for one client
// known from the start; OIDC_REGISTRATION_TOKEN to let whoever holds it add clients (RFC 7591 registration at /reg,
// one per app under test, so one provider serves a whole test run). At least one of the two.
// The login form accepts any name: the name is the account id, its e-mail is the name or name@example.com.
import { randomBytes } from 'node:crypto';

import Provider from 'oidc-provider';

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`provider.js: the environment variable ${name} is required`);
    process.exit(2);
  }
  return value;
}

const port = Number(required('OIDC_PORT'));
const registrationToken = process.env.OIDC_REGISTRATION_TOKEN || '';
const clientId = registrationToken ? process.env.OIDC_CLIENT_ID || '' : required('OIDC_CLIENT_ID');
const clientSecret = clientId ? required('OIDC_CLIENT_SECRET') : '';
const redirectUris = (clientId ? required('OIDC_REDIRECT_URIS') : '').split(',').map((uri) => uri.trim())
  .filter(Boolean);
const issuer = `http://127.0.0.1:${port}`;

function emailOf(id) {
  return id.includes('@') ? id : `${id}@example.com`;
}

const configuration = {
  clients: clientId ? [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: redirectUris,
    // st.logout sends people to the end_session endpoint with post_logout_redirect_uri = the redirect URI.
    post_logout_redirect_uris: redirectUris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }] : [],
  scopes: ['openid', 'email', 'profile'],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
  },
  // Authlib builds st.user from the ID token, so the scope claims must be in it (not only at /userinfo).
  conformIdTokenClaims: false,
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: emailOf(id), email_verified: true, name: id };
      },
    };
  },
  // First-party test client: grant the requested scopes at once, so there is no consent screen.
  async loadExistingGrant(ctx) {
    const { client, session, result } = ctx.oidc;
    const grantId = result?.consent?.grantId || session.grantIdFor(client.clientId);
    if (grantId) {
      return ctx.oidc.provider.Grant.find(grantId);
    }
    const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
  // Random per run: this provider only lives for one test session.
  cookies: { keys: [randomBytes(32).toString('hex')] },
  features: {
    devInteractions: { enabled: true },
    // Registered clients get the same defaults as the one above (code flow, client_secret_basic).
    registration: registrationToken ? { enabled: true, initialAccessToken: registrationToken } : { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      // Confirm the sign-out at once, so st.logout lands back on the app without a provider page.
      async logoutSource(ctx, form) {
        ctx.body = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Signing out</title></head><body>
          ${form}
          <button id="yes" type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
          <script>document.getElementById('yes').click();</script>
          </body></html>`;
      },
    },
  },
};

const provider = new Provider(issuer, configuration);
provider.on('server_error', (ctx, error) => console.error('server_error', error));
const server = provider.listen(port, '127.0.0.1', () => {
  console.log(`oidc-provider listening on ${issuer}` + (clientId ? `, client ${clientId}, redirect URIs ${redirectUris.join(' ')}` : '')
    + (registrationToken ? ', clients may register at /reg' : ''));
});

function stop() {
  server.close(() => process.exit(0));
  // Keep-alive connections from the browser would hold close() open.
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

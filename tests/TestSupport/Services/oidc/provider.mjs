// A real OpenID provider for the sign-in tests (npm oidc-provider 9.13.3), on a loopback port of the test's choosing.
// Usage: node provider.mjs --port <port> --client-id <id> --client-secret <secret>
// Its development login form accepts any password; the account decides the roles in the ID token:
//   styrgrupp → Styrgrupp, samordnare → Samordnare, utan-roll → none. Any other login is refused at the token step.
// It prints "oidc-provider listening on <issuer>" when it is ready. Nothing leaves 127.0.0.1.
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import path from 'node:path';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'client-id': { type: 'string', default: 'care-transitions' },
    'client-secret': { type: 'string', default: 'test-client-secret' },
    'role-claim': { type: 'string', default: 'roles' },
  },
});

// Installed by scripts/test.sh under .tools (OIDC_PROVIDER_DIR is its node_modules' parent), /work/devtools for local runs.
const require = createRequire(path.join(process.env.OIDC_PROVIDER_DIR ?? process.cwd(), 'package.json'));
const { default: Provider } = await import(require.resolve('oidc-provider'));

const accounts = {
  styrgrupp: { name: 'Eva Styrgrupp', roles: ['Styrgrupp'] },
  samordnare: { name: 'Sam Samordnare', roles: ['Samordnare'] },
  'utan-roll': { name: 'Ulla Utan Roll', roles: [] },
};

const roleClaim = values['role-claim'];
const issuer = `http://127.0.0.1:${values.port}`;
const provider = new Provider(issuer, {
  clients: [{
    client_id: values['client-id'],
    client_secret: values['client-secret'],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    // Every test service has its own loopback port: any of them is accepted below, this one only satisfies the schema.
    redirect_uris: ['http://127.0.0.1/signin-oidc'],
    post_logout_redirect_uris: ['http://127.0.0.1/signout-callback-oidc'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  // The roles travel in the ID token, as Entra ID's app roles do (not only from userinfo).
  conformIdTokenClaims: false,
  claims: { openid: ['sub'], profile: ['name', roleClaim] },
  async findAccount(ctx, sub) {
    const account = accounts[sub];
    if (!account) return undefined;
    return {
      accountId: sub,
      async claims() { return { sub, name: account.name, [roleClaim]: account.roles }; },
    };
  },
  // A first-party client: the grant covers what it asked for, so no consent page follows the login.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope(ctx.oidc.requestParamScopes ? [...ctx.oidc.requestParamScopes].join(' ') : 'openid');
    await grant.save();
    return grant;
  },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  pkce: { required: () => true },
  cookies: { keys: ['oidc-test-cookie-key-not-a-secret'] },
});

const loopbackHttp = (uri, pathname) => {
  try {
    const url = new URL(uri);
    return url.protocol === 'http:' && url.hostname === '127.0.0.1' && url.pathname === pathname;
  } catch {
    return false;
  }
};
provider.Client.prototype.redirectUriAllowed = function redirectUriAllowed(uri) { return loopbackHttp(uri, '/signin-oidc'); };
provider.Client.prototype.postLogoutRedirectUriAllowed = function postLogoutRedirectUriAllowed(uri) { return loopbackHttp(uri, '/signout-callback-oidc'); };

provider.listen(Number(values.port), '127.0.0.1', () => console.log(`oidc-provider listening on ${issuer}`));

// A real OpenID provider for the sign-in tests (npm oidc-provider 9.13.3), on a loopback port of the test's choosing.
// Usage: node provider.mjs --port <port> --client-id <id> --client-secret <secret>
// Its development login form accepts any password; the account decides the roles, the HSA-id (hsa_id) and the units'
// HSA-ids (unit_hsa_ids) in the ID token: styrgrupp → Styrgrupp, samordnare → Samordnare (coordination of 1480),
// utan-roll → no role; sjukskoterska (home health care of 1480), vardcentral (primary care of 1480, who calls the SIP
// meeting), avdelning (the ward of TestMessages) and obehorig (home health care of 1401) have no role;
// samordnare-sodertalje (coordination of 0181) and samordnare-avdelning (the ward of TestMessages) are Samordnare too.
// Any other login is refused at the token step.
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

// The HSA-ids are fictional; the units' are the demo directory's (Directory/units.json). Keep OidcProvider.cs in step.
const accounts = {
  styrgrupp: { name: 'Eva Styrgrupp', roles: ['Styrgrupp'], hsaId: 'SE2321000131-P000000000001', units: [] },
  samordnare: { name: 'Sam Samordnare', roles: ['Samordnare'], hsaId: 'SE2321000131-P000000000002', units: ['SE2120001480-samordning'] },
  'utan-roll': { name: 'Ulla Utan Roll', roles: [], hsaId: 'SE2321000131-P000000000003', units: [] },
  sjukskoterska: { name: 'Nina Sjuksköterska', roles: [], hsaId: 'SE2321000131-P000000000004', units: ['SE2120001480-hemsjukvard'] },
  vardcentral: { name: 'Vera Vårdcentral', roles: [], hsaId: 'SE2321000131-P000000000009', units: ['SE2120001480-vardcentral'] },
  avdelning: { name: 'Anna Avdelning', roles: [], hsaId: 'SE2321000131-P000000000005', units: ['SE2321000131-E000000012345'] },
  obehorig: { name: 'Olle Obehörig', roles: [], hsaId: 'SE2321000131-P000000000006', units: ['SE2120001401-hemsjukvard'] },
  'samordnare-sodertalje': { name: 'Siv Samordnare', roles: ['Samordnare'], hsaId: 'SE2321000131-P000000000007', units: ['SE2120000181-samordning'] },
  'samordnare-avdelning': { name: 'Vera Vårdsamordnare', roles: ['Samordnare'], hsaId: 'SE2321000131-P000000000008', units: ['SE2321000131-E000000012345'] },
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
  claims: { openid: ['sub'], profile: ['name', roleClaim, 'hsa_id', 'unit_hsa_ids'] },
  async findAccount(ctx, sub) {
    // samordnare-<municipality code>: the coordinator of that municipality's coordination unit (the benchmark's).
    const municipal = /^samordnare-(\d{4})$/.exec(sub);
    const account = accounts[sub] ?? (municipal && {
      name: `Samordnare ${municipal[1]}`, roles: ['Samordnare'], hsaId: `SE2321000131-P9${municipal[1]}`, units: [`SE212000${municipal[1]}-samordning`],
    });
    if (!account) return undefined;
    return {
      accountId: sub,
      async claims() { return { sub, name: account.name, [roleClaim]: account.roles, hsa_id: account.hsaId, unit_hsa_ids: account.units }; },
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

// Mints a local-mode (HS256) bearer token for trying the API:
//   npm run token -- --sub res-001 --roles resident
//   npm run token -- --sub sw-001 --roles social_worker --stations lizhoujiao-centre,lizhoujiao-east
// Tokens carry iss, aud, iat and exp (12 h by default, `--expires 30m` for less); the services
// refuse tokens issued for longer than LANTERN_JWT_MAX_LIFETIME_SECONDS (24 h by default). The
// secret, issuer and audience come from LANTERN_JWT_SECRET / _ISSUER / _AUDIENCE, as the services read them.
import { mintToken } from '@lantern/http';
import { ROLES, Role } from '@lantern/identity';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    sub: { type: 'string', default: 'res-001' },
    roles: { type: 'string', default: 'resident' },
    stations: { type: 'string', default: '' },
    name: { type: 'string' },
    expires: { type: 'string', default: '12h' },
  },
});
const roles = values.roles!.split(',').filter(Boolean);
const unknown = roles.filter((role) => !ROLES.includes(role as Role));
if (unknown.length > 0) {
  process.stderr.write(`unknown role(s): ${unknown.join(', ')}; known: ${ROLES.join(', ')}\n`);
  process.exit(2);
}
void mintToken(
  { sub: values.sub!, roles: roles as Role[], stations: values.stations!.split(',').filter(Boolean), name: values.name },
  {
    secret: process.env.LANTERN_JWT_SECRET,
    issuer: process.env.LANTERN_JWT_ISSUER,
    audience: process.env.LANTERN_JWT_AUDIENCE,
    expiresIn: values.expires,
  },
).then((token) => process.stdout.write(`${token}\n`));

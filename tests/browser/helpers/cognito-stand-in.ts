/**
 * A stand-in for the Cognito user pool API, for the admin app's sign-in tests. There is no local
 * Cognito, so this answers the calls the app's SRP sign-in makes (InitiateAuth USER_SRP_AUTH,
 * RespondToAuthChallenge for PASSWORD_VERIFIER, NEW_PASSWORD_REQUIRED, MFA_SETUP and
 * SOFTWARE_TOKEN_MFA, AssociateSoftwareToken, VerifySoftwareToken) from inside Chromium's network
 * layer (Playwright routes on `cognito-idp.<region>.amazonaws.com`), with the server side of
 * Cognito's SRP computed here (RFC 5054's 3072-bit group, SHA-256, HKDF "Caldera Derived Key"):
 * a wrong password really fails the signature check. The pool behaves as the stack configures it
 * (docs/admin-app.md): SRP only, TOTP MFA required, no user-existence errors, the password policy.
 */
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Page, Route } from 'playwright-core';

// The group Cognito's SRP uses (RFC 3526 / RFC 5054, 3072-bit), generator 2.
const N = BigInt(
  '0x' +
    'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
    'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
    'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
    '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
    'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
    '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
    'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
    'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
);
const G = 2n;

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = ((base % modulus) + modulus) % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

/** Cognito's encoding of a (positive) number: even-length hex, "00" first when the top bit is set. */
function padHex(n: bigint): string {
  const hex = n.toString(16);
  const even = hex.length % 2 ? `0${hex}` : hex;
  return /^[89a-f]/i.test(even) ? `00${even}` : even;
}
const sha256Hex = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');
const hexHash = (hex: string): string => sha256Hex(Buffer.from(hex, 'hex'));
const K = BigInt(`0x${hexHash(padHex(N) + padHex(G))}`);

function hkdf(ikm: Buffer, salt: Buffer): Buffer {
  const prk = createHmac('sha256', salt).update(ikm).digest();
  return createHmac('sha256', prk)
    .update(Buffer.concat([Buffer.from('Caldera Derived Key', 'utf8'), Buffer.from([1])]))
    .digest()
    .subarray(0, 16);
}

/** RFC 4648 base32, the encoding of TOTP secrets. */
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 6238 TOTP (SHA-1, 30 s, 6 digits), as authenticator apps compute it from a base32 secret. */
export function totpCode(base32Secret: string, at = Date.now()): string {
  let bits = '';
  for (const c of base32Secret.replace(/=+$/, '').toUpperCase()) bits += BASE32.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

function base32(bytes: Buffer): string {
  let bits = '';
  for (const b of bytes) bits += b.toString(2).padStart(8, '0');
  return (bits.match(/.{1,5}/g) ?? []).map((chunk) => BASE32[parseInt(chunk.padEnd(5, '0'), 2)]).join('');
}

export interface StandInUser {
  readonly email: string;
  password: string;
  /** Invited with a temporary password: the first sign-in must set a new one. */
  mustChangePassword: boolean;
  totpSecret?: string;
  totpVerified: boolean;
  /** USER_ID_FOR_SRP: Cognito's internal user name (the sub) in an email-alias pool. */
  readonly userId: string;
  readonly salt: string;
}

export interface CognitoStandInOptions {
  readonly region: string;
  readonly userPoolId: string;
  readonly clientId: string;
  /** The tokens a successful sign-in returns (the local server's dev tokens, so the API accepts them). */
  readonly issueToken: (email: string) => Promise<string>;
}

type Reply = { status: number; body: Record<string, unknown> };
type Step = 'NEW_PASSWORD_REQUIRED' | 'MFA_SETUP' | 'SOFTWARE_TOKEN_MFA';
const fail = (type: string, message: string): Reply => ({ status: 400, body: { __type: type, message } });

export interface CognitoStandIn {
  addUser(email: string, temporaryPassword: string): StandInUser;
  user(email: string): StandInUser;
  /** The operations called, in order (e.g. to prove the app used SRP, never USER_PASSWORD_AUTH). */
  readonly calls: string[];
}

/** Routes the page's Cognito calls to the stand-in. */
export async function installCognitoStandIn(page: Page, o: CognitoStandInOptions): Promise<CognitoStandIn> {
  const poolName = o.userPoolId.split('_')[1]!;
  const users = new Map<string, StandInUser>();
  const srp = new Map<string, { user: StandInUser; A: bigint; b: bigint; B: bigint }>();
  const sessions = new Map<string, { user: StandInUser; expects: Step }>();
  const calls: string[] = [];
  const verifier = (u: StandInUser, password: string): bigint => {
    const x = BigInt(`0x${hexHash(padHex(BigInt(`0x${u.salt}`)) + sha256Hex(`${poolName}${u.userId}:${password}`))}`);
    return modPow(G, x, N);
  };
  const session = (user: StandInUser, expects: Step): string => {
    const id = randomBytes(48).toString('base64');
    sessions.set(id, { user, expects });
    return id;
  };
  const tokens = async (user: StandInUser): Promise<Reply> => {
    const token = await o.issueToken(user.email);
    return {
      status: 200,
      body: {
        AuthenticationResult: { IdToken: token, AccessToken: token, RefreshToken: randomUUID(), ExpiresIn: 3600, TokenType: 'Bearer' },
        ChallengeParameters: {},
      },
    };
  };
  const nextStep = async (user: StandInUser): Promise<Reply> => {
    if (user.mustChangePassword)
      return {
        status: 200,
        body: {
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          Session: session(user, 'NEW_PASSWORD_REQUIRED'),
          ChallengeParameters: {
            USER_ID_FOR_SRP: user.userId,
            requiredAttributes: '[]',
            userAttributes: JSON.stringify({ email: user.email }),
          },
        },
      };
    if (!user.totpVerified)
      return {
        status: 200,
        body: {
          ChallengeName: 'MFA_SETUP',
          Session: session(user, 'MFA_SETUP'),
          ChallengeParameters: { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' },
        },
      };
    return {
      status: 200,
      body: { ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: session(user, 'SOFTWARE_TOKEN_MFA'), ChallengeParameters: {} },
    };
  };
  const codeMatches = (user: StandInUser, code: unknown): boolean =>
    typeof code === 'string' &&
    !!user.totpSecret &&
    [-30_000, 0, 30_000].some((skew) => totpCode(user.totpSecret!, Date.now() + skew) === code);

  async function handle(operation: string, req: Record<string, unknown>): Promise<Reply> {
    if (req['ClientId'] !== undefined && req['ClientId'] !== o.clientId)
      return fail('ResourceNotFoundException', 'User pool client does not exist.');
    const params = (req['AuthParameters'] ?? req['ChallengeResponses'] ?? {}) as Record<string, string>;
    if (operation === 'InitiateAuth') {
      if (req['AuthFlow'] !== 'USER_SRP_AUTH')
        return fail('InvalidParameterException', 'USER_SRP_AUTH is the only flow this client allows.');
      const user = users.get(params['USERNAME'] ?? '');
      if (!user) return fail('NotAuthorizedException', 'Incorrect username or password.');
      const A = BigInt(`0x${params['SRP_A']}`);
      if (A % N === 0n) return fail('InvalidParameterException', 'SRP_A is invalid.');
      const b = BigInt(`0x${randomBytes(128).toString('hex')}`);
      const B = (K * verifier(user, user.password) + modPow(G, b, N)) % N;
      const secretBlock = randomBytes(64).toString('base64');
      srp.set(secretBlock, { user, A, b, B });
      return {
        status: 200,
        body: {
          ChallengeName: 'PASSWORD_VERIFIER',
          ChallengeParameters: {
            SALT: user.salt,
            SECRET_BLOCK: secretBlock,
            SRP_B: B.toString(16),
            USERNAME: user.userId,
            USER_ID_FOR_SRP: user.userId,
          },
        },
      };
    }
    if (operation === 'RespondToAuthChallenge' && req['ChallengeName'] === 'PASSWORD_VERIFIER') {
      const secretBlock = params['PASSWORD_CLAIM_SECRET_BLOCK'] ?? '';
      const state = srp.get(secretBlock);
      srp.delete(secretBlock);
      if (!state) return fail('NotAuthorizedException', 'Incorrect username or password.');
      const { user, A, b, B } = state;
      const u = BigInt(`0x${hexHash(padHex(A) + padHex(B))}`);
      const S = modPow(A * modPow(verifier(user, user.password), u, N), b, N);
      const key = hkdf(Buffer.from(padHex(S), 'hex'), Buffer.from(padHex(u), 'hex'));
      const expected = createHmac('sha256', key)
        .update(
          Buffer.concat([
            Buffer.from(poolName, 'utf8'),
            Buffer.from(user.userId, 'utf8'),
            Buffer.from(secretBlock, 'base64'),
            Buffer.from(params['TIMESTAMP'] ?? '', 'utf8'),
          ]),
        )
        .digest();
      const claimed = Buffer.from(params['PASSWORD_CLAIM_SIGNATURE'] ?? '', 'base64');
      if (claimed.length !== expected.length || !timingSafeEqual(claimed, expected))
        return fail('NotAuthorizedException', 'Incorrect username or password.');
      return nextStep(user);
    }
    const current = sessions.get(String(req['Session'] ?? ''));
    if (!current) return fail('NotAuthorizedException', 'Invalid session for the user, session is expired.');
    const { user } = current;
    if (operation === 'AssociateSoftwareToken' && current.expects === 'MFA_SETUP') {
      user.totpSecret = base32(randomBytes(20));
      return { status: 200, body: { SecretCode: user.totpSecret, Session: session(user, 'MFA_SETUP') } };
    }
    if (operation === 'VerifySoftwareToken' && current.expects === 'MFA_SETUP') {
      if (!codeMatches(user, req['UserCode']))
        return fail('EnableSoftwareTokenMFAException', 'Code mismatch and fail enable Software Token MFA');
      user.totpVerified = true;
      sessions.delete(String(req['Session']));
      return { status: 200, body: { Status: 'SUCCESS', Session: session(user, 'MFA_SETUP') } };
    }
    if (operation !== 'RespondToAuthChallenge' || req['ChallengeName'] !== current.expects)
      return fail('InvalidParameterException', `Unexpected ${operation} ${String(req['ChallengeName'] ?? '')}`);
    // A refused answer (weak password, wrong code) may be retried in the same session.
    const done = (reply: Reply): Reply => {
      if (reply.status === 200) sessions.delete(String(req['Session']));
      return reply;
    };
    if (current.expects === 'NEW_PASSWORD_REQUIRED') {
      const password = params['NEW_PASSWORD'] ?? '';
      if (
        password.length < 12 ||
        !/[a-z]/.test(password) ||
        !/[A-Z]/.test(password) ||
        !/\d/.test(password) ||
        !/[^A-Za-z0-9]/.test(password)
      )
        return fail('InvalidPasswordException', 'Password does not conform to policy: Password not long enough');
      user.password = password;
      user.mustChangePassword = false;
      return done(await nextStep(user));
    }
    if (current.expects === 'MFA_SETUP')
      return done(user.totpVerified ? await tokens(user) : fail('NotAuthorizedException', 'MFA is not set up.'));
    if (!codeMatches(user, params['SOFTWARE_TOKEN_MFA_CODE'])) return fail('CodeMismatchException', 'Invalid code received for user');
    return done(await tokens(user));
  }

  const cors = {
    'access-control-allow-origin': '*',
    'access-control-allow-headers': 'content-type, x-amz-target, x-amz-user-agent, cache-control',
    'access-control-allow-methods': 'POST, OPTIONS',
  };
  await page.route(`https://cognito-idp.${o.region}.amazonaws.com/**`, async (route: Route) => {
    const request = route.request();
    if (request.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: cors });
    const operation = (request.headers()['x-amz-target'] ?? '').replace('AWSCognitoIdentityProviderService.', '');
    calls.push(operation);
    const reply = await handle(operation, JSON.parse(request.postData() ?? '{}') as Record<string, unknown>);
    return route.fulfill({
      status: reply.status,
      headers: { ...cors, 'content-type': 'application/x-amz-json-1.1' },
      body: JSON.stringify(reply.body),
    });
  });

  return {
    calls,
    addUser(email, temporaryPassword) {
      const user: StandInUser = {
        email,
        password: temporaryPassword,
        mustChangePassword: true,
        totpVerified: false,
        userId: randomUUID(),
        salt: randomBytes(16).toString('hex'),
      };
      users.set(email, user);
      return user;
    },
    user(email) {
      const user = users.get(email);
      if (!user) throw new Error(`no stand-in user ${email}`);
      return user;
    },
  };
}

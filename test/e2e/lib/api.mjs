// What the journeys do through the API to set up their own data: GraphQL calls, sign-in tokens,
// new accounts and units whose packages wait for sign-off.

/** Demo accounts all share this password (README). */
export const DEMO_PASSWORD = 'Zipin@2024';
/** The password the accounts made here choose at their first sign-in. */
export const NEW_PASSWORD = 'Rq-desk-2026-pass';

export async function gql(baseUrl, query, variables = {}, token) {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

export const LOGIN = 'mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { token } }';

/** A new account: created by the admin, its first password replaced as the app requires. */
export async function newAccount(baseUrl, admin, input) {
  await gql(baseUrl, 'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }', { input: { ...input, password: 'Tmp-first-2026x' } }, admin);
  const first = (await gql(baseUrl, LOGIN, { u: input.username, p: 'Tmp-first-2026x' })).login.token;
  await gql(baseUrl, 'mutation($i: ChangePasswordInput!) { changePassword(input: $i) }', { i: { currentPassword: 'Tmp-first-2026x', newPassword: NEW_PASSWORD } }, first);
  return (await gql(baseUrl, LOGIN, { u: input.username, p: NEW_PASSWORD })).login.token;
}

/**
 * A unit with a filler and a head whose package the filler fills with a complete document
 * (the approved demo package's, which passes every check) and submits for sign-off.
 */
export async function unitAwaitingSignOff(baseUrl, admin, { code, name }, campaignId, document) {
  const unit = (await gql(baseUrl, 'mutation($input: CreateUnitInput!) { createUnit(input: $input) { id } }', { input: { code, name, category: '事业单位' } }, admin)).createUnit;
  const filler = await newAccount(baseUrl, admin, { username: `u${code}.filler`, displayName: `${name}填表人`, role: 'FILLER', unitId: unit.id });
  const head = await newAccount(baseUrl, admin, { username: `u${code}.head`, displayName: `${name}负责人`, role: 'UNIT_HEAD', unitId: unit.id });
  await gql(baseUrl, 'mutation($id: ID!) { openCampaign(id: $id) { id } }', { id: campaignId }, admin);
  let pkg = (await gql(baseUrl, '{ packages { nodes { id version } } }', {}, filler)).packages.nodes[0];
  pkg = (
    await gql(
      baseUrl,
      'mutation($input: SavePackageInput!) { savePackage(input: $input) { package { id version summary { canSubmit } } } }',
      { input: { packageId: pkg.id, baseVersion: pkg.version, document, saveId: `rq-${code}` } },
      filler,
    )
  ).savePackage.package;
  if (!pkg.summary.canSubmit) throw new Error(`${name}: the copied document does not pass the checks`);
  pkg = (await gql(baseUrl, 'mutation($p: ID!, $v: Int!) { submitPackage(packageId: $p, expectedVersion: $v) { id version } }', { p: pkg.id, v: pkg.version }, filler)).submitPackage;
  return { unit, filler, head, pkg, headUsername: `u${code}.head` };
}

/** A session token for a user (the admin by default, with the demo password). */
export async function tokenFor(baseUrl, username = 'admin', password = DEMO_PASSWORD) {
  return (await gql(baseUrl, LOGIN, { u: username, p: password })).login.token;
}

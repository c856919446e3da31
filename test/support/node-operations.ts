// GraphQL operations of the national node, shared by its end-to-end tests.

const registrationFields = `id personId registrationDate period legalStatus sex ageGroup citizenship exploitation labourSector
  registeringOrganisation crossBorder protection { reflectionPeriod residencePermit assistance compensation returned }`;
const personFields = `id externalRef pseudonym revoked revokedAt
  consent { statistics statisticsGivenOn international internationalGivenOn }
  registrations { ${registrationFields} }`;

export const CREATE_PERSON = `mutation ($input: CreatePersonInput!) { createPerson(input: $input) { ${personFields} } }`;
export const CORRECT_IDENTITY = `mutation ($personId: UUID!, $identity: IdentityInput!) {
  correctIdentity(personId: $personId, identity: $identity) { ${personFields} } }`;
export const ADD_REGISTRATION = `mutation ($personId: UUID!, $input: RegistrationInput!) {
  addRegistration(personId: $personId, input: $input) { ${registrationFields} } }`;
export const CORRECT_REGISTRATION = `mutation ($registrationId: UUID!, $input: RegistrationInput!) {
  correctRegistration(registrationId: $registrationId, input: $input) { ${registrationFields} } }`;
export const PERSON = `query ($id: UUID!) { person(id: $id) { ${personFields} } }`;
export const PERSONS = `query ($period: Period, $externalRef: String, $first: Int, $offset: Int) {
  persons(period: $period, externalRef: $externalRef, first: $first, offset: $offset) { totalCount items { ${personFields} } } }`;
export const PERSON_IDENTITY = `query ($personId: UUID!) {
  personIdentity(personId: $personId) { givenNames familyNames birthDate documentNumbers phone email address notes } }`;

export const RECORD_CONSENT = `mutation ($personId: UUID!, $input: ConsentInput!) {
  recordConsent(personId: $personId, input: $input) { ${personFields} } }`;
export const REVOKE_CONSENT = `mutation ($personId: UUID!) {
  revokeConsent(personId: $personId) { id personId pseudonym revokedAt state attempts lastErrorCode erased receiptedAt } }`;
export const REVOCATIONS = `query ($states: [ConsentRevocationState!]) {
  revocations(states: $states) { id personId pseudonym revokedAt state attempts lastErrorCode erased figuresPromise receiptedAt } }`;

const submittedReturnFields = `returnId period revision generatedAt recordCount withheld { noConsent invalid } confirmedZero
  state attempts lastErrorCode hubStatus deliveredAt`;
export const SUBMIT_RETURN = `mutation ($period: Period!, $confirmZero: Boolean) {
  submitReturn(period: $period, confirmZero: $confirmZero) { ${submittedReturnFields} } }`;
export const RETURNS = `query ($period: Period) { returns(period: $period) { ${submittedReturnFields} } }`;
export const PREVIEW_RETURN = `query ($period: Period!) {
  previewReturn(period: $period) { period nextRevision recordCount withheld { noConsent invalid } needsZeroConfirmation threshold
    datasets { id title dimensions cells { coordinates count value flags belowThreshold } } } }`;

export const OUTBOX = `query ($states: [OutboxState!], $kind: OutboxKind) {
  outbox(states: $states, kind: $kind) { id kind state attempts nextAttemptAt lastAttemptAt lastErrorCode hubStatus deliveredAt createdAt } }`;

/** A registration input of the data standard, valid unless overridden. */
export function registrationInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    registrationDate: '2026-02-10',
    legalStatus: 'IDENTIFIED_VICTIM',
    sex: 'F',
    citizenship: 'RO',
    exploitation: ['SEXUAL'],
    registeringOrganisation: 'POLICE',
    crossBorder: 'CROSS_BORDER',
    ...overrides,
  };
}

/** A person input with an identity, international consent and one registration, valid unless overridden. */
export function personInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    identity: { givenNames: 'Ana', familyNames: 'Popescu', birthDate: '1999-05-01', documentNumbers: ['RO1234567'] },
    consent: { statistics: true, international: true, givenOn: '2026-02-10' },
    registrations: [registrationInput()],
    ...overrides,
  };
}

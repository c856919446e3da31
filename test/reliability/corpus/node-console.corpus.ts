/**
 * Bad input to the node console, as a browser (or someone posing as one) sends it: uploads of the wrong kind or size,
 * forms with codes not in the standard's lists, forms sent twice or from another site, addresses naming what does not
 * exist, sessions that are not. Each case must get a clear page with a stable status, change no table and echo no
 * injected value raw.
 */

/** A console request: a page or a form, with the session of a rapporteur, a steward, a forged one, or none. */
export interface ConsoleRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  /** Sent urlencoded; with `file`, as multipart. */
  readonly form?: Readonly<Record<string, string | readonly string[]>>;
  readonly file?: { readonly name: string; readonly bytes: Uint8Array };
  readonly session?: 'rapporteur' | 'steward' | 'forged' | 'none';
  /** The Origin header (the browser's own by default). */
  readonly origin?: string;
}

/** What the cases are built from; the spec makes it once against a running node. */
export interface ConsoleKit {
  readonly csrf: { readonly rapporteur: string; readonly steward: string };
  /** A fresh one-time form token of the session (read from a page with a form, as a browser would). */
  formToken(session: 'rapporteur' | 'steward'): Promise<string>;
  /** Sends a request as the spec does (for cases that need a first send). */
  send(request: ConsoleRequest): Promise<{ status: number; text: string }>;
  /** A person of the node, with one registration; and a registration of another person. */
  readonly personId: string;
  readonly othersRegistrationId: string;
  /** CONSOLE_IMPORT_MAX_MB of the node under test. */
  readonly maxUploadMegabytes: number;
}

export interface ConsoleCase {
  readonly name: string;
  readonly request: (kit: ConsoleKit) => ConsoleRequest | Promise<ConsoleRequest>;
  readonly status: number;
  /** What the page says (English), or where it sends the browser for a redirect. */
  readonly says: string;
  /** An upload: the outcome is the import's page once the import has finished. */
  readonly followImport?: boolean;
  readonly mustNotEcho?: readonly string[];
}

const csvHeader =
  'personId,registrationDate,legalStatus,sex,birthDate,ageGroup,citizenship,exploitation,labourSector,registeringOrganisation,crossBorder,consentStatistics,consentInternational\n';
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0xfe, 0x00]);
const SCRIPT = '<script>alert(1)</script>';

/** A new person's form as a rapporteur would fill it, with `overrides`. */
async function newPersonForm(kit: ConsoleKit, overrides: Record<string, string>): Promise<ConsoleRequest> {
  return {
    method: 'POST',
    path: '/console/persons/new',
    form: {
      csrf: kit.csrf.rapporteur,
      form: await kit.formToken('rapporteur'),
      externalRef: 'REL-CONSOLE-1',
      'identity.givenNames': 'Canarygiven',
      'consent.statistics': 'true',
      registrationDate: '2026-02-03',
      legalStatus: 'IDENTIFIED_VICTIM',
      sex: 'F',
      citizenship: 'RO',
      exploitation: 'SEXUAL',
      registeringOrganisation: 'POLICE',
      crossBorder: 'CROSS_BORDER',
      ...overrides,
    },
  };
}

async function upload(kit: ConsoleKit, name: string, bytes: Uint8Array, origin?: string): Promise<ConsoleRequest> {
  return {
    method: 'POST',
    path: '/console/imports',
    form: { csrf: kit.csrf.rapporteur, form: await kit.formToken('rapporteur'), format: 'template' },
    file: { name, bytes },
    ...(origin === undefined ? {} : { origin }),
  };
}

export const NODE_CONSOLE_CASES: readonly ConsoleCase[] = [
  {
    name: 'upload: a picture named cases.csv',
    request: (kit) => upload(kit, 'cases.csv', PNG),
    followImport: true,
    status: 200,
    says: 'Nothing was imported.',
  },
  {
    name: 'upload: a Latin-1 file (é as one byte)',
    request: (kit) =>
      upload(
        kit,
        'latin1.csv',
        Buffer.concat([
          Buffer.from(csvHeader),
          Buffer.from('REL-1,2026-01-15,IDENTIFIED_VICTIM,F,,,RO,SEXUAL,,POLICE,CROSS_BORDER,true,true,Ren\xe9\n', 'latin1'),
        ]),
      ),
    followImport: true,
    status: 200,
    says: 'The file cannot be read',
  },
  {
    name: 'upload: a file over the size limit',
    request: (kit) => upload(kit, 'big.csv', new Uint8Array(kit.maxUploadMegabytes * 1024 * 1024 + 1024).fill(0x41)),
    status: 413,
    says: 'The file is larger than this node accepts for one import.',
  },
  {
    name: 'upload: the form without a file',
    request: async (kit) => ({
      method: 'POST',
      path: '/console/imports',
      form: { csrf: kit.csrf.rapporteur, form: await kit.formToken('rapporteur'), format: 'template' },
    }),
    status: 400,
    says: 'Choose a CSV file to import.',
  },
  {
    name: 'upload: from another site',
    request: (kit) => upload(kit, 'cases.csv', Buffer.from(csvHeader), 'https://evil.example'),
    status: 403,
    says: 'did not come from a page of this console',
  },
  {
    name: 'new person: a sex code not in the list, and a script as reference',
    request: (kit) => newPersonForm(kit, { sex: 'Q', externalRef: SCRIPT }),
    status: 400,
    says: 'Not a code of the standard’s list for this field',
    // The form comes back as it was sent (its identity too, to the rapporteur who typed it), the script escaped.
    mustNotEcho: [SCRIPT],
  },
  {
    name: 'new person: the same form sent twice (a double click)',
    request: async (kit) => {
      const first = await newPersonForm(kit, { sex: 'Q' });
      await kit.send(first);
      return first;
    },
    status: 409,
    says: 'sent already',
  },
  {
    name: 'new person: posted without the session’s CSRF token',
    request: async (kit) => ({ ...(await newPersonForm(kit, {})), form: { ...(await newPersonForm(kit, {})).form, csrf: 'forged' } }),
    status: 403,
    says: 'did not come from a page of this console',
  },
  {
    name: 'list: an exploitation code not in the list',
    request: () => ({ method: 'GET', path: `/console/persons?exploitation=${encodeURIComponent(SCRIPT)}` }),
    status: 400,
    says: 'Not a code of the standard’s list',
    mustNotEcho: [SCRIPT],
  },
  {
    name: 'list: a quarter that does not exist',
    request: () => ({ method: 'GET', path: '/console/persons?period=2026-Q5' }),
    status: 400,
    says: 'Write a quarter like 2026-Q1',
  },
  {
    name: 'person: an id that is an injection',
    request: () => ({ method: 'GET', path: `/console/persons/${encodeURIComponent("1' OR '1'='1")}` }),
    status: 404,
    says: 'There is no such page.',
    mustNotEcho: ["1' OR '1'='1"],
  },
  {
    name: 'registration: correcting another person’s registration through this person’s address',
    request: async (kit) => ({
      method: 'POST',
      path: `/console/persons/${kit.personId}/registrations/${kit.othersRegistrationId}`,
      form: { csrf: kit.csrf.rapporteur, form: await kit.formToken('rapporteur'), legalStatus: 'SUSPECT', sex: 'M' },
    }),
    status: 404,
    says: 'There is no such page.',
  },
  {
    name: 'identity: shown to a steward',
    request: (kit) => ({
      method: 'POST',
      path: `/console/persons/${kit.personId}/identity/show`,
      form: { csrf: kit.csrf.steward },
      session: 'steward',
    }),
    status: 403,
    says: 'Your roles do not allow this',
    mustNotEcho: ['Canarygiven'],
  },
  {
    name: 'consent: given on a day in the future',
    request: async (kit) => ({
      method: 'POST',
      path: `/console/persons/${kit.personId}/consent`,
      form: {
        csrf: kit.csrf.steward,
        form: await kit.formToken('steward'),
        statistics: 'true',
        international: 'true',
        givenOn: '2099-01-01',
      },
      session: 'steward',
    }),
    status: 400,
    says: 'Out of range',
  },
  {
    name: 'session: a forged session cookie',
    request: () => ({ method: 'GET', path: '/console/persons', session: 'forged' }),
    status: 303,
    says: '/console/sign-in?ended=expired',
  },
  {
    name: 'session: a form posted with no session at all',
    request: () => ({ method: 'POST', path: '/console/persons/new', form: { csrf: 'x', form: 'x' }, session: 'none' }),
    status: 303,
    says: '/console/sign-in?ended=expired',
  },
  {
    name: 'sign-in: a code that is no token',
    request: () => ({ method: 'GET', path: `/console/sign-in?code=${encodeURIComponent(SCRIPT)}`, session: 'none' }),
    status: 401,
    says: 'This sign-in link is not valid here',
    mustNotEcho: [SCRIPT],
  },
  {
    name: 'import: a job that does not exist',
    request: () => ({ method: 'GET', path: '/console/imports/00000000-0000-4000-8000-000000000000' }),
    status: 404,
    says: 'There is no such page.',
  },
];

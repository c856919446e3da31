// Throughput of the node's intake crypto: pseudonymise and seal N persons, then open a sample.
// Run: npm run build && node dist/libs/crypto/bench/vault-throughput.bench.js [persons]
import { deriveNodeKeys, openIdentity, pseudonymsOf, sealIdentity, type IdentityFields, type MasterSecret } from '../src/index.js';
import { sodium } from '../src/sodium.js';

const persons = Number(process.argv[2] ?? 100_000);
const { pseudonymKey, vaultKey } = deriveNodeKeys(sodium.crypto_kdf_keygen() as MasterSecret);

const givenNames = ['Ana', 'Ioana Maria', 'Olena', 'Mihai', 'Blessing', 'Nguyen Thi', 'Aleksandra', 'Jean-Baptiste'];
const familyNames = ['Popescu', 'Kowalska', 'Shevchenko', 'Okafor', 'Tran', 'Dimitrova-Ivanova', 'Hoxha', 'Da Silva'];

function identityOf(index: number): IdentityFields {
  return {
    givenNames: givenNames[index % givenNames.length],
    familyNames: familyNames[(index * 7) % familyNames.length],
    birthDate: `19${70 + (index % 30)}-0${1 + (index % 9)}-1${index % 10}`,
    documentNumbers: [`P${String(index).padStart(8, '0')}`],
    phone: `+40 7${String(index).padStart(8, '0')}`,
    ...(index % 3 === 0 ? { email: `person${index}@example.org` } : {}),
    ...(index % 5 === 0 ? { address: `Strada Lungă ${index % 200}, Braşov` } : {}),
    ...(index % 4 === 0 ? { notes: 'Referred by the labour inspectorate; interpreter needed.' } : {}),
  };
}

const personIds = Array.from({ length: persons }, (_, index) => `AT-${String(index).padStart(9, '0')}`);
const identities = personIds.map((_, index) => identityOf(index));

const pseudonymStart = performance.now();
const pseudonyms = pseudonymsOf(personIds, pseudonymKey);
const pseudonymSeconds = (performance.now() - pseudonymStart) / 1000;

let storedBytes = 0;
const sample: { personId: string; sealed: ReturnType<typeof sealIdentity> }[] = [];
const sealStart = performance.now();
for (let index = 0; index < persons; index += 1) {
  const sealed = sealIdentity(personIds[index], identities[index], vaultKey);
  storedBytes += sealed.ciphertext.length + sealed.nonce.length + sealed.wrappedKey.length + sealed.wrapNonce.length;
  if (index % 100 === 0) {
    sample.push({ personId: personIds[index], sealed });
  }
}
const sealSeconds = (performance.now() - sealStart) / 1000;

const openStart = performance.now();
for (const { personId, sealed } of sample) {
  openIdentity(personId, sealed, vaultKey);
}
const openSeconds = (performance.now() - openStart) / 1000;

const perMillion = (seconds: number, count: number): string => ((seconds / count) * 1_000_000).toFixed(1);
console.log(
  JSON.stringify(
    {
      persons,
      distinctPseudonyms: new Set(pseudonyms).size,
      pseudonymise: { seconds: pseudonymSeconds.toFixed(2), secondsPerMillion: perMillion(pseudonymSeconds, persons) },
      seal: { seconds: sealSeconds.toFixed(2), secondsPerMillion: perMillion(sealSeconds, persons) },
      open: { opened: sample.length, secondsPerMillion: perMillion(openSeconds, sample.length) },
      pseudonymiseAndSealPerSecond: Math.round(persons / (pseudonymSeconds + sealSeconds)),
      averageStoredBytesPerPerson: Math.round(storedBytes / persons),
    },
    null,
    2,
  ),
);

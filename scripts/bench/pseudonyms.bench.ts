/**
 * Benchmark 4: pseudonymise and seal the identities of N persons at a node (default 1 000 000), against the bare
 * libsodium primitives on the same inputs (one keyed BLAKE2b and one XChaCha20-Poly1305 encryption per person).
 *   node dist/scripts/bench/pseudonyms.bench.js [--persons 1000000]
 */
import sodium from 'libsodium-wrappers';
import { deriveNodeKeys, pseudonymsOf, sealIdentity, type IdentityFields, type MasterSecret } from '#app/crypto';
import { memorySampler, numberArgument, printRatio, printTable, timed } from './bench-kit.js';

async function main(): Promise<void> {
  await sodium.ready;
  const persons = numberArgument('persons', 1_000_000);
  const { pseudonymKey, vaultKey } = deriveNodeKeys(sodium.crypto_kdf_keygen() as MasterSecret);
  const personIds = Array.from({ length: persons }, (_, index) => `AT-${String(index).padStart(9, '0')}`);
  const identityOf = (index: number): IdentityFields => ({
    givenNames: ['Ana', 'Olena', 'Mihai', 'Blessing'][index % 4],
    familyNames: ['Popescu', 'Kowalska', 'Okafor', 'Tran'][index % 4],
    birthDate: `19${70 + (index % 30)}-0${1 + (index % 9)}-1${index % 10}`,
    documentNumbers: [`P${String(index).padStart(8, '0')}`],
    phone: `+40 7${String(index).padStart(8, '0')}`,
  });
  const memory = memorySampler();

  const baseline = await timed(() => {
    const key = new Uint8Array(32);
    const nonce = new Uint8Array(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
    const encoder = new TextEncoder();
    let bytes = 0;
    for (let index = 0; index < persons; index += 1) {
      bytes += sodium.crypto_generichash(32, personIds[index]!, pseudonymKey).length;
      const plain = encoder.encode(JSON.stringify(identityOf(index)));
      bytes += sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plain, null, null, nonce, key).length;
    }
    return bytes;
  });

  const pseudonymise = await timed(() => pseudonymsOf(personIds, pseudonymKey));
  const seal = await timed(() => {
    let bytes = 0;
    for (let index = 0; index < persons; index += 1)
      bytes += sealIdentity(personIds[index]!, identityOf(index), vaultKey).ciphertext.length;
    return bytes;
  });
  const peakMiB = memory.stop();
  const project = pseudonymise.seconds + seal.seconds;
  printTable(`Pseudonyms and vault, ${persons.toLocaleString('en')} persons`, [
    {
      step: 'pseudonymise (keyed BLAKE2b-256, base64url)',
      seconds: pseudonymise.seconds.toFixed(2),
      perSecond: Math.round(persons / pseudonymise.seconds),
    },
    { step: 'seal (per-person key + wrap, padded)', seconds: seal.seconds.toFixed(2), perSecond: Math.round(persons / seal.seconds) },
    { step: 'project total', seconds: project.toFixed(2), perSecond: Math.round(persons / project) },
    {
      step: 'baseline: bare hash + one encryption',
      seconds: baseline.seconds.toFixed(2),
      perSecond: Math.round(persons / baseline.seconds),
    },
  ]);
  process.stdout.write(`peak memory ${peakMiB} MiB\n`);
  printRatio('pseudonyms+vault / bare libsodium', project / baseline.seconds, undefined);
}

void main();

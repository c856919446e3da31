/**
 * What a revocation promises, in words a data steward can pass on to the person, signed in the hub's receipt. It is
 * the revision policy of docs/DISCLOSURE-CONTROL.md ("Revisions") stated for one person; the two must agree (the
 * revision tests check the behaviour this sentence describes).
 */
export function revocationPromise(minChanges: number): string {
  const erased = 'Erased from the hub when this receipt was issued: no record of the person remains there.';
  const published = 'Figures already published keep counting the person; they are never edited.';
  if (minChanges <= 1) return `${erased} ${published} Every release from the next one on leaves the person out.`;
  return (
    `${erased} ${published} Each country and period the person was counted in is revised without them in the first ` +
    `release at which at least ${minChanges} persons' records have changed in that country and period since it was ` +
    'last published; until then it is published unchanged, so that no two releases differ by one person.'
  );
}

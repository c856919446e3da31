/** What an import did at the node, beyond the data standard's report of what it read. */
export interface NodeImportTally {
  /** New persons (their identity sealed in the vault). */
  personsCreated: number;
  /** Rows whose person (by external reference) was already known: no duplicate is made. */
  personsMatched: number;
  registrationsCreated: number;
  /** Known registrations (person, period, legal status) whose attributes the file changed. */
  registrationsUpdated: number;
  /** Known registrations the file repeats unchanged (a re-import). */
  registrationsUnchanged: number;
  /** Accepted rows of another reporting country (CTDC files mix countries): not this node's. */
  skippedOtherCountry: number;
  /** Rows of persons who revoked consent: never brought back. */
  skippedRevoked: number;
  /** Rows repeating a person, period and legal status already in the file: the last one counts. */
  repeatedInFile: number;
}

export function emptyTally(): NodeImportTally {
  return {
    personsCreated: 0,
    personsMatched: 0,
    registrationsCreated: 0,
    registrationsUpdated: 0,
    registrationsUnchanged: 0,
    skippedOtherCountry: 0,
    skippedRevoked: 0,
    repeatedInFile: 0,
  };
}

import { defineDomainException, type DomainExceptionCategory } from '#app/common';

export enum CountryMetadataErrorCode {
  INVALID_METADATA = 'INVALID_METADATA',
  /** A country argument that is no code of the standard (Eurostat alpha-2: EL for Greece, UK). */
  INVALID_COUNTRY = 'INVALID_COUNTRY',
  METADATA_NOT_FOUND = 'METADATA_NOT_FOUND',
}

const categoryOf: Readonly<Record<CountryMetadataErrorCode, DomainExceptionCategory>> = {
  [CountryMetadataErrorCode.INVALID_METADATA]: 'BAD_INPUT',
  [CountryMetadataErrorCode.INVALID_COUNTRY]: 'BAD_INPUT',
  [CountryMetadataErrorCode.METADATA_NOT_FOUND]: 'NOT_FOUND',
};

export class CountryMetadataException extends defineDomainException<CountryMetadataErrorCode>('CountryMetadataException', categoryOf) {}

import { defineDomainException, type DomainExceptionCategory } from '#app/common';

export enum ReleasesErrorCode {
  RELEASE_NOT_FOUND = 'RELEASE_NOT_FOUND',
  NOTHING_TO_RELEASE = 'NOTHING_TO_RELEASE',
  NOTE_TOO_LONG = 'NOTE_TOO_LONG',
}

const categoryOf: Readonly<Record<ReleasesErrorCode, DomainExceptionCategory>> = {
  [ReleasesErrorCode.RELEASE_NOT_FOUND]: 'NOT_FOUND',
  [ReleasesErrorCode.NOTHING_TO_RELEASE]: 'CONFLICT',
  [ReleasesErrorCode.NOTE_TOO_LONG]: 'BAD_INPUT',
};

export class ReleasesException extends defineDomainException<ReleasesErrorCode>('ReleasesException', categoryOf) {}

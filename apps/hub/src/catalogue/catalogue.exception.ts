import { defineDomainException, type DomainExceptionCategory } from '#app/common';

export enum CatalogueErrorCode {
  UNKNOWN_DATASET = 'UNKNOWN_DATASET',
  CODE_LIST_NOT_FOUND = 'CODE_LIST_NOT_FOUND',
}

const categoryOf: Readonly<Record<CatalogueErrorCode, DomainExceptionCategory>> = {
  [CatalogueErrorCode.UNKNOWN_DATASET]: 'NOT_FOUND',
  [CatalogueErrorCode.CODE_LIST_NOT_FOUND]: 'NOT_FOUND',
};

export class CatalogueException extends defineDomainException<CatalogueErrorCode>('CatalogueException', categoryOf) {}

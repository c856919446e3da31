export { DomainException, defineDomainException } from './domain.exception.js';
export type { DomainExceptionCategory } from './domain.exception.js';
export { isUuid } from './uuid.js';

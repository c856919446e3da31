/** Version of the data standard that this library implements; every schema, code list and envelope carries it. */
export const STANDARD_VERSION = '1.0.0';
export type StandardVersion = typeof STANDARD_VERSION;

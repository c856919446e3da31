import { defineAccessRule } from './access-rule.js';

/** Open to anyone, signed in or not (still rate-limited). A token, if sent, must be valid. */
export function Public(): ClassDecorator & MethodDecorator {
  return defineAccessRule({ kind: 'PUBLIC' });
}

import { Role } from '#app/auth';

/**
 * The hub's role matrix for figures, in one place; the decorators use these lists and `listAccessMatrix` reads them
 * back (test/e2e/role-matrix.e2e-spec.ts prints and checks the result).
 *
 * - Released figures through GraphQL (catalogue, figures, comparative report): every signed-in role.
 * - Unreleased figures (preview): a rapporteur, for the countries of the token, and the administrator who publishes.
 * - Exports and the report page (HTTP) are public: released figures are public statistics, protected once per release;
 *   a token, if sent, must be valid and is then logged and rate-limited as its subject.
 * - Administration (access log, releases, nodes): HUB_ADMIN.
 */
export const FIGURE_READERS: [Role, ...Role[]] = [Role.RESEARCHER, Role.INTERNATIONAL_BODY, Role.HUB_ADMIN, Role.RAPPORTEUR, Role.STEWARD];

export const PREVIEWERS: [Role, ...Role[]] = [Role.RAPPORTEUR, Role.HUB_ADMIN];

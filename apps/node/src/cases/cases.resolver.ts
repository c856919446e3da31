import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Role, Roles, type Principal } from '#app/auth';
import { UuidScalar } from '#app/platform';
import { NodeScope } from '../access/node-actor.js';
import { IdentityInput } from '../vault/dto/identity.input.js';
import { CasesService } from './cases.service.js';
import { CreatePersonInput } from './dto/create-person.input.js';
import { RegistrationInput } from './dto/registration.input.js';
import { PersonModel } from '../persons/person.model.js';
import { RegistrationModel } from '../persons/registration.model.js';

@Resolver(() => PersonModel)
export class CasesResolver {
  constructor(
    private readonly scope: NodeScope,
    private readonly cases: CasesService,
  ) {}

  @Roles(Role.RAPPORTEUR)
  @Mutation(() => PersonModel, { description: 'Records a person: identity (vault), consent and registrations.' })
  createPerson(@CurrentPrincipal() principal: Principal, @Args('input') input: CreatePersonInput): Promise<PersonModel> {
    return this.cases.createPerson(this.scope.actorOf(principal), input);
  }

  @Roles(Role.RAPPORTEUR)
  @Mutation(() => PersonModel, { description: "Replaces a person's identity; a new birth date re-derives age groups." })
  correctIdentity(
    @CurrentPrincipal() principal: Principal,
    @Args('personId', { type: () => UuidScalar }) personId: string,
    @Args('identity') identity: IdentityInput,
  ): Promise<PersonModel> {
    return this.cases.correctIdentity(this.scope.actorOf(principal), personId, identity);
  }

  @Roles(Role.RAPPORTEUR)
  @Mutation(() => RegistrationModel, { description: 'Adds a registration (another period or legal status) to a person.' })
  addRegistration(
    @CurrentPrincipal() principal: Principal,
    @Args('personId', { type: () => UuidScalar }) personId: string,
    @Args('input') input: RegistrationInput,
  ): Promise<RegistrationModel> {
    return this.cases.addRegistration(this.scope.actorOf(principal), personId, input);
  }

  @Roles(Role.RAPPORTEUR)
  @Mutation(() => RegistrationModel, { description: 'Replaces the statistical attributes of a registration.' })
  correctRegistration(
    @CurrentPrincipal() principal: Principal,
    @Args('registrationId', { type: () => UuidScalar }) registrationId: string,
    @Args('input') input: RegistrationInput,
  ): Promise<RegistrationModel> {
    return this.cases.correctRegistration(this.scope.actorOf(principal), registrationId, input);
  }
}

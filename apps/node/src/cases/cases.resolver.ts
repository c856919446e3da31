import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Role, Roles, type Principal } from '#app/auth';
import { NodeScope } from '../access/node-actor.js';
import { IdentityInput } from '../vault/dto/identity.input.js';
import { CasesService } from './cases.service.js';
import { CreatePersonInput } from './dto/create-person.input.js';
import { PersonsArgs } from './dto/persons.args.js';
import { RegistrationInput } from './dto/registration.input.js';
import { PersonModel, PersonPageModel } from './person.model.js';
import { RegistrationModel } from './registration.model.js';

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
    @Args('personId', { type: () => ID }) personId: string,
    @Args('identity') identity: IdentityInput,
  ): Promise<PersonModel> {
    return this.cases.correctIdentity(this.scope.actorOf(principal), personId, identity);
  }

  @Roles(Role.RAPPORTEUR)
  @Mutation(() => RegistrationModel, { description: 'Adds a registration (another period or legal status) to a person.' })
  addRegistration(
    @CurrentPrincipal() principal: Principal,
    @Args('personId', { type: () => ID }) personId: string,
    @Args('input') input: RegistrationInput,
  ): Promise<RegistrationModel> {
    return this.cases.addRegistration(this.scope.actorOf(principal), personId, input);
  }

  @Roles(Role.RAPPORTEUR)
  @Mutation(() => RegistrationModel, { description: 'Replaces the statistical attributes of a registration.' })
  correctRegistration(
    @CurrentPrincipal() principal: Principal,
    @Args('registrationId', { type: () => ID }) registrationId: string,
    @Args('input') input: RegistrationInput,
  ): Promise<RegistrationModel> {
    return this.cases.correctRegistration(this.scope.actorOf(principal), registrationId, input);
  }

  @Roles(Role.RAPPORTEUR, Role.STEWARD)
  @Query(() => PersonModel)
  person(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<PersonModel> {
    return this.cases.person(this.scope.actorOf(principal), id);
  }

  @Roles(Role.RAPPORTEUR, Role.STEWARD)
  @Query(() => PersonPageModel, { description: 'Persons in order of creation, optionally those registered in a period.' })
  persons(@CurrentPrincipal() principal: Principal, @Args() args: PersonsArgs): Promise<PersonPageModel> {
    return this.cases.persons(this.scope.actorOf(principal), args);
  }
}

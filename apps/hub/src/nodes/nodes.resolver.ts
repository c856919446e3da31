import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Role, Roles } from '#app/auth';
import { RegisterNodeInput } from './dto/register-node.input.js';
import { RotateNodeKeyInput } from './dto/rotate-node-key.input.js';
import { NodeModel } from './node.model.js';
import { NodesService } from './nodes.service.js';

/** Node registry administration (contract, section 4). */
@Roles(Role.HUB_ADMIN)
@Resolver(() => NodeModel)
export class NodesResolver {
  constructor(private readonly nodesService: NodesService) {}

  @Query(() => [NodeModel], { description: 'Registered nodes with their keys and latest accepted return.' })
  nodes(): Promise<NodeModel[]> {
    return this.nodesService.list();
  }

  @Query(() => NodeModel)
  node(@Args('nodeId') nodeId: string): Promise<NodeModel> {
    return this.nodesService.get(nodeId);
  }

  @Mutation(() => NodeModel, { description: 'Registers a node, the countries it reports for and its public key.' })
  registerNode(@Args('input') input: RegisterNodeInput): Promise<NodeModel> {
    return this.nodesService.register(input);
  }

  @Mutation(() => NodeModel, { description: 'Adds a new key to a node, by default retiring its other keys.' })
  rotateNodeKey(@Args('input') input: RotateNodeKeyInput): Promise<NodeModel> {
    return this.nodesService.rotateKey(input);
  }

  @Mutation(() => NodeModel, { description: 'Retires one key; messages signed with it are refused from now on.' })
  retireNodeKey(@Args('kid') kid: string): Promise<NodeModel> {
    return this.nodesService.retireKey(kid);
  }

  @Mutation(() => NodeModel, { description: 'Retires a node: its messages are refused, its countries freed.' })
  retireNode(@Args('nodeId') nodeId: string): Promise<NodeModel> {
    return this.nodesService.retireNode(nodeId);
  }
}

import type { SubgraphDefinition } from '@intreccio/shared';
import { socialServices } from '@intreccio/social-services';

/** Every subgraph of the network, in port order. */
export const SUBGRAPHS: SubgraphDefinition[] = [socialServices];

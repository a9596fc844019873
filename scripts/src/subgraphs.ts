import type { SubgraphDefinition } from '@intreccio/shared';
import { companies } from '@intreccio/companies';
import { employmentCentre } from '@intreccio/employment-centre';
import { socialServices } from '@intreccio/social-services';
import { training } from '@intreccio/training';

/** Every subgraph of the network, in port order. */
export const SUBGRAPHS: SubgraphDefinition[] = [socialServices, employmentCentre, training, companies];

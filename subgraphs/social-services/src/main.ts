import { mainSubgraph } from '@intreccio/shared';
import { socialServices } from './index';

void mainSubgraph(socialServices);

import { mainSubgraph } from '@intreccio/shared';
import { training } from './index';

void mainSubgraph(training);

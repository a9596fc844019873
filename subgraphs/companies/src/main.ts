import { mainSubgraph } from '@intreccio/shared';
import { companies } from './index';

void mainSubgraph(companies);

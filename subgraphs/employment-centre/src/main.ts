import { mainSubgraph } from '@intreccio/shared';
import { employmentCentre } from './index';

void mainSubgraph(employmentCentre);

import { runServiceProcess } from '@intreccio/shared';
import { gatewayConfigFromEnv, startGateway } from './index';

void runServiceProcess('gateway', async (log) => startGateway(await gatewayConfigFromEnv(), log));

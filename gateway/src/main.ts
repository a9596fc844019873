import { ConfigError, createLogger } from '@intreccio/shared';
import { gatewayConfigFromEnv, startGateway } from './index';

async function main(): Promise<void> {
  const log = createLogger('gateway');
  try {
    const config = await gatewayConfigFromEnv();
    const running = await startGateway(config, log);
    const stop = async () => {
      await running.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`gateway: ${err.message}\n`);
      process.exit(2);
    }
    log.fatal({ err: { message: (err as Error).message, stack: (err as Error).stack } }, 'could not start');
    process.exit(1);
  }
}

void main();

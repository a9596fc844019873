import type { Principal } from '@intreccio/shared';

export interface GatewayContext {
  principal: Principal;
  requestId: string;
}

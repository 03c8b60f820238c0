import { createLogger } from '@lantern/logging';
import { PinoNestLogger } from './pino-nest-logger';

describe('PinoNestLogger', () => {
  it("writes Nest's start-up inventory (modules, controllers, routes) at debug level, the rest at its own level", () => {
    const lines: Array<{ level: string; msg: string }> = [];
    const logger = createLogger('test', 'debug', { write: (line: string) => void lines.push(JSON.parse(line)) });
    const nest = new PinoNestLogger(logger);
    nest.log('Mapped {/v1/orders, POST} route', 'RouterExplorer');
    nest.log('OrdersModule dependencies initialized', 'InstanceLoader');
    nest.log('OrdersHttpController {/v1/orders}:', 'RoutesResolver');
    nest.log('Nest application successfully started', 'NestApplication');
    nest.warn('deprecated', 'Something');
    expect(lines.map(({ level, msg }) => `${level} ${msg}`)).toEqual([
      'debug Mapped {/v1/orders, POST} route',
      'debug OrdersModule dependencies initialized',
      'debug OrdersHttpController {/v1/orders}:',
      'info Nest application successfully started',
      'warn deprecated',
    ]);
  });
});

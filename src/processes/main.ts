import { allInOneService } from './all-in-one-service.ts';
import { runService } from './run-service.ts';

await runService('all', allInOneService);

import { allInOneService } from './process/all-in-one-service.ts';
import { runService } from './process/run-service.ts';

await runService('all', allInOneService);

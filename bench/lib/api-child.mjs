/**
 * The built API (server/dist, startApi with the environment's config, as main.js runs it) in a
 * child process, counting the SQL statements it sends: GET http://127.0.0.1:<counter port>/
 * answers {"queries": n}. Prints "running at http://127.0.0.1:PORT counter COUNTER_PORT".
 */
import http from 'node:http';
import { server } from './kit.mjs';

const { startApi } = await server('main.js');
const { loadConfig } = await server('config/app-config.js');
const { TransactionService } = await server('database/transaction.service.js');

const app = await startApi(loadConfig());
const dataSource = app.get(TransactionService).dataSource;
let queries = 0;
const logger = dataSource.logger;
const logQuery = logger.logQuery.bind(logger);
logger.logQuery = (query, parameters, runner) => {
  queries++;
  return logQuery(query, parameters, runner);
};
const counter = http.createServer((req, res) => res.end(JSON.stringify({ queries })));
await new Promise((r) => counter.listen(0, '127.0.0.1', r));
console.log(`running at http://127.0.0.1:${app.getHttpServer().address().port} counter ${counter.address().port}`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));

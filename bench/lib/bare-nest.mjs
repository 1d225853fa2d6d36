/**
 * The baselines of the API benchmark: a NestJS + Apollo app on the server's own versions of
 * @nestjs/* and @apollo/server (resolved from the server folder), with the same platform
 * (express) and Apollo options that cost per request (CSRF prevention, cache control off), and three resolvers:
 *
 *   { ping }                          a constant (the framework alone);
 *   { packageFloor(id) }              the package row read by primary key through a mysql2 pool,
 *                                     its document parsed and returned (the floor for a read);
 *   mutation { saveFloor(...) }       the guarded UPDATE of the document and the INSERT of the
 *                                     save's record in one transaction (the floor for a save).
 *
 * The last two need BARE_DATABASE_URL (the benchmark's database). Whatever the real API does
 * beyond these is our code and our queries. Run as a child: prints "listening on PORT".
 */
import { serverImport, serverRequire } from './kit.mjs';

serverRequire('reflect-metadata');
const { Module } = await serverImport('@nestjs/common');
const { NestFactory } = await serverImport('@nestjs/core');
const { Args, GraphQLModule, Int, Mutation, Query, Resolver } = await serverImport('@nestjs/graphql');
const { ApolloDriver } = await serverImport('@nestjs/apollo');
const { GraphQLScalarType } = await serverImport('graphql');
const { ApolloServerPluginCacheControlDisabled } = await serverImport('@apollo/server/plugin/disabled');
const mysql = serverRequire('mysql2/promise');

const JSONValue = new GraphQLScalarType({ name: 'JSON', serialize: (v) => v, parseValue: (v) => v });
const pool = process.env.BARE_DATABASE_URL ? mysql.createPool({ uri: process.env.BARE_DATABASE_URL, connectionLimit: 10 }) : null;
let statements = 0;
const sql = async (conn, text, params) => {
  statements++;
  return conn.query(text, params);
};

class FloorResolver {
  ping() {
    return 'pong';
  }

  async packageFloor(id) {
    const [rows] = await sql(pool, 'SELECT `document` FROM `package` WHERE `id` = ?', [id]);
    return rows[0] ? JSON.parse(rows[0].document) : null;
  }

  async saveFloor(id, baseVersion, document, saveId, userId) {
    const conn = await pool.getConnection();
    try {
      await sql(conn, 'BEGIN');
      const [res] = await sql(conn, 'UPDATE `package` SET `document` = ?, `version` = `version` + 1, `lastEditedById` = ?, `lastEditedAt` = NOW(3) WHERE `id` = ? AND `version` = ?', [JSON.stringify(document), userId, id, baseVersion]);
      if (res.affectedRows !== 1) throw new Error('VERSION_CONFLICT');
      await sql(conn, 'INSERT INTO `package_save` (`id`, `packageId`, `userId`, `version`, `createdAt`) VALUES (?, ?, ?, ?, NOW(3))', [saveId, id, userId, baseVersion + 1]);
      await sql(conn, 'COMMIT');
      return baseVersion + 1;
    } catch (err) {
      await conn.query('ROLLBACK');
      throw err;
    } finally {
      conn.release();
    }
  }
}
// Decorators applied by hand: this file is plain JavaScript.
const method = (name) => [FloorResolver.prototype, name, Object.getOwnPropertyDescriptor(FloorResolver.prototype, name)];
const args = (name, params) => {
  // What TypeScript's emitDecoratorMetadata would have recorded.
  Reflect.defineMetadata('design:paramtypes', params.map(() => Object), FloorResolver.prototype, name);
  params.forEach(([arg, type], i) => Args(arg, { type: () => type })(FloorResolver.prototype, name, i));
};
Query(() => String)(...method('ping'));
Query(() => JSONValue, { nullable: true })(...method('packageFloor'));
args('packageFloor', [['id', String]]);
Mutation(() => Int)(...method('saveFloor'));
args('saveFloor', [['id', String], ['baseVersion', Int], ['document', JSONValue], ['saveId', String], ['userId', String]]);
Resolver()(FloorResolver);

class BareModule {}
Module({
  // Apollo's per-field cache-control plugin off, as the API has it: the floor is the framework set up as we set it up.
  imports: [GraphQLModule.forRoot({ driver: ApolloDriver, autoSchemaFile: true, path: '/graphql', csrfPrevention: true, includeStacktraceInErrorResponses: false, plugins: [ApolloServerPluginCacheControlDisabled()] })],
  providers: [FloorResolver],
})(BareModule);

const app = await NestFactory.create(BareModule, { logger: ['error'] });
// Statements sent so far (GET /statements), as the API child counts its own.
app.getHttpAdapter().get('/statements', (_req, res) => res.json({ queries: statements }));
await app.listen(0, '127.0.0.1');
console.log(`listening on ${app.getHttpServer().address().port}`);
process.on('SIGTERM', () => void app.close().then(() => pool?.end()).then(() => process.exit(0)));

/**
 * The baseline of the API benchmark: a NestJS + Apollo app with one resolver returning a
 * constant, on the server's own versions of @nestjs/* and @apollo/server (resolved from the
 * server folder), with the same platform (express) and Apollo options that cost per request
 * (CSRF prevention). Whatever the real API does beyond this is our code and our queries.
 * Run as a child: prints "listening on PORT".
 */
import { serverImport, serverRequire } from './kit.mjs';

serverRequire('reflect-metadata');
const { Module } = await serverImport('@nestjs/common');
const { NestFactory } = await serverImport('@nestjs/core');
const { GraphQLModule, Query, Resolver } = await serverImport('@nestjs/graphql');
const { ApolloDriver } = await serverImport('@nestjs/apollo');

class PingResolver {
  ping() {
    return 'pong';
  }
}
// Decorators applied by hand: this file is plain JavaScript.
Query(() => String)(PingResolver.prototype, 'ping', Object.getOwnPropertyDescriptor(PingResolver.prototype, 'ping'));
Resolver()(PingResolver);

class BareModule {}
Module({
  imports: [GraphQLModule.forRoot({ driver: ApolloDriver, autoSchemaFile: true, path: '/graphql', csrfPrevention: true, includeStacktraceInErrorResponses: false })],
  providers: [PingResolver],
})(BareModule);

const app = await NestFactory.create(BareModule, { logger: ['error'] });
await app.listen(0, '127.0.0.1');
console.log(`listening on ${app.getHttpServer().address().port}`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));

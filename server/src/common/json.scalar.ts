import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';

/** Arbitrary JSON (the package documents, computed figures); validated by @zipin/shared, not by GraphQL. */
export const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'A JSON value; documents are validated by the domain schema, not by GraphQL.',
  serialize: (v) => v,
  parseValue: (v) => v,
  parseLiteral: function parse(ast: ValueNode, variables?: Record<string, unknown> | null): unknown {
    switch (ast.kind) {
      case Kind.STRING:
      case Kind.BOOLEAN:
        return ast.value;
      case Kind.INT:
      case Kind.FLOAT:
        return Number(ast.value);
      case Kind.NULL:
        return null;
      case Kind.LIST:
        return ast.values.map((v) => parse(v, variables));
      case Kind.OBJECT:
        return Object.fromEntries(ast.fields.map((f) => [f.name.value, parse(f.value, variables)]));
      case Kind.VARIABLE:
        return variables?.[ast.name.value];
      default:
        return undefined;
    }
  },
});

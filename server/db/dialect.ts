import {
  type ColumnDefinitionNode,
  type CreateTableNode,
  type DataTypeNode,
  type Kysely,
  type KyselyPlugin,
  OperationNodeTransformer,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PostgresAdapter,
  type QueryResult,
  type RawNode,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';

/** The two stores the server runs on. */
export type Dialect = 'sqlite' | 'postgres';

/** Which dialect a Kysely instance (or a migration's `db`) speaks. */
export function dialectOf(db: Pick<Kysely<unknown>, 'getExecutor'>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * Reads the released migrations' SQLite column types the way PostgreSQL needs them, so the migrations keep
 * their text: `integer` holds epoch milliseconds, which overflow PostgreSQL's 32-bit `integer`, so it becomes
 * `bigint`; an autoincrement key becomes `bigserial`; SQLite's `without rowid` table option is dropped.
 */
class PortableSchema extends OperationNodeTransformer {
  protected override transformDataType(node: DataTypeNode): DataTypeNode {
    return node.dataType === 'integer' ? { ...node, dataType: 'bigint' } : node;
  }

  protected override transformColumnDefinition(node: ColumnDefinitionNode): ColumnDefinitionNode {
    const column = super.transformColumnDefinition(node);
    if (!column.autoIncrement) return column;
    return {
      ...column,
      autoIncrement: false,
      dataType: { kind: 'DataTypeNode', dataType: 'bigserial' } as DataTypeNode,
    };
  }

  protected override transformCreateTable(node: CreateTableNode): CreateTableNode {
    const table = super.transformCreateTable(node);
    const endModifiers = table.endModifiers?.filter(
      (m) => !(m.kind === 'RawNode' && /without rowid/i.test((m as RawNode).sqlFragments.join(''))),
    );
    return { ...table, endModifiers };
  }
}

/** The plugin the migrator uses on PostgreSQL (see {@link PortableSchema}). */
export class PortableSchemaPlugin implements KyselyPlugin {
  readonly #transformer = new PortableSchema();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node);
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

import DataLoader from 'dataloader';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { Principal } from './auth';
import type { Logger } from './logger';

/** Per-request loaders: created lazily, cached for the request only, so no data leaks between callers. */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(key: string, create: () => DataLoader<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(key) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = create();
      this.loaders.set(key, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }

  /** Forget cached rows after a write, so later reads in the same request see it. */
  clearAll(): void {
    for (const loader of this.loaders.values()) loader.clearAll();
  }
}

export interface RequestContext {
  principal: Principal;
  requestId: string;
  db: DataSource;
  loaders: LoaderRegistry;
  log: Logger;
}

function entityName(db: DataSource, entity: EntityTarget<ObjectLiteral>): string {
  return db.getMetadata(entity).name;
}

/** Loads rows of one entity by id: one statement for every id asked in the same tick. */
export function byId<T extends { id: string }>(ctx: RequestContext, entity: EntityTarget<T>): DataLoader<string, T | null> {
  const name = entityName(ctx.db, entity);
  return ctx.loaders.get(`${name}#id`, () =>
    new DataLoader<string, T | null>(async (ids) => {
      const rows = await ctx.db
        .getRepository(entity)
        .createQueryBuilder('e')
        .where('e.id = ANY(CAST(:ids AS uuid[]))', { ids: [...ids] })
        .getMany();
      const found = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => found.get(id) ?? null);
    }, { maxBatchSize: 5000 }),
  );
}

export interface GroupOptions {
  /** Extra SQL condition on alias `e`, e.g. `e.status = 'OPEN'`. */
  where?: string;
  orderBy?: Record<string, 'ASC' | 'DESC'>;
}

/**
 * Loads the rows of one entity that point at each given parent id through `column` (a uuid
 * property), grouped per parent, in one statement.
 */
export function groupedBy<T extends ObjectLiteral>(
  ctx: RequestContext,
  entity: EntityTarget<T>,
  property: keyof T & string,
  options: GroupOptions = {},
): DataLoader<string, T[]> {
  const name = entityName(ctx.db, entity);
  const key = `${name}#${property}#${options.where ?? ''}#${JSON.stringify(options.orderBy ?? {})}`;
  return ctx.loaders.get(key, () =>
    new DataLoader<string, T[]>(async (parentIds) => {
      const qb = ctx.db
        .getRepository(entity)
        .createQueryBuilder('e')
        .where(`e.${property} = ANY(CAST(:ids AS uuid[]))`, { ids: [...parentIds] });
      if (options.where) qb.andWhere(options.where);
      for (const [prop, dir] of Object.entries(options.orderBy ?? {})) qb.addOrderBy(`e.${prop}`, dir);
      const rows = await qb.getMany();
      const groups = new Map<string, T[]>(parentIds.map((id) => [id, []]));
      for (const row of rows) groups.get(row[property] as string)?.push(row);
      return parentIds.map((id) => groups.get(id) ?? []);
    }, { maxBatchSize: 5000 }),
  );
}

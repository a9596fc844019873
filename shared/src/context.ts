import DataLoader from 'dataloader';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { AccessSession } from './access/session';
import type { Principal } from './auth';
import type { Logger } from './logger';

/**
 * The request's loaders, created lazily and cached for the request only, so no data leaks between
 * callers. Their batches are dispatched in waves: a batch waits until no other batch of the request is
 * in flight, then goes out with every load the previous wave's results caused. Resolvers of one level
 * of a query receive their parents at different moments (each statement returns on its own), so
 * without the wave a loader could split one level's keys over two statements depending on timing; with
 * it, the statements a query costs follow from its shape alone.
 *
 * A batch function must therefore not wait on another request loader: it would wait for itself.
 */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();
  private inFlight = 0;
  private pending: (() => void)[] = [];
  private flushScheduled = false;

  get<K, V, C = K>(key: string, create: () => DataLoader<K, V, C>): DataLoader<K, V, C> {
    let loader = this.loaders.get(key) as DataLoader<K, V, C> | undefined;
    if (!loader) {
      loader = create();
      this.loaders.set(key, loader as unknown as DataLoader<unknown, unknown>);
    }
    return loader;
  }

  /** Forget cached rows after a write, so later reads in the same request see it. */
  clearAll(): void {
    for (const loader of this.loaders.values()) loader.clearAll();
  }

  schedule(dispatch: () => void): void {
    this.pending.push(dispatch);
    this.flushSoon();
  }

  async track<T>(work: () => Promise<T>): Promise<T> {
    this.inFlight++;
    try {
      return await work();
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) this.flushSoon();
    }
  }

  // setImmediate runs after every microtask, so the wave holds all loads the last results caused.
  private flushSoon(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      if (this.inFlight > 0 || this.pending.length === 0) return;
      const wave = this.pending;
      this.pending = [];
      for (const dispatch of wave) dispatch();
    });
  }
}

/** A loader whose batches go out in the request's waves (see `LoaderRegistry`). */
export function requestLoader<K, V, C = K>(
  registry: LoaderRegistry,
  batch: DataLoader.BatchLoadFn<K, V>,
  options: DataLoader.Options<K, V, C> = {},
): DataLoader<K, V, C> {
  return new DataLoader<K, V, C>((keys) => registry.track(() => batch(keys) as Promise<ArrayLike<V | Error>>), {
    batchScheduleFn: (dispatch) => registry.schedule(dispatch),
    maxBatchSize: 5000,
    ...options,
  });
}

export interface RequestContext {
  principal: Principal;
  requestId: string;
  db: DataSource;
  loaders: LoaderRegistry;
  log: Logger;
  /** The access rules as they apply to this request: grants verified, visibility, reads to log. */
  access: AccessSession;
}

function entityName(db: DataSource, entity: EntityTarget<ObjectLiteral>): string {
  return db.getMetadata(entity).name;
}

/** Loads rows of one entity by id: one statement for every id asked in the same tick. */
export function byId<T extends { id: string }>(ctx: RequestContext, entity: EntityTarget<T>): DataLoader<string, T | null> {
  const name = entityName(ctx.db, entity);
  return ctx.loaders.get(`${name}#id`, () =>
    requestLoader<string, T | null>(ctx.loaders, async (ids) => {
      const rows = await ctx.db
        .getRepository(entity)
        .createQueryBuilder('e')
        .where('e.id = ANY(CAST(:ids AS uuid[]))', { ids: [...ids] })
        .getMany();
      const found = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => found.get(id) ?? null);
    }),
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
    requestLoader<string, T[]>(ctx.loaders, async (parentIds) => {
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
    }),
  );
}

import type DataLoader from 'dataloader';
import { requestLoader, type RequestContext } from '@intreccio/shared';
import { Course } from './course.type';

/**
 * The courses teaching each asked skill, by title: one statement for every skill asked in the
 * request (the GIN index on the array answers the overlap), then grouped here.
 */
export function coursesTeaching(ctx: RequestContext): DataLoader<string, Course[]> {
  return ctx.loaders.get('Course#skillsTaught', () =>
    requestLoader<string, Course[]>(ctx.loaders, async (uris) => {
      const rows = await ctx.db.getRepository(Course).createQueryBuilder('c')
        .where('c.skills_taught && CAST(:uris AS varchar[])', { uris: [...uris] })
        .orderBy('c.title', 'ASC')
        .addOrderBy('c.id', 'ASC')
        .getMany();
      const groups = new Map<string, Course[]>(uris.map((uri) => [uri, []]));
      for (const course of rows) {
        for (const uri of course.skillsTaughtUris) groups.get(uri)?.push(course);
      }
      return uris.map((uri) => groups.get(uri) ?? []);
    }, { maxBatchSize: 5000 }),
  );
}

import { Directive, Arg, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { PUBLIC, ProblemList, searchEscoOccupations, searchEscoSkills } from '@intreccio/shared';
import { checkFirst } from '../common/rules';
import { Occupation, occupationByUri, Skill, skillByUri, skillsOf, toOccupation } from './esco.type';

const MAX_SEARCH = 100;

function checkSearch(first: number): void {
  const problems = new ProblemList();
  checkFirst(problems, first, MAX_SEARCH);
  problems.throwIfAny();
}

@Resolver(() => Skill)
export class SkillResolver {
  @Query(() => Skill, { nullable: true, description: 'An ESCO skill by URI.' })
  @Directive(PUBLIC)
  skill(@Arg('uri', () => String) uri: string): Skill | null {
    return skillByUri(uri);
  }

  @Query(() => [Skill], { description: 'ESCO skills whose label contains the text; labels starting with it first.' })
  @Directive(PUBLIC)
  skills(@Arg('search', () => String) search: string, @Arg('first', () => Int, { defaultValue: 20 }) first: number): Skill[] {
    checkSearch(first);
    return searchEscoSkills(search, first).map((s) => ({ uri: s.uri, label: s.label, kind: s.kind }));
  }
}

@Resolver(() => Occupation)
export class OccupationResolver {
  @Query(() => Occupation, { nullable: true, description: 'An ESCO occupation by URI.' })
  @Directive(PUBLIC)
  occupation(@Arg('uri', () => String) uri: string): Occupation | null {
    return occupationByUri(uri);
  }

  @Query(() => [Occupation], { description: 'ESCO occupations whose label contains the text; labels starting with it first.' })
  @Directive(PUBLIC)
  occupations(@Arg('search', () => String) search: string, @Arg('first', () => Int, { defaultValue: 20 }) first: number): Occupation[] {
    checkSearch(first);
    return searchEscoOccupations(search, first).map(toOccupation);
  }

  @FieldResolver(() => [Skill], { description: 'Skills ESCO deems essential for the occupation.' })
  @Directive(PUBLIC)
  essentialSkills(@Root() o: Occupation): Skill[] {
    return skillsOf(o.essentialSkillUris);
  }

  @FieldResolver(() => [Skill], { description: 'Skills ESCO lists as optional for the occupation.' })
  @Directive(PUBLIC)
  optionalSkills(@Root() o: Occupation): Skill[] {
    return skillsOf(o.optionalSkillUris);
  }
}

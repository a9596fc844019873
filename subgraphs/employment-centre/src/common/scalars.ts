import { GraphQLDateTime, GraphQLLocalDate } from 'graphql-scalars';

/** Calendar dates as 'YYYY-MM-DD' strings; instants as ISO date-times. */
export const LocalDate = GraphQLLocalDate;
export const DateTime = GraphQLDateTime;

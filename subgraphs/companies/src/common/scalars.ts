import { GraphQLDateTime, GraphQLLocalDate, GraphQLSafeInt } from 'graphql-scalars';

/** Calendar dates as 'YYYY-MM-DD' strings; instants as ISO date-times; sums of cents beyond 32 bits. */
export const LocalDate = GraphQLLocalDate;
export const DateTime = GraphQLDateTime;
export const SafeInt = GraphQLSafeInt;

import { GraphQLDateTime, GraphQLLocalDate, GraphQLUUID } from 'graphql-scalars';

/** Calendar dates as 'YYYY-MM-DD' strings; instants as ISO date-times; ids as UUIDs. */
export const LocalDate = GraphQLLocalDate;
export const DateTime = GraphQLDateTime;
export const UUID = GraphQLUUID;

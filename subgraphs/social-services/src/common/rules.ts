// The checks every subgraph's mutations make the same way live in the shared package.
export {
  isUuid, referenced, reloaded, checkVersion, checkMunicipality, checkDateOrder, today, conflictsAsErrors, violatedConstraint,
} from '@intreccio/shared';

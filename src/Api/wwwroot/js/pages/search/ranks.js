// Where each trial stands, as the server ranks it (GET /api/searches/{id}/leaderboard): the page shows
// these ranks and never ranks trials itself, so it cannot disagree with the API and the CLI.

/** The most entries one leaderboard read returns (the API's largest ?top). */
export const BOARD_TOP = 1000;

/** The rank of every trial on the board: an entry's rank for each of its repeats, or for its trial. */
export function ranksOf(entries) {
  const ranks = new Map();
  for (const entry of entries ?? []) {
    for (const trialId of entry.repeats?.trialIds ?? [entry.trialId]) ranks.set(trialId, entry.rank);
  }
  return ranks;
}

/** A fold of a cross-validation: it re-trains a grid point on another split, so it is no point of the grid. */
export function isFold(trial) {
  return trial.config?.folds != null;
}

/** A fold's number (from 1) and its cross-validation's folds; null for a trial that is no fold. */
export function foldOf(trial) {
  return isFold(trial) ? { number: (trial.config.fold ?? 0) + 1, folds: trial.config.folds } : null;
}

/** A trial the pruner stopped early: it succeeded, with the metrics of fewer epochs. */
export function isPruned(trial) {
  return trial.status === 'succeeded' && trial.result?.stopReason === 'pruned';
}

/** Why a trial has no rank, for its rank cell's tooltip; null when it is ranked or not finished. */
export function unrankedReason(trial, boardFull) {
  const fold = foldOf(trial);
  if (fold) return `Fold ${fold.number} of ${fold.folds} of a cross-validation: not a point of the grid, so not ranked.`;
  if (trial.status !== 'succeeded') return null;
  if (isPruned(trial)) return 'Pruned: stopped early by the pruner, so its metrics are of fewer epochs and it is not ranked.';
  return boardFull ? `Not among the leaderboard's top ${BOARD_TOP}.` : 'Not on the leaderboard yet.';
}

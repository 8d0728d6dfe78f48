/* The page's one state object, the element look-up and the explorer API's base path. */
export const $ = (id) => document.getElementById(id);
export const BASE = '/v1/explorer';

/** The page's state; one object, changed only by the views' functions. */
export const S = {
  examples: [],
  storedPolicies: [],
  dataset: null,
  loadSeq: 0,
  curveSeq: 0,
  view: { segment: [], round: null, fewPositives: null, seed: 1 },
  curve: null,          // {thr, tp, fp, tieP, tieN, P, N, deployed: {tp, fp} | null}
  markers: [],          // [{def, data}]
  keep: [],             // thresholds the user typed or opened, kept exactly on refetch
  index: 0,             // the threshold's index in curve arrays
  blockIndex: 0,        // the block threshold's index (bands mode); blockIndex <= index
  bands: false,
  joint: null,          // the last joint band choice {block, review, ...}
  segmentChoices: null, // the last /segments answer
  pendingThresholds: null, // thresholds to move to after the next curve load
  charts: {},
  draft: null,
  timings: [],
};

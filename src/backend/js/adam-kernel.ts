/**
 * Adam's update over a range of one parameter, for the js backend to split across its
 * threads. The loops are src/optim/adam-ranges.ts's, the very functions src/optim's
 * adamUpdate runs, so a split update gives the rule's bits (a test compares them).
 *
 * The one import from above src/backend: adam-ranges.ts imports nothing, and its
 * functions are self-contained, so the worker pool ships their source text to its
 * threads (worker-source.ts).
 */
export { adamKerasRange, adamTorchRange } from '../../optim/adam-ranges.ts';

/** The lab's number format (src/lab/ui/dom.ts's fmt), for tests that compare what the page shows; importing dom.ts itself needs no DOM. */
export { fmt as fmtNumber } from '../../src/lab/ui/dom.ts';

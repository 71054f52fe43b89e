/** Types of scenarios.js (plain JavaScript so that the page can import it as it is). */
export interface FuzzRow { op: string; passed: boolean; cases: number; worstError: number }
export interface TraceCase { optimizer: string; convention: string; text?: string; refused?: string }
export function traceInputs(sg: object): { optimizer: string; convention: string; json: string }[];
export interface NeumfSteps { losses: number[]; parameters: Record<string, number[]> }
export type KernelResults = Record<string, { value: number[]; sumAbs?: number[] }>;
export function fuzzEveryOp(sg: object, options?: { seed?: number; runs?: number }): Promise<FuzzRow[]>;
export function traceEveryOptimizer(sg: object): TraceCase[];
export function neumfSteps(sg: object, options?: { steps?: number; batch?: number }): NeumfSteps;
export function kernelOps(sg: object): KernelResults;
export function largeProducts(sg: object): Record<'y' | 'c' | 'dw' | 'dx', number[]>;
export function trainTwoEpochs(sg: object): { history: Record<string, number>[]; baseline: object; parameterCount: number };
export function protocolEpochs(sg: object, epochs: number): { seconds: number; loss: number }[];
